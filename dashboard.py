"""Border Atlas: the map of who controls smuggling on the Ryanggang border."""

from __future__ import annotations

import streamlit as st

from border_atlas.ui.briefing_view import leave_briefing, show_briefing
from border_atlas.ui.exports_panel import show_exports
from border_atlas.ui.map_panel import show_map
from border_atlas.ui.page import open_page, page_header
from border_atlas.ui.place_finder import place_finder
from border_atlas.ui.records_table import show_records

dataset, state, selection = open_page(page="map", tab_title="Border Atlas — Ryanggang", show_view_options=True)
place_finder(dataset)

if state.briefing:
    show_briefing(selection)
    st.button("Leave the briefing view", on_click=leave_briefing)
else:
    page_header(
        selection,
        title="Border Atlas: Ryanggang border",
        help_text="Who was assigned where on the North Korea–China border, who ordered it, and when. Click a place "
        "for its records and sources; markers drawn dashed (≈) have an approximate position.",
    )
    show_map(selection)
    show_records(selection)
show_exports(selection)
