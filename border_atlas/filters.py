"""Pure filters over the assignments table. Each takes a frame and returns its matching rows.

The assignments frame carries ``known_from`` and ``known_to`` (see :mod:`border_atlas.dates`):
the days over which each record is known to hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from border_atlas.dates import first_day, last_day
from border_atlas.hierarchy import with_descendants

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
) -> pd.DataFrame:
    """Records at a chosen place or, unless ``exact``, anywhere inside it."""
    chosen = set(place_ids) if exact else with_descendants(place_ids, places)
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
    return by_date_range(assignments, *era_bounds(eras, era_id))


def by_role(assignments: pd.DataFrame, roles: Iterable[str]) -> pd.DataFrame:
    return assignments[assignments["role"].isin(set(roles))]


def parse_grade(grade: str) -> tuple[str, int]:
    """``"C3"`` -> ``("C", 3)``; raises ValueError for anything else."""
    grade = grade.strip().upper()
    if len(grade) != 2 or grade[0] not in "ABCDEF" or grade[1] not in "123456":
        raise ValueError(f"not an Admiralty grade (A-F then 1-6): {grade!r}")
    return grade[0], int(grade[1])


def by_min_grade(assignments: pd.DataFrame, grade: str) -> pd.DataFrame:
    """Records graded at least as well as ``grade`` on both scales (A1 best, F6 worst)."""
    reliability, credibility = parse_grade(grade)
    mask = (assignments["reliability"] <= reliability) & (assignments["credibility"] <= credibility)
    return assignments[mask]
