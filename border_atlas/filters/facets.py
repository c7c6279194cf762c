"""Counts beside every filter's options (Datasette's facets) for a filter state.

The count beside an option of filter F is the number of records that choosing that option
alone would select from the records every *other* filter keeps. Each active filter is applied
once to the whole assignments table to give a mask; each faceted filter then counts its options
in one vectorised pass over the rows the other masks keep (:mod:`border_atlas.filters.facet_rules`).
Results are kept with the dataset by filter state (:mod:`border_atlas.filters.selection_cache`), so a rerun
with the same filters does not recount.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from border_atlas.filters import FILTERS, FilterState
from border_atlas.filters.facet_rules import Facet
from border_atlas.filters.rules import ORG_COLUMNS
from border_atlas.filters.selection_cache import per_state
from border_atlas.loading.dataset import Dataset

FACETED = tuple(spec for spec in FILTERS if spec.facet is not None)
# What the declared filters read (border_atlas.filters.rules); a filter reading another column adds it here.
ID_COLUMNS = (*ORG_COLUMNS, "place_id", "role", "source_id")
READ_COLUMNS = (*ID_COLUMNS, "reliability", "credibility", "known_from", "known_to")


def facet_counts(dataset: Dataset, state: FilterState) -> dict[str, Facet]:
    """The counts for every faceted filter (by field), kept with the dataset by filter state."""
    return per_state(dataset, state, "facet_counts", lambda: count_facets(dataset, state))


def _masks(dataset: Dataset, state: FilterState, rows: pd.DataFrame) -> dict[str, np.ndarray]:
    """For each active filter that narrows the table, which rows it keeps."""
    masks = {}
    for spec, value in state.active():
        kept = spec.apply(rows, value, dataset, state)
        if kept is rows or len(kept) == len(rows):
            continue  # a flag read by another filter (exact_orgs, containing), or nothing left out
        mask = np.zeros(len(rows), dtype=bool)
        mask[rows.index.get_indexer(kept.index)] = True
        masks[spec.field] = mask
    return masks


def facet_rows(dataset: Dataset) -> pd.DataFrame:
    """The assignments' columns that the filters read, ids as categories, so that the rows the
    other filters keep are taken as small codes rather than copied as text (made once per dataset)."""
    if "facet_rows" not in dataset.derived:
        rows = dataset.assignments.reset_index(drop=True)[list(READ_COLUMNS)]
        dataset.derived["facet_rows"] = rows.astype({column: "category" for column in ID_COLUMNS})
    return dataset.derived["facet_rows"]


def count_facets(dataset: Dataset, state: FilterState) -> dict[str, Facet]:
    """The counts, computed afresh (see the module's description)."""
    rows = facet_rows(dataset)
    masks = _masks(dataset, state, rows)
    counts = {}
    for spec in FACETED:
        others = [mask for field, mask in masks.items() if field != spec.field]
        kept = rows[np.logical_and.reduce(others)] if others else rows
        counts[spec.field] = spec.facet(kept, getattr(state, spec.field), dataset, state)
    return counts
