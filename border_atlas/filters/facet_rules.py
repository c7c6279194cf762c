"""Counts beside a filter's options: for each option, the records it would select from ``rows``.

``rows`` are the records every *other* filter keeps (Datasette's facet rule); each function counts
all of a filter's options in one vectorised pass over its columns, and follows the same rule as
the filter itself (:mod:`border_atlas.filters.rules`), so that a count is what choosing that
option alone would select. A :class:`Facet` holds the counts; an option it does not name has none.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from border_atlas.filters.grades import CREDIBILITY, RELIABILITY, GradeRange
from border_atlas.filters.rules import ORG_COLUMNS, era_bounds
from border_atlas.loading.hierarchy import ancestors

if TYPE_CHECKING:
    from border_atlas.loading.dataset import Dataset


@dataclass(frozen=True)
class Facet:
    """Records per option; ``about_areas``: of those, the records about an area containing the option."""

    records: dict[Hashable, int]
    about_areas: dict[Hashable, int] = field(default_factory=dict)

    def count(self, option: Hashable) -> tuple[int, int]:
        return self.records.get(option, 0), self.about_areas.get(option, 0)


def _as_dict(counts: pd.Series) -> dict[Hashable, int]:
    return dict(zip(counts.index.tolist(), counts.to_numpy(dtype=np.int64).tolist()))


def _codes(column: pd.Series, ids: pd.Index) -> np.ndarray:
    """Each value's position in ``ids`` (-1 where missing or not there); a categorical column is
    looked up once per category."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        at = np.append(ids.get_indexer(column.cat.categories), -1)  # code -1 (missing) reads the last
        return at[column.cat.codes.to_numpy()]
    return ids.get_indexer(column)


def _value_counts(column: pd.Series) -> pd.Series:
    """Records per value, by plain values (a categorical column's categories with none left out)."""
    counts = column.value_counts()
    counts = counts[counts > 0]
    return pd.Series(counts.to_numpy(), index=pd.Index(counts.index.tolist(), dtype=object))


def value_facet(rows: pd.DataFrame, column: str) -> Facet:
    """One option per value of ``column`` (role, report)."""
    return Facet(_as_dict(_value_counts(rows[column])))


def ancestry_pairs(table: pd.DataFrame) -> pd.DataFrame:
    """(``member``, ``option``) for every id and each of the ids above it, itself included: a record
    about ``member`` is selected by choosing ``option`` (Office 39 brings its companies)."""
    parents = dict(zip(table["id"].tolist(), table["parent_id"].tolist()))
    members, options = [], []
    for ident in parents:
        chain = [ident, *ancestors(ident, table, parents=parents)]
        members += [ident] * len(chain)
        options += chain
    return pd.DataFrame({"member": members, "option": options}, dtype="object")


def ancestry_of(dataset: Dataset, table: str) -> pd.DataFrame:
    """:func:`ancestry_pairs` of one of the dataset's tables, made once per dataset."""
    key = f"ancestry_pairs_{table}"
    if key not in dataset.derived:
        dataset.derived[key] = ancestry_pairs(dataset.table(table))
    return dataset.derived[key]


def organisation_facet(rows: pd.DataFrame, pairs: pd.DataFrame, *, exact: bool) -> Facet:
    """Records in which the option, or (unless ``exact``) a member of it, acts, is the partner, or
    gave the order; a record naming two members of one umbrella counts once for it.

    Records are grouped by the organisations they name (as codes), so that the umbrellas are
    looked up once per distinct trio rather than once per record.
    """
    ids = pd.Index(pd.unique(pairs["member"]))
    codes = np.stack([_codes(rows[column], ids) for column in ORG_COLUMNS], axis=1)
    # One integer per trio, each code a digit in base len(ids) + 1 (shifted past -1, "none"):
    # a 1-D unique is some 25 times faster than a unique over rows.
    base = len(ids) + 1
    keys, weight = np.unique((codes + 1) @ base ** np.arange(len(ORG_COLUMNS) - 1, -1, -1, dtype=np.int64),
                             return_counts=True)
    trios = np.stack([keys // base**power % base for power in range(len(ORG_COLUMNS) - 1, -1, -1)], axis=1) - 1
    named = pd.DataFrame({"trio": np.repeat(np.arange(len(trios)), len(ORG_COLUMNS)), "member": trios.ravel()})
    named = named[named["member"] >= 0]
    if exact:
        named["option"] = named["member"]
    else:
        coded = pd.DataFrame({"member": ids.get_indexer(pairs["member"]), "option": ids.get_indexer(pairs["option"])})
        named = named.merge(coded[coded["option"] >= 0], on="member")
    named = named.drop_duplicates(["trio", "option"])
    counts = np.bincount(named["option"], weights=weight[named["trio"]], minlength=len(ids)).astype(np.int64)
    return Facet({ident: int(n) for ident, n in zip(ids.tolist(), counts.tolist()) if n})


def place_facet(rows: pd.DataFrame, pairs: pd.DataFrame, *, containing: bool) -> Facet:
    """Records at the option or inside it; with ``containing``, also the records about each area
    that contains it, which are counted in ``about_areas`` as well (a record has one place, so
    the two parts never share a record)."""
    here = _value_counts(rows["place_id"])
    inside = pairs.assign(n=here.reindex(pairs["member"]).fillna(0).to_numpy(dtype=np.int64))
    records = inside.groupby("option", sort=False)["n"].sum()
    if not containing:
        return Facet(_as_dict(records))
    # The areas containing an option are the ids above it: the same pairs read the other way.
    above = pairs[pairs["member"] != pairs["option"]]
    around = above.assign(n=here.reindex(above["option"]).fillna(0).to_numpy(dtype=np.int64))
    about = around.groupby("member", sort=False)["n"].sum()
    return Facet(_as_dict(records.add(about, fill_value=0)), _as_dict(about[about > 0]))


def era_facet(rows: pd.DataFrame, eras: pd.DataFrame) -> Facet:
    """Records whose known period meets each era (as :func:`~border_atlas.filters.rules.by_era`);
    the "All" option (None) is every row."""
    counts: dict[Hashable, int] = {None: len(rows)}
    for era in dict.fromkeys(eras["id"].tolist()):
        start, end = era_bounds(eras, era)
        meets = np.ones(len(rows), dtype=bool)
        if start is not None:
            meets &= (rows["known_to"] >= pd.Timestamp(start)).to_numpy(dtype=bool, na_value=False)
        if end is not None:
            meets &= (rows["known_from"] <= pd.Timestamp(end)).to_numpy(dtype=bool, na_value=False)
        counts[era] = int(meets.sum())
    return Facet(counts)


def grade_facet(rows: pd.DataFrame, grades: GradeRange) -> Facet:
    """Each reliability letter within the chosen credibility range, and each credibility number
    within the chosen reliability range (the two sliders narrow each other), keyed
    ``("reliability", "C")`` and ``("credibility", 3)``."""
    (best_r, worst_r), (best_c, worst_c) = grades.reliability, grades.credibility
    reliable = rows["reliability"].between(best_r, worst_r).fillna(False).astype(bool)
    credible = rows["credibility"].between(best_c, worst_c).fillna(False).astype(bool)
    letters = rows.loc[credible, "reliability"].value_counts()
    numbers = rows.loc[reliable, "credibility"].value_counts()
    records = {("reliability", letter): int(letters.get(letter, 0)) for letter in RELIABILITY}
    records.update({("credibility", number): int(numbers.get(number, 0)) for number in CREDIBILITY})
    return Facet(records)
