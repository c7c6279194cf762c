"""What the running app needs around the data: the host names the server answers to (``hosts``), the
map's scripts and stylesheets served by the app itself (``offline_assets``), an upload read in a child
process with a memory and a time limit (``isolation``), and the system's Chromium for the PNG, cut off
from the network (``chromium``).
"""
