"""Step 5: save through the store (refused if the files changed since they were read), the journal, undo."""

from __future__ import annotations

import streamlit as st

from border_atlas.drafting import DraftCheck, save_draft
from border_atlas.escaping import markdown
from border_atlas.store import StoreError
from border_atlas.ui.add_report import state

JOURNAL_ROWS = 20
# Short columns first and wide enough to read whole; the long note last, where it may be cut.
JOURNAL_COLUMNS = {name: st.column_config.TextColumn(name, width=width) for name, width in (
    ("entry", "medium"), ("what", "small"), ("undone by", "medium"), ("when (UTC)", "medium"), ("report", "medium"),
    ("rows", "medium"), ("note", "large"))}


def save_section(mode: str, check: DraftCheck) -> None:
    st.header("5. Save")
    st.caption("Rows are appended to the tables and the report's plain text is archived in reports/; no byte "
               "already in a file changes. A save is refused if another session changed the files meanwhile.")
    st.button("Save the new rows", key=f"ar_{mode}_save", type="primary", disabled=not check.ok,
              on_click=state.request, args=("save",))
    if not state.take("save"):
        return
    if not check.ok:  # an edit that arrived after the click made a problem: shown above, nothing saved
        st.error("Nothing was saved: the draft changed as you saved it and now has a problem (see step 4).")
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
        state.say("error", str(exc), where="journal")
        return
    state.refresh_snapshot(result.snapshot)
    state.say("success", f"Undone: save {result.entry.undoes}; the files hold exactly what they held before it.",
              where="journal")


def journal_section() -> None:
    """The journal, the undo button and, next to it, what the last save or undo did."""
    st.header("Saves and undo")
    try:
        entries = state.store().journal()
    except (StoreError, OSError) as exc:
        st.error(markdown("The journal cannot be read: {message}", message=str(exc)))
        entries = None
    if entries == []:
        st.caption("Nothing has been saved from this page yet.")
    elif entries:
        st.dataframe([{"entry": e.id, "what": e.kind, "undone by": e.undone_by, "when (UTC)": e.time,
                       "report": e.source_id, "rows": ", ".join(f"{n} {t}" for t, n in e.row_counts.items()),
                       "note": e.note} for e in entries[:JOURNAL_ROWS]], hide_index=True, width="stretch",
                     key="ar_journal", column_config=JOURNAL_COLUMNS)
        st.button("Undo the last save", key="ar_undo", on_click=_undo,
                  help="Gives every file it changed back its exact previous bytes; refused if the files changed "
                       "since.")
    state.show_message("journal")
