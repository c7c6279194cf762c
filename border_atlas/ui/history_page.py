"""The History page: per record and per report, who added, changed, reviewed, undid or imported it, when and
why; a reviewer reverts a named save, an analyst undoes their own last save, a reader reads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from border_atlas.filters.record_search import LISTED, find_records, record_label
from border_atlas.loading.dataset import Dataset
from border_atlas.store import StoreError
from border_atlas.team.roles import may_add, may_undo_any
from border_atlas.text.escaping import escape_markdown, markdown
from border_atlas.ui.add_report import state
from border_atlas.ui.data import get_dataset, open_store, show_problems
from border_atlas.ui.team import Member, member, show_member
from border_atlas.views.change_history import COLUMNS, history_lines, revertible

REPORT, RECORD = "report", "record"  # also the link's parameters: History?report=ID, History?record=ID
KIND_KEY, REPORT_KEY, RECORD_KEY, SEARCH_KEY = "hist_kind", "hist_report", "hist_record", "hist_search"
WHERE = "history-page"  # where the page's messages are shown
# Our own constant CSS (no user text): on a phone the six columns share the width and long ids and
# addresses wrap anywhere, so no column is cut off at the screen's edge.
PHONE_CSS = """<style>
@media (max-width: 640px) {
  .st-key-ba-history table { table-layout: fixed; width: 100%; font-size: 0.8rem; }
  .st-key-ba-history th, .st-key-ba-history td { padding: 0.25rem !important; }
  .st-key-ba-history td, .st-key-ba-history td * {
    white-space: normal !important; overflow-wrap: anywhere !important; min-width: 0; }
  .st-key-ba-history th:nth-child(1) { width: 15%; } .st-key-ba-history th:nth-child(2) { width: 16%; }
  .st-key-ba-history th:nth-child(3) { width: 18%; } .st-key-ba-history th:nth-child(4) { width: 21%; }
  .st-key-ba-history th:nth-child(5) { width: 16%; } .st-key-ba-history th:nth-child(6) { width: 14%; }
}
</style>"""


def _known(dataset: Dataset, kind: str, value: str) -> bool:
    """In the data now, or in the history (a record or report removed by an undo keeps its history)."""
    if value in set(dataset.sources["id"] if kind == REPORT else dataset.assignments["id"]):
        return True
    try:
        return bool(_events(kind, value))
    except StoreError:
        return False


def _from_link(dataset: Dataset) -> None:
    """Open the record or report the link names (once per link value); a name that is not in the data is said."""
    for kind, key in ((REPORT, REPORT_KEY), (RECORD, RECORD_KEY)):
        value = st.query_params.get(kind)
        if value is None or st.session_state.get(f"{key}_link") == value:
            continue
        st.session_state[f"{key}_link"] = value
        if _known(dataset, kind, value):
            st.session_state[KIND_KEY], st.session_state[key] = kind, value
            st.session_state[SEARCH_KEY] = ""
        else:
            st.info(markdown("Link: there is no {kind} {value}; pick one below.", kind=kind, value=value[:200]),
                    icon=":material/link_off:")


def _choose_report(dataset: Dataset) -> str | None:
    titles = dict(zip(dataset.sources["id"], dataset.sources["title"]))
    chosen = st.session_state.get(REPORT_KEY)  # kept when an undo removed it from the data: its history remains
    options = list(titles) if chosen is None or chosen in titles else [chosen, *titles]
    return st.selectbox("Report", options, index=None, key=REPORT_KEY, placeholder="Choose a report",
                        format_func=lambda i: f"{i} — {titles.get(i) or ''}".rstrip(" —"))


def _choose_record(dataset: Dataset) -> str | None:
    records = dataset.assignments
    text = st.text_input("Search records", key=SEARCH_KEY, placeholder="id, summary, place or organisation")
    found = find_records(records, text)
    chosen = st.session_state.get(RECORD_KEY)
    options = found.ids if chosen is None or chosen in found.ids else [chosen, *found.ids]
    if found.total > LISTED:
        st.caption(f"{found.total:,} records match; the first {LISTED} are listed. Type more to narrow them.")
    return st.selectbox("Record", options, index=None, key=RECORD_KEY, placeholder=f"Choose one of {found.total:,}",
                        format_func=lambda i: record_label(records, i))


def _choose(dataset: Dataset) -> tuple[str, str] | None:
    kind = st.radio("History of", [REPORT, RECORD], horizontal=True, key=KIND_KEY,
                    format_func={REPORT: "a report", RECORD: "a record"}.get)
    chosen = _choose_report(dataset) if kind == REPORT else _choose_record(dataset)
    for name, key in ((REPORT, REPORT_KEY), (RECORD, RECORD_KEY)):  # the address names what is shown, to be sent
        if name == kind and chosen is not None:
            st.query_params[name] = st.session_state[f"{key}_link"] = chosen  # seen: not opened again as a link
        elif name in st.query_params:
            del st.query_params[name]
    return None if chosen is None else (kind, chosen)


def _events(kind: str, chosen: str):
    store = open_store()
    return store.history_of_report(chosen) if kind == REPORT else store.history_of_row("assignments", chosen)


def _revert(change_id: int | None) -> None:
    """A button's callback: the role is checked again here (a forged click gets the refusal, nothing is undone)."""
    who = member()
    allowed = may_undo_any(who.role) if change_id is not None else may_add(who.role)
    if not allowed:
        state.say("error", "Reverting a save by name takes the reviewer role; an analyst may undo their own last "
                           "save.", where=WHERE)
        return
    try:
        result = open_store().undo(change_id, user=who.user)
    except (StoreError, OSError) as exc:
        state.say("error", str(exc), where=WHERE)
        return
    state.say("success", f"Reverted change {result.change.undoes}: its rows are as they were before it (recorded "
                         f"as change {result.change.id}).", where=WHERE)


def _actions(who: Member, events) -> None:
    if may_undo_any(who.role):
        saves = revertible(events)
        if saves:
            st.caption("Reverting a save undoes it as a new change, refused if a later change touched its rows.")
        for change in saves:
            st.button(f"Revert change {change.id}", key=f"hist_revert_{change.id}", on_click=_revert,
                      args=(change.id,), help=f"Undo {change.describe()}: {change.note}")
    elif may_add(who.role):
        mine = open_store().last_save_of(who.user)
        if mine is not None and mine.id in {e.change.id for e in events}:
            st.button(f"Undo my last save (change {mine.id})", key="hist_undo_mine", on_click=_revert, args=(None,),
                      help="Undoes your newest save not yet undone; never anyone else's.")


def _show(who: Member, kind: str, chosen: str) -> None:
    try:
        events = _events(kind, chosen)
    except StoreError as exc:
        st.error(markdown("The history cannot be read: {message}", message=str(exc)))
        return
    lines = history_lines(events, name_rows=kind == REPORT)
    if not lines:
        st.caption(markdown("The history has nothing on {kind} {chosen}.", kind=kind, chosen=chosen))
    else:
        # A static table: its cells wrap, so every column and the whole of each note are read on any screen.
        cells = pd.DataFrame(lines, columns=COLUMNS).fillna("").map(escape_markdown)
        st.html(PHONE_CSS)
        with st.container(key="ba-history"):
            st.table(cells, hide_index=True, border="horizontal")
    state.show_message(WHERE)
    _actions(who, events)


def history_page() -> None:
    st.set_page_config(page_title="History — Border Atlas", page_icon="🗺️", layout="wide")
    who = member()
    show_member(who)
    dataset = get_dataset()
    st.title("History")
    st.caption("Who added, changed, reviewed, undid or imported a record or a report, when (UTC) and why, newest "
               "first. A reviewer can revert a named save; an analyst can undo their own last save.")
    show_problems(dataset)
    _from_link(dataset)
    chosen = _choose(dataset)
    if chosen is None:
        st.info("Choose a report or a record to see its history.")
        state.show_message(WHERE)
        return
    _show(who, *chosen)
