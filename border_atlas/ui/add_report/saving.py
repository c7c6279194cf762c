"""Step 5: save through the store (refused if the files changed since they were read), the journal, undo."""

from __future__ import annotations

import streamlit as st

from border_atlas.drafting import DraftCheck, save_draft
from border_atlas.escaping import markdown
from border_atlas.store import StoreError
from border_atlas.ui.add_report import state

JOURNAL_ROWS = 20


def save_section(mode: str, check: DraftCheck) -> None:
    st.header("5. Save")
    st.caption("Rows are appended to the tables and the report's plain text is archived in reports/; no byte "
               "already in a file changes. A save is refused if another session changed the files meanwhile.")
    clicked = st.button("Save the new rows", key=f"ar_{mode}_save", type="primary", disabled=not check.ok)
    if not clicked:
        return
    try:
        result = save_draft(state.store(), check, expected=state.snapshot())
    except (StoreError, OSError) as exc:
        st.error(markdown("{message}", message=str(exc)))
        st.button("Read the data again (keeps your draft)", key=f"ar_{mode}_reload", on_click=state.refresh_snapshot)
        return
    counts = ", ".join(f"{n} {table}" for table, n in result.entry.row_counts.items())
    archived = f"; report archived as reports/{result.entry.source_id}.txt" if result.entry.source_id else ""
    state.after_save(mode, result, f"Saved ({result.entry.id}): {counts}{archived}.")
    st.rerun()


def _undo() -> None:
    try:
        result = state.store().undo()
    except (StoreError, OSError) as exc:
        state.say("error", str(exc))
        return
    state.refresh_snapshot(result.snapshot)
    state.say("success", f"Undone: save {result.entry.undoes}; the files hold exactly what they held before it.")


def journal_section() -> None:
    st.header("Saves and undo")
    try:
        entries = state.store().journal()
    except (StoreError, OSError) as exc:
        st.error(markdown("The journal cannot be read: {message}", message=str(exc)))
        return
    if not entries:
        st.caption("Nothing has been saved from this page yet.")
        return
    st.dataframe([{"entry": e.id, "what": e.kind, "when (UTC)": e.time, "report": e.source_id,
                   "rows": ", ".join(f"{n} {t}" for t, n in e.row_counts.items()), "note": e.note,
                   "undone by": e.undone_by} for e in entries[:JOURNAL_ROWS]], hide_index=True, width="stretch",
                 key="ar_journal")
    st.button("Undo the last save", key="ar_undo", on_click=_undo,
              help="Gives every file it changed back its exact previous bytes; refused if the files changed since.")
