"""Step 4: check the draft with the data's own rules and preview it on the map beside the old records."""

from __future__ import annotations

import streamlit as st

from border_atlas.drafting import TABLES, Draft, DraftCheck, check_draft
from border_atlas.drafting.preview import preview_selection
from border_atlas.loading.dataset import Dataset, load_dataset
from border_atlas.readers import SqlTables
from border_atlas.text.escaping import markdown
from border_atlas.text.wording import count_label
from border_atlas.ui.add_report.state import store
from border_atlas.ui.map_panel import show_map

MAP_HEIGHT = 480


def review(mode: str, draft: Draft, dataset: Dataset) -> DraftCheck:
    """The check of the draft as it stands, with its problems listed by table, row and field."""
    st.header("4. Check and preview")
    # All tables of one moment (one transaction): a save by another analyst never meets the check half-way,
    # and the check's base is that same moment (from the cache of validated tables).
    reader = SqlTables(store(), store().contents())
    check = check_draft(draft, reader, base=load_dataset(reader, cache=True))
    if check.problems:
        st.error(markdown("{count} to solve: nothing is saved while a problem remains. Rows are counted from 1 in "
                          "each table above.", count=count_label(len(check.problems), "problem")))
        st.dataframe([{"table": p.table, "row": p.row, "field": p.field, "problem": p.message}
                      for p in check.problems], hide_index=True, width="stretch", key=f"ar_{mode}_problems")
    elif check.prepared.is_empty:
        st.info("The draft has no rows yet.")
    else:
        st.success("No problem: the new rows meet every rule the data is loaded with.")
    only_new = st.toggle("Show only the new records", key=f"ar_{mode}_only_new")
    st.caption("The map shows the data with the new rows as it would load after saving; rows with a problem are "
               "left out, as they would be.")
    # No copy-link control: a link cannot carry rows that are not saved yet.
    show_map(preview_selection(check, only_new=only_new), key=f"ar_{mode}_map", height=MAP_HEIGHT,
             copy_link=False)
    with st.expander("The rows that would be saved"):
        for table in TABLES:
            frame = check.prepared.table(table)
            if not frame.empty:
                st.caption(f"{table}.csv: {count_label(len(frame), 'new row')}")
                st.dataframe(frame.dropna(axis=1, how="all"), hide_index=True, width="stretch")
    return check
