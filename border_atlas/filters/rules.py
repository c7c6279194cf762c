"""Pure filters over the assignments table. Each takes a frame and returns its matching rows.

The assignments frame carries ``known_from`` and ``known_to`` (see :mod:`border_atlas.loading.dates`):
the days over which each record is known to hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from border_atlas.filters.grades import GradeRange
from border_atlas.loading.dates import first_day, last_day
from border_atlas.loading.hierarchy import containing_areas, with_descendants

ORG_COLUMNS = ("org_id", "partner_org_id", "ordered_by_org_id")


def by_organisation(
    assignments: pd.DataFrame,
    organisations: pd.DataFrame,
    org_ids: Iterable[str],
    *,
    exact: bool = False,
) -> pd.DataFrame:
    """Records in which a chosen organisation acts, is the partner, or gave the order.

    An umbrella brings its members (Office 39 brings its three companies) unless ``exact``.
    """
    chosen = set(org_ids) if exact else with_descendants(org_ids, organisations)
    mask = pd.Series(False, index=assignments.index)
    for column in ORG_COLUMNS:
        mask |= assignments[column].isin(chosen)
    return assignments[mask]


def by_place(
    assignments: pd.DataFrame,
    places: pd.DataFrame,
    place_ids: Iterable[str],
    *,
    exact: bool = False,
    containing: bool = False,
) -> pd.DataFrame:
    """Records at a chosen place or, unless ``exact``, anywhere inside it; with ``containing``, also
    the records about the areas that contain it (a province's records apply to its towns)."""
    chosen = set(place_ids) if exact else with_descendants(place_ids, places)
    if containing:
        chosen |= set(containing_areas(place_ids, places))
    return assignments[assignments["place_id"].isin(chosen)]


def by_date_range(assignments: pd.DataFrame, start: date | None, end: date | None) -> pd.DataFrame:
    """Records whose known period overlaps [start, end]; None leaves that side open."""
    mask = pd.Series(True, index=assignments.index)
    if start is not None:
        mask &= assignments["known_to"] >= pd.Timestamp(start)
    if end is not None:
        mask &= assignments["known_from"] <= pd.Timestamp(end)
    return assignments[mask]


def era_bounds(eras: pd.DataFrame, era_id: str) -> tuple[date | None, date | None]:
    """The first and last day of an era, from the eras table (None where it is open)."""
    row = eras.set_index("id").loc[era_id]
    start = first_day(row["start"]) if isinstance(row["start"], str) else None
    end = last_day(row["end"]) if isinstance(row["end"], str) else None
    return start, end


def by_era(assignments: pd.DataFrame, eras: pd.DataFrame, era_id: str) -> pd.DataFrame:
    """Records whose known period meets the era; none for an era the table does not hold."""
    if era_id not in set(eras["id"]):
        return assignments.iloc[0:0]
    return by_date_range(assignments, *era_bounds(eras, era_id))


def by_role(assignments: pd.DataFrame, roles: Iterable[str]) -> pd.DataFrame:
    return assignments[assignments["role"].isin(set(roles))]


def by_grade(assignments: pd.DataFrame, grades: GradeRange) -> pd.DataFrame:
    """Records whose reliability and credibility both lie within ``grades`` (A1 best, F6 worst)."""
    (best_r, worst_r), (best_c, worst_c) = grades.reliability, grades.credibility
    mask = assignments["reliability"].between(best_r, worst_r) & assignments["credibility"].between(best_c, worst_c)
    return assignments[mask.fillna(False).astype(bool)]


def by_review(assignments: pd.DataFrame) -> pd.DataFrame:
    """Records that count: imported, or approved by a second user (none pending or sent back)."""
    if "review" not in assignments:
        return assignments
    return assignments[assignments["review"].eq("reviewed").to_numpy()]


def by_source(assignments: pd.DataFrame, source_ids: Iterable[str]) -> pd.DataFrame:
    """Records taken from the chosen reports."""
    return assignments[assignments["source_id"].isin(set(source_ids))]
