"""Era comparison: the same filters before and after COVID-19, two maps moving together."""

from __future__ import annotations

import streamlit as st

from border_atlas.comparison import comparison_document
from border_atlas.ui.data import get_dataset, show_problems
from border_atlas.ui.offline import serve_offline_assets
from border_atlas.ui.sidebar import filter_sidebar

st.set_page_config(page_title="Before and after — Border Atlas", page_icon="🗺️", layout="wide")
dataset = get_dataset()
state = filter_sidebar(dataset, page="before-after", show_view_options=False)
st.title("Before and after COVID-19")
st.caption(
    "Who controlled the border before the January 2020 closure, and who after. Both maps use your organisation, "
    "place, role and grade filters; the era and date filters are replaced by each era (from eras.csv). Pan or "
    "zoom either map and the other follows."
)
show_problems(dataset)
serve_offline_assets()
st.iframe(comparison_document(dataset, state, assets="served-page"), height=820)
