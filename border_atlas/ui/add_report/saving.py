"""Step 5: save through the store (refused if the data changed since it was read); the history, undo, import."""

from __future__ import annotations

import contextlib

import streamlit as st
from streamlit.errors import StreamlitAPIException

from border_atlas.drafting import DraftCheck, save_draft
from border_atlas.store import StoreError
from border_atlas.team.roles import may_import, may_undo_any
from border_atlas.team.signin import SINGLE
from border_atlas.text.escaping import markdown
from border_atlas.text.wording import row_counts
from border_atlas.ui.add_report import state
from border_atlas.ui.data import data_folder, folder_changed
from border_atlas.ui.team import current_user, member

HISTORY_ROWS = 20
# Short columns first and wide enough to read whole; the long note last, where it may be cut.
HISTORY_COLUMNS = {name: st.column_config.TextColumn(name, width=width) for name, width in (
    ("change", "small"), ("what", "small"), ("who", "small"), ("undone by", "small"), ("when (UTC)", "medium"),
    ("report", "medium"), ("rows", "large"), ("note", "large"))}


def save_section(mode: str, check: DraftCheck) -> None:
    st.header("5. Save")
    st.caption("The rows and the report's plain text are saved in the database in one transaction, under your name "
               f"({current_user()}). A save is refused if another session changed the data meanwhile.")
    st.button("Save the new rows", key=f"ar_{mode}_save", type="primary", disabled=not check.ok,
              on_click=state.request, args=("save",))
    if not state.take("save"):
        return
    if not check.ok:  # an edit that arrived after the click made a problem: shown above, nothing saved
        st.error("Nothing was saved: the draft changed as you saved it and now has a problem (see step 4).")
        return
    alone = member().mode == SINGLE  # nobody else to review it: recorded approved by its author, saying so
    try:
        result = save_draft(state.store(), check, expected=state.snapshot(), user=current_user(),
                            needs_review=not alone)
    except (StoreError, OSError) as exc:
        st.error(markdown("{message}", message=str(exc)))
        st.button("Read the data again (keeps your draft)", key=f"ar_{mode}_reload", on_click=state.refresh_snapshot)
        return
    counts = row_counts(result.change.row_counts, empty="no rows")
    archived = f"; report {result.change.source_id} archived" if result.change.source_id else ""
    review = "" if alone else " They are pending until a reviewer other than you approves them."
    state.after_save(mode, result, f"Saved (change {result.change.id}): {counts}{archived}.{review}")
    st.rerun()


def _undo(change_id: int | None = None) -> None:
    if change_id is not None and not may_undo_any(member().role):  # the button is not offered; a forged click
        state.say("error", "Undoing a save by name takes the reviewer role; you may undo your own last save.",
                  where="history")
        return
    try:
        result = state.store().undo(change_id, user=current_user())
    except (StoreError, OSError) as exc:
        state.say("error", str(exc), where="history")
        return
    state.refresh_snapshot(result.snapshot)
    state.say("success", f"Undone: change {result.change.undoes}; its rows are as they were before it "
                         f"(recorded as change {result.change.id}).", where="history")


def _import_again() -> None:
    if not may_import(member().role):
        state.say("error", "Importing the folder again takes the admin role.", where="history")
        return
    try:
        result = state.store().import_folder(data_folder(), user=current_user(), note=f"imported {data_folder()} again")
    except (StoreError, OSError) as exc:
        state.say("error", str(exc), where="history")
        return
    state.refresh_snapshot()
    state.say("success", result.describe(), where="history")


def _history_table(changes) -> None:
    st.dataframe([{"change": str(c.id), "what": c.kind, "who": c.user,
                   "undone by": None if c.undone_by is None else str(c.undone_by), "when (UTC)": c.time,
                   "report": c.source_id, "rows": row_counts(c.row_counts),
                   "note": c.note} for c in changes[:HISTORY_ROWS]],
                 hide_index=True, width="stretch", key="ar_history", column_config=HISTORY_COLUMNS)


def _undo_named(changes) -> None:
    undoable = [c for c in changes if c.kind == "save" and c.undone_by is None]
    if not undoable:
        return
    chosen = st.selectbox("Or undo a save by anyone, named by its change number", [c.id for c in undoable],
                          index=None, key="ar_undo_choice",
                          format_func=lambda i: next(c.describe() for c in undoable if c.id == i))
    st.button("Undo the chosen save", key="ar_undo_chosen", disabled=chosen is None, on_click=_undo, args=(chosen,))


def history_section() -> None:
    """The history of changes, undo (your own last save, or a save named), and importing the folder again."""
    st.header("Saves and undo")
    _link_to_history()
    try:
        changes = state.store().history(HISTORY_ROWS)
    except (StoreError, OSError) as exc:
        st.error(markdown("The history cannot be read: {message}", message=str(exc)))
        changes = None
    if changes == []:
        st.caption("Nothing has been saved yet.")
    elif changes:
        _history_table(changes)
        st.button("Undo my last save", key="ar_undo", on_click=_undo,
                  help=f"Undoes the newest save by you ({current_user()}) not yet undone, never anyone else's; "
                       "refused if a later change touched the same rows.")
    state.show_message("history")  # what the last save, undo or import did, right under the button
    role = member().role
    if changes and may_undo_any(role):
        _undo_named(changes)
    if may_import(role):
        _folder_section()


def _link_to_history() -> None:
    # Not shown when the page is run on its own, without the app's page list (as some tests do).
    with contextlib.suppress(StreamlitAPIException):
        st.page_link("pages/7_History.py", label="The history of one record or report: who, when and why",
                     icon=":material/history:")


def _folder_section() -> None:
    changed = folder_changed()
    with st.expander("The source folder", expanded=changed is not None):
        st.caption(markdown("The database was first filled from {folder}. Importing it again adds its new rows and "
                            "changes the rows it changed; rows saved here that the folder lacks are kept.",
                            folder=str(data_folder())))
        st.button("Import the folder again", key="ar_import", on_click=_import_again,
                  type="primary" if changed is not None else "secondary")
