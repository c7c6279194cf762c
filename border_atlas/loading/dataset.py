"""Load the tables from a reader, validate them, and keep every valid row.

Source files are only ever read. Problems are collected, never raised (see
:mod:`border_atlas.loading.validation`). With ``cache=``, validated tables are kept on disk keyed by
the files' hash (:mod:`border_atlas.loading.cache`), and unchanged files are not validated again.

>>> from border_atlas.readers import CsvFolder
>>> dataset = load_dataset(CsvFolder(DATA_DIR))
>>> len(dataset.assignments), dataset.problems
(21, ())
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from border_atlas.loading import schema
from border_atlas.loading.cache import TableCache, open_cache
from border_atlas.loading.problems import Problem
from border_atlas.loading.validation import check_references, check_rules, known_ids, validate_table, with_known_period
from border_atlas.readers import CsvFolder, TableReader

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"

__all__ = ["DATA_DIR", "Dataset", "Problem", "load_dataset"]

REVIEW = "review"  # the records' column saying "reviewed", "pending" or "sent back"
REVIEWED = "reviewed"


@dataclass(frozen=True)
class Dataset:
    """The validated tables (valid rows only) and the problems found in the files."""

    sources: pd.DataFrame
    places: pd.DataFrame
    organisations: pd.DataFrame
    eras: pd.DataFrame
    events: pd.DataFrame
    figures: pd.DataFrame
    assignments: pd.DataFrame
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    origin: str = str(DATA_DIR)
    # Tables derived from this dataset alone (the records joined with their names…), made once on first use.
    derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


def validated_tables(reader: TableReader) -> tuple[dict[str, pd.DataFrame], tuple[Problem, ...]]:
    """Read and validate every table from ``reader``: the valid rows, and the problems found."""
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame] = {}
    known = {}
    for name in schema.LOAD_ORDER:
        raw = reader.read(name)
        # An id counts as known if its row was read at all, even if a bad value left it out.
        known[name] = known_ids(raw)
        tables[name], found = validate_table(name, raw)
        problems.extend(found)
        tables[name] = check_references(tables, known, name, problems)
        tables[name] = check_rules(tables, name, problems)
    tables = {name: frame.reset_index(drop=True) for name, frame in tables.items()}
    tables["assignments"] = with_known_period(tables["assignments"])
    return tables, tuple(problems)


def _through_cache(reader: TableReader, cache: TableCache) -> tuple[dict[str, pd.DataFrame], tuple[Problem, ...]]:
    key = cache.key(reader)
    hit = cache.get(key) if key else None
    if hit is not None:
        return hit.tables, hit.problems
    tables, problems = validated_tables(reader)
    # Stored only if the files did not change while they were read.
    if key and cache.key(reader) == key:
        cache.put(key, tables, problems)
    return tables, problems


def load_dataset(source: TableReader | Path | str | None = None, *,
                 cache: bool | str | Path | TableCache | None = None) -> Dataset:
    """Read and validate every table from ``source``: a reader, or a folder of CSV files
    (the bundled ``data/`` by default).

    :param cache: True for the default cache folder (see :func:`border_atlas.loading.cache.default_cache_dir`),
        a folder, or a :class:`~border_atlas.loading.cache.TableCache`; None (the default) validates every time.
    """
    reader = source if hasattr(source, "read") else CsvFolder(Path(source) if source is not None else DATA_DIR)
    store = open_cache(cache, data_folder=getattr(reader, "folder", None))
    tables, problems = _through_cache(reader, store) if store is not None else validated_tables(reader)
    statuses = reader.review_status() if hasattr(reader, "review_status") else {}
    tables["assignments"] = with_review(tables["assignments"], statuses.get("assignments", {}))
    return Dataset(**tables, problems=problems, origin=reader.label)


def with_review(assignments: pd.DataFrame, awaiting: dict[str, str]) -> pd.DataFrame:
    """The records with their review: "pending" or "sent back" for those awaiting a decision (``awaiting``, by
    id), "reviewed" for the rest (imported, or approved). Read after the cache: a decision changes no table.

    >>> frame = pd.DataFrame({"id": ["a", "b"]})
    >>> with_review(frame, {"b": "pending"})["review"].tolist()
    ['reviewed', 'pending']
    """
    review = assignments["id"].map(awaiting).fillna(REVIEWED) if awaiting else REVIEWED
    return assignments.assign(**{REVIEW: review}).astype({REVIEW: assignments["id"].dtype})
