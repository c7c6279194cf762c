"""Sources: every report and reference work, what it supports, and how good the data is."""

from __future__ import annotations

import streamlit as st

from border_atlas.text.escaping import escape_markdown
from border_atlas.ui.page import start_page
from border_atlas.ui.records_table import show_records_at
from border_atlas.views.quality import approximate_locations, date_precision, unverified_claims
from border_atlas.views.tables import history_link, reference_uses, report_sections

page = start_page(
    page="sources",
    title="Sources",
    help_text=(
        "Says who: each source with the records that cite it (paragraphs are the non-empty lines after the title, "
        "counted from 1; 500 records at a time, in date order), each record's Admiralty grade (reliability A–F, "
        "credibility 1–6), and a data-quality panel for the records that match your filters."
    ),
)

st.header("Data quality")
a, b = st.columns(2)
with a:
    st.subheader("Approximate locations")
    approximate = approximate_locations(page.selection)
    st.dataframe(approximate, hide_index=True, width="stretch")
    if approximate.attrs["places"] > len(approximate):
        st.caption(f"The {len(approximate):,} places with most records, of {approximate.attrs['places']:,} "
                   "with an approximate position.")
with b:
    st.subheader("Date precision")
    st.dataframe(date_precision(page.selection), hide_index=True, width="stretch")
    st.subheader("Unverified claims")
    st.dataframe(unverified_claims(page.dataset, page.selection), hide_index=True, width="stretch")

st.header("Reports")
for section in report_sections(page.selection):
    with st.expander(escape_markdown(section.heading), expanded=True):
        st.caption(escape_markdown(section.caption))
        st.markdown(f"[History of this report]({history_link('report', section.source_id)})")  # id percent-encoded
        if not section.count:
            st.write("No record from this report matches the filters.")
        else:
            show_records_at(page.selection, section.positions, key=f"ba-source-{section.source_id}")

st.header("Reference works")
st.caption("Where coordinates, dates and names that the reports do not give come from.")
st.dataframe(reference_uses(page.dataset), hide_index=True, width="stretch")
