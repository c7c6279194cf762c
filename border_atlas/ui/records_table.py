"""The matching records as a table under the map."""

from __future__ import annotations

import streamlit as st

from border_atlas.selection import Selection
from border_atlas.tables import records_table


def show_records(selection: Selection) -> None:
    if selection.records.empty:
        st.info("No record matches these filters. Widen the era or date range, or clear a filter.")
        return
    st.dataframe(records_table(selection.record_list), hide_index=True, width="stretch")
