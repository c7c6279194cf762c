"""Results computed once per selection and kept with its dataset, a bounded number of them.

A page reruns its script on every widget change; counts that depend only on the dataset and the
filters (the timeline's cells, the organisations graph's edges) are kept by the selection's key
(its filters, and what was asked of them) rather than recomputed from 100,000 records each time.
The store is the dataset's ``derived`` dict, so it is shared by every session of the server and
dropped with the dataset when its files change; the oldest entries go first past
:data:`KEPT`, so memory stays bounded whatever the sessions ask.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from border_atlas.filters import FilterState
from border_atlas.filters.selection import Selection
from border_atlas.loading.dataset import Dataset

KEPT = 32  # results kept per dataset; each is bounded by rows × time bins or by organisations, not records
_LOCK = threading.Lock()
T = TypeVar("T")


def per_selection(selection: Selection, name: str, build: Callable[[], T], *extra: Hashable) -> T:
    """``build()``, or the result it gave before for this selection's filters and ``extra``.

    >>> from border_atlas import FilterState, load_dataset, select
    >>> selection = select(load_dataset(), FilterState())
    >>> calls = []
    >>> first = per_selection(selection, "demo", lambda: calls.append(1) or len(calls))
    >>> per_selection(select(selection.dataset, FilterState()), "demo", lambda: calls.append(1) or len(calls))
    1
    """
    return per_state(selection.dataset, selection.state, name, build, *extra)


def per_state(dataset: Dataset, state: FilterState, name: str, build: Callable[[], T], *extra: Hashable) -> T:
    """:func:`per_selection` for filters whose records are not selected yet (the sidebar's counts
    are needed before its widgets are drawn, and so before the selection)."""
    key = (name, state, *extra)
    with _LOCK:
        kept: OrderedDict = dataset.derived.setdefault("per_selection", OrderedDict())
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
    result = build()  # outside the lock: another session's request need not wait for this one
    with _LOCK:
        kept[key] = result
        while len(kept) > KEPT:
            kept.popitem(last=False)
    return result
