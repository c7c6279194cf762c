"""Era comparison: the same filters before and after COVID-19, two maps moving together."""

from __future__ import annotations

import streamlit as st

from border_atlas.comparison import ComparisonUnavailable, comparison_document, era_selections, era_summary
from border_atlas.control_summary import control_markdown
from border_atlas.escaping import markdown
from border_atlas.ui.basemaps import show_basemap_pickers
from border_atlas.ui.document_frame import show_document
from border_atlas.ui.offline import serve_offline_assets
from border_atlas.ui.page import start_page

page = start_page(
    page="before-after",
    title="Before and after COVID-19",
    help_text=(
        "Who controlled the border before the January 2020 closure, and who after. Both maps use your organisation, "
        "place, role and grade filters; the era and date filters are replaced by each era (from eras.csv). Pan or "
        "zoom either map and the other follows."
    ),
    show_count=False,
)
serve_offline_assets()
show_basemap_pickers(page.link.view)
try:
    basemaps = (page.link.view.basemap, page.link.view.basemap_right)
    show_document(comparison_document(page.selection, assets="served-page", control=False, basemaps=basemaps),
                  height=820)
    for column, era in zip(st.columns(2), era_selections(page.selection), strict=True):
        summary = era_summary(era)
        with column, st.container(key=f"ba-control-{era.state.era}"):
            st.markdown(markdown("**Who controlled what: {era}** · {count}", era=summary.title, count=summary.count))
            st.markdown(control_markdown(summary.control))
except ComparisonUnavailable as reason:
    st.warning(str(reason))
