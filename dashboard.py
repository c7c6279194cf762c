"""Border Atlas: the map of who controls smuggling on the Ryanggang border."""

from __future__ import annotations

import streamlit as st

from border_atlas import select
from border_atlas.caption import count_label, describe
from border_atlas.ui.briefing_view import leave_briefing, show_briefing
from border_atlas.ui.data import get_dataset, show_problems
from border_atlas.ui.exports_panel import show_exports
from border_atlas.ui.map_panel import show_map
from border_atlas.ui.place_finder import place_finder
from border_atlas.ui.records_table import show_records
from border_atlas.ui.sidebar import filter_sidebar

st.set_page_config(page_title="Border Atlas — Ryanggang", page_icon="🗺️", layout="wide")

dataset = get_dataset()
state = filter_sidebar(dataset, page="map")
place_finder(dataset)
selection = select(dataset, state)

if state.briefing:
    show_briefing(selection)
    st.button("Leave the briefing view", on_click=leave_briefing)
    show_exports(selection)
else:
    st.title("Border Atlas: Ryanggang border")
    st.caption(
        "Who was assigned where on the North Korea–China border, who ordered it, and when. Click a place for its "
        "records and sources; markers drawn dashed (≈) have an approximate position."
    )
    show_problems(dataset)
    st.markdown(f"**{count_label(selection.count)}** · {describe(state, dataset)}")
    show_map(selection)
    show_records(selection)
    show_exports(selection)
