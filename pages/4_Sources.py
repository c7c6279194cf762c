"""Sources: every report and reference work, what it supports, and how good the data is."""

from __future__ import annotations

import streamlit as st

from border_atlas.caption import count_label
from border_atlas.escaping import markdown
from border_atlas.quality import approximate_locations, date_precision, unverified_claims
from border_atlas.ui.page import start_page
from border_atlas.ui.records_table import records_frame

dataset, state, selection = start_page(
    page="sources",
    title="Sources",
    help_text=(
        "Says who: each source with the records that cite it (paragraphs are the non-empty lines after the title, "
        "counted from 1), each record's Admiralty grade (reliability A–F, credibility 1–6), and a data-quality panel "
        "for the records that match your filters."
    ),
)

st.header("Data quality")
a, b = st.columns(2)
with a:
    st.subheader("Approximate locations")
    st.dataframe(approximate_locations(selection), hide_index=True, width="stretch")
with b:
    st.subheader("Date precision")
    st.dataframe(date_precision(selection), hide_index=True, width="stretch")
    st.subheader("Unverified claims")
    st.dataframe(unverified_claims(dataset, selection), hide_index=True, width="stretch")

st.header("Reports")
records = selection.records
for source in dataset.sources[dataset.sources["kind"] == "report"].itertuples():
    mine = records[records["source_id"] == source.id]
    with st.expander(markdown("{outlet} — {title} ({published}) · {count}", outlet=source.outlet, title=source.title,
                               published=source.published, count=count_label(len(mine))),
                     expanded=True):
        st.caption(markdown("{locator}. {note}", locator=source.locator, note=source.note))
        if mine.empty:
            st.write("No record from this report matches the filters.")
        else:
            frame = records_frame(selection)
            st.dataframe(frame[records["source_id"].to_numpy() == source.id], hide_index=True, width="stretch")

st.header("Reference works")
st.caption("Where coordinates, dates and names that the reports do not give come from.")
refs = dataset.sources[dataset.sources["kind"] == "reference"]
uses = {row.id: [] for row in refs.itertuples()}
for place in dataset.places.itertuples():
    uses.setdefault(place.coord_source_id, []).append(f"position of {place.name}")
for record in dataset.assignments.dropna(subset=["date_source_id"]).itertuples():
    uses.setdefault(record.date_source_id, []).append(f"date of {record.id}")
for event in dataset.events.itertuples():
    uses.setdefault(event.source_id, []).append(f"event: {event.label}")
st.dataframe(
    [{"source": r.outlet, "title": r.title, "date": r.published if isinstance(r.published, str) else "",
      "supports": "; ".join(uses.get(r.id, [])) or "—", "note": r.note if isinstance(r.note, str) else ""}
     for r in refs.itertuples()],
    hide_index=True, width="stretch",
)
