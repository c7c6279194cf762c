"""What the add-report page keeps between runs: the snapshot it read, the drafts, messages, clicked actions."""

from __future__ import annotations

import time

import streamlit as st

from border_atlas.dataset import Dataset
from border_atlas.drafting import Draft
from border_atlas.escaping import escape_markdown
from border_atlas.gazetteer import Gazetteer
from border_atlas.store import DataStore, SaveResult, Snapshot
from border_atlas.ui.data import data_folder, files_key

SNAPSHOT = "ar_snapshot"
MESSAGE = "ar_message"
PENDING = "ar_pending"
# The grid sends an edit to the server 150 ms after it is made (Streamlit's data editor waits for more).
# A click within that time reaches the server first: an action that reads the grids waits this long after
# the click, so that the edit still on its way interrupts the run and the action sees it.
SETTLE_SECONDS = 0.5
REPORT = "report"  # the two ways in: a report, or a file of records or places
BULK = "bulk"


def store() -> DataStore:
    return DataStore(data_folder())


def snapshot() -> Snapshot:
    """The files as this page read them; a save against files changed since is refused."""
    if SNAPSHOT not in st.session_state:
        st.session_state[SNAPSHOT] = store().snapshot()
    return st.session_state[SNAPSHOT]


def refresh_snapshot(taken: Snapshot | None = None) -> None:
    st.session_state[SNAPSHOT] = taken or store().snapshot()


@st.cache_resource(max_entries=2)
def _gazetteer(files: tuple, folder: str, _dataset: Dataset) -> Gazetteer:
    return Gazetteer(_dataset.places)


def gazetteer(dataset: Dataset) -> Gazetteer:
    """The offline gazetteer over this dataset's places and the GeoNames reference."""
    return _gazetteer(files_key(data_folder()), str(data_folder()), dataset)


def draft(mode: str) -> Draft | None:
    return st.session_state.get(f"ar_{mode}_draft")


def set_draft(mode: str, value: Draft | None) -> None:
    """Replace the draft; the editors start again from it (their keys change)."""
    st.session_state[f"ar_{mode}_draft"] = value
    st.session_state[f"ar_{mode}_version"] = st.session_state.get(f"ar_{mode}_version", 0) + 1


def editor_key(mode: str, table: str) -> str:
    return f"ar_{mode}_{table}_{st.session_state.get(f'ar_{mode}_version', 0)}"


def say(kind: str, text: str, *, where: str) -> None:
    """A message for the next run (after st.rerun), shown where ``show_message(where)`` is called, next to
    the control that caused it: kind is "success", "error" or "info"."""
    st.session_state[MESSAGE] = (where, kind, text)


def show_message(where: str) -> None:
    kept = st.session_state.get(MESSAGE)
    if kept and kept[0] == where:
        del st.session_state[MESSAGE]
        getattr(st, kept[1])(escape_markdown(kept[2]))


def request(action: str) -> None:
    """A button's ``on_click``: ask for ``action``, to be done by the run that :func:`take` lets act (a click
    seen again by a run that restarts keeps its first time)."""
    asked = st.session_state.get(PENDING)
    if not asked or asked[0] != action:
        st.session_state[PENDING] = (action, time.monotonic())


def take(action: str) -> bool:
    """True (once) when ``action`` was asked for and every grid edit made before the click has arrived.

    Call it after the grids are drawn. It waits until SETTLE_SECONDS have passed since the click, then
    draws an element: if an edit arrived meanwhile, Streamlit stops this run there and starts again
    with it, and that run acts.
    """
    asked = st.session_state.get(PENDING)
    if not asked or asked[0] != action:
        return False
    time.sleep(max(0.0, SETTLE_SECONDS - (time.monotonic() - asked[1])))
    st.empty()  # the point where a run is stopped for an edit that arrived during the wait
    del st.session_state[PENDING]
    return True


def after_save(mode: str, result: SaveResult, text: str) -> None:
    refresh_snapshot(result.snapshot)
    set_draft(mode, None)
    say("success", text, where="journal")
