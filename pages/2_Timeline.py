"""Timeline: when each assignment held, against the COVID-19 border closure and reopening."""

from __future__ import annotations

import streamlit as st

from border_atlas.timeline import figures_charts, timeline_chart, timeline_legend_html
from border_atlas.ui.page import start_page

page = start_page(
    page="timeline",
    title="Timeline",
    help_text=(
        "When each assignment is known to have held. A bar runs over the period a record gives (paler when it is "
        "dated only to the month or year); a diamond is a record known only by its report date. Dashed lines mark "
        "the eras (from eras.csv) and dated events such as the border's closure to foreign tourists in January 2020 "
        "and the return of citizens from abroad in August 2023. Hover for the source and grade. The filters in the "
        "sidebar apply here too."
    ),
)
group_by = st.radio("One row per", ["organisation", "place"], horizontal=True, key="timeline_group")
if page.selection.records.empty:
    st.info("No record matches these filters.")
else:
    st.altair_chart(timeline_chart(page.selection, group_by=group_by), width="stretch")
    st.html(timeline_legend_html(page.selection))  # escaped by the package

st.subheader("Bribes before and after COVID-19")
st.caption("Reported amounts as ranges (minimum to maximum), from figures.csv; hover for the source.")
for chart in figures_charts(page.dataset):
    st.altair_chart(chart, width="stretch")
