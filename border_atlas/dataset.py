"""Load the CSV tables, validate them, and keep every valid row.

Problems are collected, never raised: each names the file, the spreadsheet row (the header
is row 1) and the field, so that one bad row never hides another and the valid rows stay
usable. Source files are only ever read.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from border_atlas import schema
from border_atlas.dates import first_day, known_period, last_day

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

_BUILTIN_MESSAGES = {
    "not_nullable": "is empty but a value is required",
    "field_uniqueness": "repeats an id already used on an earlier row",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a source file."""

    file: str
    row: int | None  # spreadsheet row: the header is row 1; None for the whole file
    field: str | None
    message: str
    severity: str = "error"  # "error": the row was left out; "warning": it was kept

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}"


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
    folder: Path = DATA_DIR

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


def _empty(fields: list[schema.Field]) -> pd.DataFrame:
    frame = pd.DataFrame({f.name: pd.Series(dtype=schema.PANDAS_DTYPES[f.dtype]) for f in fields})
    frame["file_row"] = pd.Series(dtype="Int64")
    return frame


def _read_csv(path: Path, problems: list[Problem]) -> pd.DataFrame | None:
    if not path.exists():
        problems.append(Problem(path.name, None, None, "file is missing"))
        return None
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError, csv.Error) as exc:
        problems.append(Problem(path.name, None, None, f"cannot be read as UTF-8 CSV: {exc}"))
        return None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.apply(lambda column: column.str.strip())
    return frame.replace("", pd.NA)


def _message(check: str, value) -> str:
    if check.startswith("coerce_dtype"):
        kind = "a whole number" if "Int" in check or "int" in check else "a number"
        text = f"is not {kind}"
    else:
        text = _BUILTIN_MESSAGES.get(check, check)
    if check == "not_nullable" or value is None or (not isinstance(value, str) and pd.isna(value)):
        return text
    return f"{text} (got {str(value)!r})"


def _run(schema_: pa.DataFrameSchema, frame: pd.DataFrame, file: str, problems: list[Problem]):
    """Validate, record the failing cells, and return the frame without the failing rows."""
    try:
        return schema_.validate(frame, lazy=True), set()
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    bad_rows: set[int] = set()
    seen: set[tuple] = set()
    for case in cases.itertuples(index=False):
        index = case.index
        if index is None or pd.isna(index) or str(case.check).startswith("dtype("):
            continue  # a type failure is already reported by its coercion failure
        key = (int(index), case.column)
        if key in seen:
            continue
        seen.add(key)
        bad_rows.add(int(index))
        problems.append(Problem(file, int(index) + 2, case.column, _message(str(case.check), case.failure_case)))
    kept = frame.drop(index=sorted(bad_rows))
    return schema_.validate(kept, lazy=False) if not kept.empty else kept, bad_rows


def validate_table(name: str, raw: pd.DataFrame | None, problems: list[Problem]) -> pd.DataFrame:
    """Types, required values, uniqueness and value rules of one table."""
    fields = schema.TABLES[name]
    file = f"{name}.csv"
    if raw is None:
        return _empty(fields)
    for f in fields:
        if f.name in raw.columns:
            continue
        if f.optional_column:
            problems.append(Problem(file, 1, f.name, "optional column is missing; read as empty", "warning"))
            raw[f.name] = pd.NA
        else:
            problems.append(Problem(file, 1, f.name, "required column is missing; no row of this file can be used"))
            return _empty(fields)
    typed, _ = _run(schema.type_schema(fields), raw, file, problems)
    valid, _ = _run(schema.value_schema(fields), typed, file, problems)
    valid = valid.copy()
    valid["file_row"] = pd.array([i + 2 for i in valid.index], dtype="Int64")
    return valid


def _drop(frame: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    return frame[~mask]


def _check_references(
    tables: dict[str, pd.DataFrame], ids_in_files: dict[str, set[str]], name: str, problems: list[Problem]
) -> pd.DataFrame:
    """Drop rows that name an id no file has.

    An id whose own row was left out for a bad value still counts as known: its records
    stay (a record at a place with a broken coordinate is kept, only not drawn).
    """
    frame = tables[name]
    for (table, column), target in schema.REFERENCES.items():
        if table != name or frame.empty:
            continue
        known = ids_in_files.get(target, set())
        unknown = frame[column].notna() & ~frame[column].isin(known)
        for _, row in frame[unknown].iterrows():
            problems.append(Problem(f"{name}.csv", int(row["file_row"]), column,
                                    f"names {row[column]!r}, which is not an id in {target}.csv"))
        frame = _drop(frame, unknown)
    return frame


def _check_rules(tables: dict[str, pd.DataFrame], name: str, problems: list[Problem]) -> pd.DataFrame:
    """Rules that span columns or tables: ordered dates, ranges, cited paragraphs, cycles."""
    frame = tables[name]
    file = f"{name}.csv"
    bad = pd.Series(False, index=frame.index)

    def flag(mask: pd.Series, column: str, message) -> None:
        nonlocal bad
        for _index, row in frame[mask].iterrows():
            problems.append(Problem(file, int(row["file_row"]), column, message(row)))
        bad |= mask

    if {"start", "end"} <= set(frame.columns) and not frame.empty:
        reversed_ = pd.Series(
            [isinstance(s, str) and isinstance(e, str) and first_day(s) > last_day(e)
             for s, e in zip(frame["start"], frame["end"])],
            index=frame.index,
        )
        flag(reversed_, "end", lambda r: f"ends ({r['end']}) before it starts ({r['start']})")
    if name == "figures" and not frame.empty:
        flag(frame["amount_min"] > frame["amount_max"], "amount_max",
             lambda r: f"is smaller than amount_min ({r['amount_min']:g})")
    if "paragraphs" in frame.columns and "source_id" in frame.columns and not frame.empty:
        counts = tables["sources"].set_index("id")["paragraphs"]

        def beyond(row) -> list[int]:
            if pd.isna(row["paragraphs"]):
                return []
            limit = counts.get(row["source_id"])
            if limit is None or pd.isna(limit):
                return []
            return [int(p) for p in row["paragraphs"].split(";") if int(p) > int(limit)]

        outside = frame.apply(lambda r: bool(beyond(r)), axis=1).astype(bool)
        flag(outside, "paragraphs",
             lambda r: f"cites paragraph {beyond(r)[0]}, but {r['source_id']} has {int(counts[r['source_id']])}")
    if "parent_id" in frame.columns and not frame.empty:
        parents = dict(zip(frame["id"], frame["parent_id"]))

        def in_cycle(start: str) -> bool:
            seen, node = set(), start
            while isinstance(node, str) and node in parents:
                if node in seen:
                    return True
                seen.add(node)
                node = parents[node]
            return False

        flag(frame["id"].map(in_cycle).astype(bool), "parent_id",
             lambda r: "is part of a parent cycle (a place or organisation inside itself)")
    return frame[~bad]


def with_known_period(assignments: pd.DataFrame) -> pd.DataFrame:
    """Add ``known_from`` / ``known_to``: the days each record is known to hold."""
    periods = [
        known_period(row.start if isinstance(row.start, str) else None,
                     row.end if isinstance(row.end, str) else None, row.reported)
        for row in assignments.itertuples()
    ]
    frame = assignments.copy()
    frame["known_from"] = pd.to_datetime(pd.Series([p[0] for p in periods], index=frame.index, dtype=object))
    frame["known_to"] = pd.to_datetime(pd.Series([p[1] for p in periods], index=frame.index, dtype=object))
    return frame


def load_dataset(folder: Path | str | None = None) -> Dataset:
    """Read and validate every table in ``folder`` (the bundled ``data/`` by default)."""
    folder = Path(folder) if folder is not None else DATA_DIR
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame] = {}
    ids_in_files: dict[str, set[str]] = {}
    for name in schema.LOAD_ORDER:
        raw = _read_csv(folder / f"{name}.csv", problems)
        ids_in_files[name] = set(raw["id"].dropna()) if raw is not None and "id" in raw.columns else set()
        tables[name] = validate_table(name, raw, problems)
        tables[name] = _check_references(tables, ids_in_files, name, problems)
        tables[name] = _check_rules(tables, name, problems)
    tables = {name: frame.reset_index(drop=True) for name, frame in tables.items()}
    tables["assignments"] = with_known_period(tables["assignments"])
    return Dataset(**tables, problems=tuple(problems), folder=folder)
