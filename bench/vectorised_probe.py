"""What whole-column validation of the assignments would cost: a sizing probe, not a validator.

It runs the assignments table's rules (required values, id pattern, duplicates, allowed values,
whole-number grades, partial dates that are real days, paragraph lists, references, reversed
periods, paragraphs beyond the cited report) and the known period as whole-column operations,
with no Python call per row, and returns the rows each rule rejects. ``bench/measure_load.py``
times it and checks its known period against :func:`border_atlas.loading.dataset.with_known_period`.

Limits of a probe: no problem messages, and the year 0000 passes here although Python's
dates (and so the project) reject it; other dates were accepted and rejected alike in a spot check.

>>> frame = pd.DataFrame({"start": ["2018-02", None], "end": [None, "2019"], "reported": ["2018-02-28", "2020"]})
>>> known = known_period(frame)
>>> known["known_from"].dt.strftime("%Y-%m-%d").tolist(), known["known_to"].dt.strftime("%Y-%m-%d").tolist()
(['2018-02-01', '2019-01-01'], ['2018-02-28', '2019-12-31'])
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pandera.pandas as pa_checks
import pyarrow as pa
import pyarrow.compute as pc

from border_atlas.loading import schema

PARTIAL_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
_PADDING = {4: "-01-01", 7: "-01", 10: ""}


def first_days(dates: pd.Series) -> pd.Series:
    """The first day each partial date covers; NaT for a missing or impossible date."""
    shaped = dates.where(dates.str.fullmatch(PARTIAL_DATE).fillna(False).astype(bool))
    padding = shaped.str.len().map(_PADDING).fillna("")
    return pd.to_datetime(shaped + padding, format="%Y-%m-%d", errors="coerce")


def last_days(dates: pd.Series) -> pd.Series:
    """The last day each partial date covers: 31 December for a year, the month's end for a month."""
    first = first_days(dates)
    length = dates.str.len()
    year_end = first + pd.offsets.YearEnd(0)
    month_end = first + pd.offsets.MonthEnd(0)
    return first.where(length == 10, month_end.where(length == 7, year_end))


def known_period(frame: pd.DataFrame) -> pd.DataFrame:
    """``known_from`` / ``known_to`` as :func:`border_atlas.loading.dates.known_period` defines them."""
    start_first, end_first, end_last = first_days(frame["start"]), first_days(frame["end"]), last_days(frame["end"])
    report = first_days(frame["reported"])
    lo = start_first.fillna(end_first).fillna(report)
    hi = end_last.fillna(pd.concat([lo, report], axis=1).max(axis=1))
    return pd.DataFrame({"known_from": lo, "known_to": pd.concat([lo, hi], axis=1).max(axis=1)})


def _whole_numbers(text: pd.Series) -> pd.Series:
    """Each text read as a whole number; <NA> where it is not one."""
    return text.where(text.str.fullmatch(r"[+-]?\d{1,9}") == True).astype("Int64")  # noqa: E712


def _named(values: pd.Series, ids: set[str]) -> pd.Series:
    """Whether each value is one of ``ids`` (Arrow's hash look-up: ten times pandas' isin on text here)."""
    found = pc.is_in(pa.array(values, pa.string()), value_set=pa.array(sorted(ids), pa.string()))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index)


def _paragraph_beyond(frame: pd.DataFrame, limits: pd.Series) -> pd.Series:
    """Rows citing a paragraph number above the cited report's paragraph count."""
    listed = frame["paragraphs"].where(frame["paragraphs"].str.fullmatch(schema.PARAGRAPHS_PATTERN[1:-1]) == True)  # noqa: E712
    parts = pc.split_pattern(pa.array(listed.fillna("0"), pa.string()), ";")
    numbers = pa.table({"row": pc.list_parent_indices(parts), "n": pc.list_flatten(parts).cast(pa.int64())})
    highest = numbers.group_by("row").aggregate([("n", "max")]).to_pandas().set_index("row")["n_max"]
    highest.index = frame.index[highest.index]
    return (highest.reindex(frame.index) > frame["source_id"].map(limits)).fillna(False).astype(bool)


def assignment_failures(frame: pd.DataFrame, *, ids: dict[str, set[str]], paragraph_limits: pd.Series) -> dict:
    """Rule name -> boolean mask of the rows it rejects, for a raw (all text) assignments table.

    ``ids`` maps a table name to the ids its file holds; ``paragraph_limits`` maps a source id
    to its paragraph count.
    """
    fields = {f.name: f for f in schema.TABLES["assignments"]}
    failures = {}
    for name, f in fields.items():
        if f.required:
            failures[f"{name} required"] = frame[name].isna()
    failures["id pattern"] = ~frame["id"].str.fullmatch(schema.ID_PATTERN[1:-1]).fillna(True).astype(bool)
    failures["id repeated"] = frame["id"].duplicated() & frame["id"].notna()
    for name, allowed in (("role", schema.ROLES), ("reliability", schema.RELIABILITY)):
        failures[f"{name} allowed"] = frame[name].notna() & ~frame[name].isin(allowed)
    grade = _whole_numbers(frame["credibility"])
    failures["credibility allowed"] = frame["credibility"].notna() & ~grade.isin(schema.CREDIBILITY)
    for name in ("start", "end", "reported"):
        failures[f"{name} date"] = frame[name].notna() & first_days(frame[name]).isna()
    failures["paragraphs pattern"] = frame["paragraphs"].notna() & ~frame["paragraphs"].str.fullmatch(
        schema.PARAGRAPHS_PATTERN[1:-1]).fillna(False).astype(bool)
    for (table, column), target in schema.REFERENCES.items():
        if table == "assignments":
            failures[f"{column} reference"] = frame[column].notna() & ~_named(frame[column], ids.get(target, set()))
    failures["reversed period"] = (first_days(frame["start"]) > last_days(frame["end"])).fillna(False).astype(bool)
    failures["paragraph beyond source"] = _paragraph_beyond(frame, paragraph_limits)
    return failures


def whole_column_date_check() -> pa_checks.Check:
    """The schema's partial-date check, run once on a whole column instead of once per value."""
    return pa_checks.Check(lambda dates: dates.isna() | first_days(dates).notna(),
                           error="is not a date written YYYY, YYYY-MM or YYYY-MM-DD")


def with_whole_column_dates(fields: list[schema.Field]) -> list[schema.Field]:
    """``fields`` with every element-wise check (the partial dates) replaced by the whole-column one."""
    return [replace(f, checks=tuple(whole_column_date_check() if getattr(c, "element_wise", False) else c
                                    for c in f.checks)) for f in fields]
