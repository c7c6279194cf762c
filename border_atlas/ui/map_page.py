"""The map page (the app's first page, at "/"): the map, the records of a clicked place, the records, the exports;
or the briefing view when the link asks for it."""

from __future__ import annotations

import streamlit as st

from border_atlas.ui.briefing_view import show_briefing
from border_atlas.ui.exports_panel import show_exports
from border_atlas.ui.map_panel import show_map
from border_atlas.ui.page import open_page, page_header
from border_atlas.ui.place_finder import place_finder
from border_atlas.ui.records_table import show_place_records, show_records


def map_page() -> None:
    page = open_page(page="map", tab_title="Border Atlas — Ryanggang", show_view_options=True)
    place_finder(page.dataset)
    if page.link.view.briefing:
        show_briefing(page.selection, page.link.briefing)
    else:
        page_header(
            page.selection,
            title="Border Atlas: Ryanggang border",
            help_text="Who was assigned where on the North Korea–China border, who ordered it, and when. Click a "
            "place for its records and sources; markers drawn dashed (≈) have an approximate position.",
        )
        clicked = show_map(page.selection, view=page.link.view)
        show_place_records(page.selection, clicked)
        show_records(page.selection)
    with st.container(key="ba-exports"):
        show_exports(page.selection, page.link.briefing)
