"""The zoom levels every map of the atlas allows, and so every link may carry.

One pair for both sides: the maps set them as Leaflet's ``minZoom``/``maxZoom`` (with no tile
layer Leaflet would otherwise let the wheel go on zooming), and :mod:`border_atlas.filters.link` accepts
exactly this range, so a view the map can show is a view a link can reopen. 18 is the deepest
zoom the online basemap's tiles are drawn at.
"""

from __future__ import annotations

MIN_ZOOM = 5
MAX_ZOOM = 18
