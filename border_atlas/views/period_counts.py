"""Records per organisation or place per month or year, by the known-period rule, from columns.

A record counts in every month (or year) its known period overlaps (``known_from`` to
``known_to``: a missing bound is the report date, see :mod:`border_atlas.loading.dates`). The counts
come from whole columns (a difference array summed along time), never from one object per
record, so 100,000 records cost what their columns do, and the result is bounded by rows ×
time bins: at most :data:`ROW_LIMIT` rows, the ones with the most records.

>>> from border_atlas import FilterState, load_dataset, select
>>> counts = period_counts(select(load_dataset(), FilterState(orgs=("mirim",))), "organisation", "year")
>>> counts.cells[["label", "period", "count"]].values.tolist()
[['Border units in Samsu', '2018', 1]]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from border_atlas.filters.selection import Selection

UNITS = ("month", "year")
ROW_LIMIT = 40  # rows drawn at once: a place row per place of 10,000 would be a chart no one reads
GROUP_COLUMNS = {"organisation": ("org_id", "org_name"), "place": ("place_id", "place_name")}
NO_PLACE = "(no position)"


@dataclass(frozen=True)
class PeriodCounts:
    """The non-empty cells of the grid rows × time bins, and what was left out."""

    group_by: str
    unit: str
    cells: pd.DataFrame  # key, label, period, start, end, count, org_id (the row's organisation, for its colour)
    rows_total: int  # rows with records in the selection; only ROW_LIMIT of them are in ``cells``
    records_left_out: int  # records in the rows not drawn


def bin_numbers(days: pd.Series, unit: str) -> np.ndarray:
    """Each day's month (months since year 0) or year, as an integer.

    >>> bin_numbers(pd.Series(pd.to_datetime(["2018-02-28", "2019-01-01"])), "month").tolist()
    [24217, 24228]
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    stamps = pd.DatetimeIndex(days)
    return (stamps.year * 12 + stamps.month - 1 if unit == "month" else stamps.year).to_numpy(dtype=np.int64)


def bin_bounds(numbers: np.ndarray, unit: str) -> tuple[list[str], pd.DatetimeIndex, pd.DatetimeIndex]:
    """Each bin's name ("2018-02" or "2018"), first day and the day after its last."""
    if unit == "month":
        years, months = numbers // 12, numbers % 12 + 1
        start = pd.to_datetime({"year": years, "month": months, "day": 1})
        names = [f"{y:04d}-{m:02d}" for y, m in zip(years.tolist(), months.tolist())]
        return names, pd.DatetimeIndex(start), pd.DatetimeIndex(start) + pd.DateOffset(months=1)
    start = pd.DatetimeIndex(pd.to_datetime({"year": numbers, "month": 1, "day": 1}))
    return [f"{y:04d}" for y in numbers.tolist()], start, start + pd.DateOffset(years=1)


def _row_keys(selection: Selection, group_by: str) -> tuple[pd.Series, pd.Series]:
    if group_by not in GROUP_COLUMNS:
        raise ValueError(f"group_by must be one of {', '.join(GROUP_COLUMNS)}, not {group_by!r}")
    key_column, label_column = GROUP_COLUMNS[group_by]
    keys = selection.column(key_column).astype("string").fillna("")
    labels = selection.column(label_column).astype("string").fillna(NO_PLACE)
    return keys, labels


def period_counts(selection: Selection, group_by: str = "organisation", unit: str = "month") -> PeriodCounts:
    """How many selected records are known to hold in each month or year, per organisation or place."""
    keys, labels = _row_keys(selection, group_by)
    per_row = keys.value_counts(sort=False)
    kept = per_row.sort_values(ascending=False, kind="stable").index[:ROW_LIMIT]
    mask = keys.isin(kept).to_numpy()
    codes, uniques = pd.factorize(keys[mask])
    lo = bin_numbers(selection.column("known_from")[mask], unit)
    hi = bin_numbers(selection.column("known_to")[mask], unit)
    empty = pd.DataFrame(columns=["key", "label", "period", "start", "end", "count", "org_id"])
    if not len(codes):
        return PeriodCounts(group_by, unit, empty, len(per_row), 0)
    first, width = int(lo.min()), int(hi.max() - lo.min() + 1)
    grid = np.zeros((len(uniques), width + 1), dtype=np.int64)
    np.add.at(grid, (codes, lo - first), 1)
    np.add.at(grid, (codes, hi - first + 1), -1)  # a difference array: each record adds 1 from lo to hi
    grid = grid.cumsum(axis=1)[:, :width]
    row, column = np.nonzero(grid)
    names, start, end = bin_bounds(column + first, unit)
    label_of = dict(zip(keys[mask], labels[mask]))
    cells = pd.DataFrame({"key": uniques[row], "label": [label_of[k] for k in uniques[row]],
                          "period": names, "start": start, "end": end, "count": grid[row, column]})
    cells["org_id"] = cells["key"] if group_by == "organisation" else _main_organisation(selection, keys, cells["key"])
    return PeriodCounts(group_by, unit, cells, len(per_row), int((~mask).sum()))


def _main_organisation(selection: Selection, keys: pd.Series, wanted: pd.Series) -> pd.Series:
    """For each place row, the organisation with most records there (its colour is the row's)."""
    pairs = pd.DataFrame({"key": keys, "org_id": selection.column("org_id").astype("string")})
    pairs = pairs[pairs["key"].isin(set(wanted))]
    top = pairs.value_counts().reset_index().drop_duplicates("key").set_index("key")["org_id"]
    return wanted.map(top).astype("string")


def cell_positions(selection: Selection, group_by: str, unit: str, key: str, period: str) -> np.ndarray:
    """Positions (as :meth:`Selection.records_at` takes them) of the records one cell counts, in date order."""
    keys, _ = _row_keys(selection, group_by)
    number = _period_number(period, unit)
    lo = bin_numbers(selection.column("known_from"), unit)
    hi = bin_numbers(selection.column("known_to"), unit)
    return np.flatnonzero((keys == key).to_numpy(dtype=bool) & (lo <= number) & (hi >= number))


def _period_number(period: str, unit: str) -> int:
    """The bin number of "2018-02" (a month) or "2018" (a year); ValueError for anything else."""
    parts = [int(p) for p in str(period).split("-")]
    if unit == "month" and len(parts) == 2 and 1 <= parts[1] <= 12:
        return parts[0] * 12 + parts[1] - 1
    if unit == "year" and len(parts) == 1:
        return parts[0]
    raise ValueError(f"{period!r} is not a {unit}")
