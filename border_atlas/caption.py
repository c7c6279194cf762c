"""The active filters in words, for captions, briefings and exports.

>>> from border_atlas import FilterState, load_dataset
>>> describe(FilterState(orgs=("office-39",), era="pre-covid"), load_dataset())
'Organisations: Office 39 (with their members) · Places: all · Era: Pre-COVID (until 2020-01-21) · Dates: any'
"""

from __future__ import annotations

from border_atlas.dataset import Dataset
from border_atlas.filters import FILTERS, FilterState
from border_atlas.wording import count_label

__all__ = ["count_label", "describe"]


def describe(state: FilterState, dataset: Dataset, *, with_time: bool = True) -> str:
    """Each filter in words, in the order they are declared; ``with_time=False`` leaves out era
    and dates (the era comparison sets those itself)."""
    parts = [spec.describe(getattr(state, spec.field), dataset, state) for spec in FILTERS
             if with_time or not spec.time]
    return " · ".join(part for part in parts if part)
