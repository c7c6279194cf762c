"""The matching records as a table under the map."""

from __future__ import annotations

import streamlit as st

from border_atlas.mapview.markers import period_text
from border_atlas.selection import Selection


def records_frame(selection: Selection):
    r = selection.records
    if r.empty:
        return r
    frame = r.assign(
        when=[period_text(s, e, rep) for s, e, rep in zip(r["start"], r["end"], r["reported"])],
        source=[f"{o}, {d}, ¶ {p.replace(';', ', ')}" for o, d, p in
                zip(r["source_outlet"], r["source_published"], r["paragraphs"])],
    )
    return frame[["place_name", "org_name", "role", "partner_name", "ordered_by_name", "summary", "when",
                  "source", "grade"]].rename(columns={
                      "place_name": "Place", "org_name": "Organisation", "role": "Role", "partner_name": "With",
                      "ordered_by_name": "Ordered by", "summary": "What", "when": "When", "source": "Source",
                      "grade": "Grade"})


def show_records(selection: Selection) -> None:
    if selection.records.empty:
        st.info("No record matches these filters. Widen the era or date range, or clear a filter.")
        return
    st.dataframe(records_frame(selection), hide_index=True, width="stretch")
