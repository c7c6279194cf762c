"""The app's entry point (``streamlit run app.py``, as ``make run`` does): the dashboard and its pages on
Streamlit's ASGI server, with the tile route for the analyst's own basemaps and a check of the Host header."""

from __future__ import annotations

import streamlit as st

from border_atlas.hosts import host_check
from border_atlas.tiles.routes import tile_routes

app = st.App("dashboard.py", routes=tile_routes(st.get_option("server.baseUrlPath")), middleware=[host_check()])
