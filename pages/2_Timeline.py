"""Timeline: when each assignment held, against the COVID-19 border closure and reopening."""

from __future__ import annotations

import streamlit as st

from border_atlas.ui.page import start_page
from border_atlas.ui.timeline_panel import show_counts_over_time, show_figures, show_timeline
from border_atlas.views.period_counts import UNITS

page = start_page(
    page="timeline",
    title="Timeline",
    help_text=(
        "When each assignment is known to have held. A bar runs over the period a record gives (paler when it is "
        "dated only to the month or year); a diamond is a record known only by its report date. Dashed lines mark "
        "the eras (from eras.csv) and dated events such as the border's closure to foreign tourists in January 2020 "
        "and the return of citizens from abroad in August 2023. Hover for the source and grade. The filters in the "
        "sidebar apply here too. With more than 1,000 records, cells count them per month or year instead; "
        "click one to list its records."
    ),
)
rows_column, unit_column = st.columns(2)
group_by = rows_column.radio("One row per", ["organisation", "place"], horizontal=True, key="timeline_group")
unit = unit_column.radio("Count per", UNITS, horizontal=True, key="timeline_unit",
                         help="The time step of the counts over time (and of the timeline's cells when there are "
                              "too many records to draw one by one).")
if page.selection.count == 0:
    st.info("No record matches these filters.")
else:
    show_timeline(page.selection, group_by=group_by, unit=unit)
    st.subheader("Counts over time")
    st.caption("Records per organisation in each month or year: a record counts in every one its known period "
               "overlaps (start to end; a missing bound is the report date). Hover a bar for its count.")
    show_counts_over_time(page.selection, unit=unit)

st.subheader("Bribes before and after COVID-19")
st.caption("Reported amounts as ranges (minimum to maximum), from figures.csv; hover for the source.")
show_figures(page.dataset)
