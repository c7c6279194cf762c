"""Validate raw tables, whatever reader they came from, keeping every valid row.

Problems are collected, never raised: each names the origin's file, row and field, so that
one bad row never hides another. A row with a bad required value is left out; a bad value in
a ``soft`` field (a colour, an uncertainty radius) is dropped with a warning and the row kept.
Every rule runs on whole columns at once.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from border_atlas.loading import schema
from border_atlas.loading.checks import (
    HIDDEN_CHARACTERS,
    arrow_text,
    hidden_character_message,
    hidden_characters,
    partial_date_days,
)
from border_atlas.loading.problems import Problem
from border_atlas.readers.base import RawTable

_REQUIRED = "is empty but a value is required"


def empty_table(name: str) -> pd.DataFrame:
    frame = pd.DataFrame({f.name: pd.Series(dtype=f.parser.dtype) for f in schema.TABLES[name]})
    frame["file_row"] = pd.Series(dtype="Int64")
    return frame


def _got(message: str, values: pd.Series) -> list[str]:
    return [f"{message} (got {str(v)[:80]!r})" for v in values]


class _Collector:
    """Problems of one table, added a column at a time."""

    def __init__(self, file: str, rows: pd.Series):
        self.file = file
        self.rows = rows
        self.problems: list[Problem] = []

    def add(self, mask: pd.Series, field: str, messages, severity: str = "error") -> None:
        if not mask.any():
            return
        rows = self.rows[mask]
        texts = [messages] * len(rows) if isinstance(messages, str) else messages
        self.problems.extend(Problem(self.file, int(r), field, m, severity) for r, m in zip(rows, texts))


def _columns(name: str, raw: RawTable, found: _Collector) -> pd.DataFrame | None:
    """The raw frame with every declared column present, or None if a required one is missing."""
    frame = raw.frame.copy()
    declared = {f.name for f in schema.TABLES[name]}
    if not declared & set(frame.columns):
        expected = ", ".join(f.name for f in schema.TABLES[name][:4])
        found.problems.append(Problem(raw.file, None, None, f"cannot be read as the {name} table: its first row names "
                                                            f"none of its columns ({expected}, …). Is it the right "
                                                            "file, saved as CSV UTF-8?"))
        return None
    for column in frame.columns:
        if column not in declared:
            found.problems.append(Problem(raw.file, 1, column, f"is not a column of {name}; its values are ignored",
                                          "warning"))
    for f in schema.TABLES[name]:
        if f.name in frame.columns:
            continue
        if not f.optional_column:
            found.problems.append(Problem(raw.file, 1, f.name, "required column is missing; no row of this file "
                                                                "can be used"))
            return None
        found.problems.append(Problem(raw.file, 1, f.name, "optional column is missing; read as empty", "warning"))
        frame[f.name] = pd.Series(pd.NA, index=frame.index, dtype="object")
    return frame


def _field(f: schema.Field, text: pd.Series, found: _Collector) -> tuple[pd.Series, pd.Series]:
    """The typed column and the rows it rules out."""
    hidden = hidden_characters(text)
    if hidden.any():  # readers other than the CSV one hand such text over as it is
        found.add(hidden, f.name, [hidden_character_message(c) for c in text[hidden].str.extract(
            f"({HIDDEN_CHARACTERS})", expand=False)])
    values, unreadable = f.parser.parse(text.where(~hidden))
    bad = hidden.copy()
    severity = "warning" if f.soft else "error"
    suffix = "; the value is ignored" if f.soft else ""
    found.add(unreadable, f.name, _got(f.parser.message + suffix, text[unreadable]), severity)
    failed = unreadable | hidden
    for check in f.checks:
        fails = check.fails(values) & ~failed
        found.add(fails, f.name, _got(check.message + suffix, text[fails]), severity)
        failed |= fails
    if f.soft:
        values = values.where(~failed)
    else:
        bad |= failed
    if f.required:
        missing = values.isna() & ~failed
        found.add(missing, f.name, _REQUIRED)
        bad |= missing
    return values, bad


def validate_table(name: str, raw: RawTable) -> tuple[pd.DataFrame, list[Problem]]:
    """Types, required values, uniqueness and value rules of one table."""
    rows = pd.Series(raw.rows, dtype="int64")
    found = _Collector(raw.file, rows)
    found.problems.extend(raw.problems)
    frame = None if raw.frame is None else _columns(name, raw, found)
    if frame is None:
        return empty_table(name), found.problems
    frame = frame.reset_index(drop=True)
    typed, bad = {}, pd.Series(False, index=frame.index)
    for f in schema.TABLES[name]:
        typed[f.name], ruled_out = _field(f, frame[f.name], found)
        bad |= ruled_out
    for f in schema.TABLES[name]:
        if f.unique:
            repeated = typed[f.name].notna() & ~bad & typed[f.name].where(~bad).duplicated(keep="first")
            found.add(repeated, f.name, "repeats an id already used on an earlier row")
            bad |= repeated
    valid = pd.DataFrame(typed)[~bad].copy()
    valid["file_row"] = pd.array(rows[~bad], dtype="Int64")
    return valid.reset_index(drop=True), found.problems


def is_one_of(values: pd.Series, ids: Iterable[str] | pd.Series | pa.Array) -> pd.Series:
    """Whether each value is one of ``ids``, by Arrow's hash look-up (pandas' isin on text goes value by value).

    >>> is_one_of(pd.Series(["a", "b", None]), {"a"}).tolist()
    [True, False, False]
    """
    if isinstance(ids, pd.Series):
        value_set = arrow_text(ids)
    elif isinstance(ids, pa.Array):
        value_set = ids.cast(pa.large_string())
    else:
        value_set = pa.array(list(ids), pa.large_string())
    found = pc.is_in(arrow_text(values), value_set=value_set)
    return pd.Series(found.fill_null(False).to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


def known_ids(raw: RawTable) -> pa.Array:
    """The distinct ids a raw table holds, whatever became of their rows."""
    if raw.frame is None or "id" not in raw.frame:
        return pa.array([], pa.large_string())
    return pc.unique(arrow_text(raw.frame["id"]).drop_null())


def check_references(tables: dict[str, pd.DataFrame], known: dict[str, Iterable[str] | pa.Array], name: str,
                     problems: list[Problem]) -> pd.DataFrame:
    """Drop rows that name an id no file has.

    An id whose own row was left out for a bad value still counts as known: its records
    stay (a record at a place with a broken coordinate is kept, only not drawn).
    """
    frame = tables[name]
    for (table, column), target in schema.REFERENCES.items():
        if table != name or frame.empty:
            continue
        unknown = frame[column].notna() & ~is_one_of(frame[column], known.get(target, ()))
        problems.extend(Problem(f"{name}.csv", int(row), column, f"names {value!r}, which is not an id in "
                                                                   f"{target}.csv")
                        for row, value in zip(frame.loc[unknown, "file_row"], frame.loc[unknown, column]))
        frame = frame[~unknown]
    return frame


def _flag(frame: pd.DataFrame, mask: pd.Series, file: str, column: str, messages: list[str],
          problems: list[Problem]) -> None:
    problems.extend(Problem(file, int(r), column, m) for r, m in zip(frame.loc[mask, "file_row"], messages))


def _reversed_periods(frame: pd.DataFrame) -> pd.Series:
    starts = partial_date_days(frame["start"])
    ends = partial_date_days(frame["end"], last=True)
    return (starts > ends).fillna(False).astype(bool)


def _cited_beyond(frame: pd.DataFrame, counts: pd.Series) -> pd.Series:
    """The largest paragraph each row cites beyond its source's count (NA where none is)."""
    lists = pc.split_pattern(arrow_text(frame["paragraphs"]), ";")
    cited = pc.cast(pc.list_flatten(lists), pa.int64()).to_numpy()
    row = pc.list_parent_indices(lists).to_numpy()
    limit = frame["source_id"].map(counts).to_numpy(dtype="float64", na_value=np.nan)[row]
    beyond = cited > limit
    largest = pd.Series(cited[beyond]).groupby(row[beyond]).max()
    return pd.Series(largest.reindex(range(len(frame))).to_numpy(), index=frame.index)


def _in_cycle(frame: pd.DataFrame) -> pd.Series:
    """Rows whose chain of parents never ends: inside a cycle, or leading into one.

    Pointer doubling: after k rounds each row points 2**k parents up, or nowhere (-1) once its
    chain has ended; a chain still going after as many steps as there are rows must loop.
    """
    parent = pd.Index(frame["id"]).get_indexer(frame["parent_id"])
    for _ in range(max(1, int(np.ceil(np.log2(len(frame) + 1))) + 1)):
        parent = np.where(parent >= 0, parent[np.maximum(parent, 0)], -1)
    return pd.Series(parent >= 0, index=frame.index)


def check_rules(tables: dict[str, pd.DataFrame], name: str, problems: list[Problem]) -> pd.DataFrame:
    """Rules that span columns or tables: ordered dates, ranges, cited paragraphs, cycles."""
    frame, file = tables[name], f"{name}.csv"
    if frame.empty:
        return frame
    bad = pd.Series(False, index=frame.index)
    if {"start", "end"} <= set(frame.columns):
        mask = _reversed_periods(frame)
        _flag(frame, mask, file, "end", [f"ends ({e}) before it starts ({s})" for s, e in
                                          zip(frame.loc[mask, "start"], frame.loc[mask, "end"])], problems)
        bad |= mask
    if name == "figures":
        mask = (frame["amount_min"] > frame["amount_max"]).fillna(False).astype(bool)
        _flag(frame, mask, file, "amount_max", [f"is smaller than amount_min ({v:g})" for v in
                                                 frame.loc[mask, "amount_min"]], problems)
        bad |= mask
    if {"paragraphs", "source_id"} <= set(frame.columns):
        counts = tables["sources"].set_index("id")["paragraphs"].dropna()
        beyond = _cited_beyond(frame, counts)
        mask = beyond.notna()
        _flag(frame, mask, file, "paragraphs", [f"cites paragraph {int(p)}, but {s} has {int(counts[s])}" for p, s in
                                                 zip(beyond[mask], frame.loc[mask, "source_id"])], problems)
        bad |= mask
    if "parent_id" in frame.columns:
        mask = _in_cycle(frame)
        _flag(frame, mask, file, "parent_id",
              ["is part of a parent cycle (a place or organisation inside itself)"] * int(mask.sum()), problems)
        bad |= mask
    return frame[~bad]


def with_known_period(assignments: pd.DataFrame) -> pd.DataFrame:
    """Add ``known_from`` / ``known_to``: the days each record is known to hold.

    A missing bound is replaced by the report date (see :func:`border_atlas.loading.dates.known_period`).
    """
    report = partial_date_days(assignments["reported"])
    start, end_first = partial_date_days(assignments["start"]), partial_date_days(assignments["end"])
    end_last = partial_date_days(assignments["end"], last=True)
    low = start.fillna(end_first).fillna(report)
    high = end_last.fillna(pd.concat([low, report], axis=1).max(axis=1))
    frame = assignments.copy()
    frame["known_from"] = low.astype("datetime64[ns]")
    frame["known_to"] = pd.concat([low, high], axis=1).max(axis=1).astype("datetime64[ns]")
    return frame
