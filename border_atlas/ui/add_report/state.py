"""What the add-report page keeps between runs: the snapshot it read, the drafts, messages, clicked actions."""

from __future__ import annotations

import streamlit as st

from border_atlas.drafting import Draft
from border_atlas.loading.dataset import Dataset
from border_atlas.places.gazetteer import Gazetteer
from border_atlas.store import DataStore, SaveResult, Snapshot
from border_atlas.text.escaping import escape_markdown
from border_atlas.ui.data import open_store

SNAPSHOT = "ar_snapshot"
MESSAGE = "ar_message"
PENDING = "ar_pending"
REPORT = "report"  # the two ways in: a report, or a file of records or places
BULK = "bulk"


def store() -> DataStore:
    return open_store()


def snapshot() -> Snapshot:
    """The data as this page read it; a save against data changed since is refused."""
    if SNAPSHOT not in st.session_state:
        st.session_state[SNAPSHOT] = store().snapshot()
    return st.session_state[SNAPSHOT]


def refresh_snapshot(taken: Snapshot | None = None) -> None:
    st.session_state[SNAPSHOT] = taken or store().snapshot()


@st.cache_resource(max_entries=2)
def _gazetteer(database_id: str, version: int, _dataset: Dataset) -> Gazetteer:
    return Gazetteer(_dataset.places)


def gazetteer(dataset: Dataset) -> Gazetteer:
    """The offline gazetteer over this dataset's places and the GeoNames reference."""
    # Keyed by the data's version, not the dataset object: one gazetteer for every session on the same data.
    taken = store().snapshot()
    return _gazetteer(taken.database_id, taken.version, dataset)


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
    """A button's ``on_click``: ask for ``action``, done where the page calls :func:`take`."""
    st.session_state[PENDING] = action


def take(action: str) -> bool:
    """True once, in the run after ``action`` was asked for: kept in the session, the click survives a run
    that another event stops and restarts."""
    if st.session_state.get(PENDING) != action:
        return False
    del st.session_state[PENDING]
    return True


def after_save(mode: str, result: SaveResult, text: str) -> None:
    refresh_snapshot(result.snapshot)
    set_draft(mode, None)
    say("success", text, where="history")
