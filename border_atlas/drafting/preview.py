"""The checked draft as the map would show it: every record, or only the new ones.

>>> from border_atlas.loading.dataset import DATA_DIR
>>> from border_atlas.drafting import Draft, check_draft
>>> from border_atlas.readers import CsvFolder
>>> preview_selection(check_draft(Draft.empty(), CsvFolder(DATA_DIR)), only_new=True).count
0
"""

from __future__ import annotations

import dataclasses

from border_atlas.drafting.check import DraftCheck
from border_atlas.filters import FilterState
from border_atlas.filters.selection import Selection, select


def preview_selection(check: DraftCheck, *, only_new: bool = False) -> Selection:
    """The data with the draft's rows; ``only_new`` keeps only the draft's records."""
    dataset = check.dataset
    if only_new:
        new = set(check.prepared.assignments["id"].dropna())
        dataset = dataclasses.replace(dataset, assignments=dataset.assignments[dataset.assignments["id"].isin(new)])
    return select(dataset, FilterState())
