"""The app's entry point (``streamlit run app.py``, as ``make run`` does): the dashboard and its pages on
Streamlit's ASGI server, with the tile route for the analyst's own basemaps and a check of the Host header."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from border_atlas.runtime.hosts import host_check
from border_atlas.tiles.routes import tile_routes

# dashboard.py lists the pages (st.navigation) by the member's role. Streamlit 1.67 would otherwise run a page
# from pages/ on its own, with every page listed, when a session opens that page's address before any session
# has run dashboard.py since the server started (its older multipage mode, chosen by the folder's presence).
PagesManager.uses_pages_directory = False

app = st.App("dashboard.py", routes=tile_routes(st.get_option("server.baseUrlPath")), middleware=[host_check()])
