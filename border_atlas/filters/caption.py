"""The active filters in words, for captions, briefings and exports.

>>> from border_atlas import FilterState, load_dataset
>>> describe(FilterState(orgs=("office-39",), era="pre-covid"), load_dataset())
'Organisations: Office 39 (with their members) · Places: all · Era: Pre-COVID (until 2020-01-21) · Dates: any'
"""

from __future__ import annotations

from border_atlas.filters import FILTERS, FilterState
from border_atlas.filters.selection import Selection
from border_atlas.loading.dataset import Dataset
from border_atlas.text.wording import containment_count, count_label

__all__ = ["count_label", "count_text", "describe"]


def describe(state: FilterState, dataset: Dataset, *, with_time: bool = True) -> str:
    """Each filter in words, in the order they are declared; ``with_time=False`` leaves out era
    and dates (the era comparison sets those itself)."""
    parts = [spec.describe(getattr(state, spec.field), dataset, state) for spec in FILTERS
             if with_time or not spec.time]
    return " · ".join(part for part in parts if part)


def count_text(selection: Selection) -> str:
    """"21 records"; with records about areas containing the chosen places, the two counted apart:
    "0 records at Kangan; 5 about Ryanggang Province, which contains it"."""
    if not selection.containing:
        return count_label(selection.count)
    names = selection.place_names
    counts = dict(zip(selection.places["id"], selection.places["n_records"]))
    areas = [(names.get(area, area), int(counts.get(area, 0))) for area in selection.containing]
    n_about = sum(n for _name, n in areas)
    chosen = [names.get(i, i) for i in selection.state.places]
    return containment_count(selection.count - n_about, chosen, areas)
