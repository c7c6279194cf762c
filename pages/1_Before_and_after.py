"""Era comparison: the same filters before and after COVID-19, two maps moving together."""

from __future__ import annotations

from datetime import date

import streamlit as st

from border_atlas.filters.selection_cache import per_selection
from border_atlas.text.escaping import markdown
from border_atlas.ui.basemaps import show_basemap_pickers
from border_atlas.ui.document_clicks import document_click
from border_atlas.ui.document_frame import show_document
from border_atlas.ui.offline import serve_offline_assets
from border_atlas.ui.page import start_page
from border_atlas.ui.records_table import show_place_records
from border_atlas.views.comparison import (
    ComparisonUnavailable,
    compared_place,
    comparison_document,
    era_selections,
    era_summary,
    listable,
)
from border_atlas.views.control_summary import control_markdown

LIST_HINT = "Click a place on either map to list its records in that era here, a page at a time."

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
    today = date.today()
    # Kept by the filters, so that a click's rerun sends the same document and the maps keep their view.
    document = per_selection(page.selection, "comparison-document", lambda: comparison_document(
        page.selection, assets="served-page", control=False, basemaps=basemaps, made_on=today), basemaps, today)
    show_document(document, height=820)
    click = document_click(key="ba-compare-click")  # after the document: the page's first frame stays its maps
    eras = era_selections(page.selection)
    chosen = compared_place(click, *eras)
    if chosen is not None:
        show_place_records(eras[chosen[0]], chosen[1], where=era_summary(eras[chosen[0]]).title)
    elif listable(*eras):
        st.caption(LIST_HINT)
    for column, era in zip(st.columns(2), eras, strict=True):
        summary = era_summary(era)
        with column, st.container(key=f"ba-control-{era.state.era}"):
            st.markdown(markdown("**Who controlled what: {era}** · {count}", era=summary.title, count=summary.count))
            st.markdown(control_markdown(summary.control))
except ComparisonUnavailable as reason:
    st.warning(str(reason))
