"""From what the analyst typed to the rows that would be saved, and what the draft itself must settle.

Values are trimmed and empty cells left empty. A new place with no coordinate but a parent is
"position unknown": it is drawn at its parent's point with precision "parent", takes the
parent's country, and says so in ``coord_note`` (as Kangan does within Hyesan). No other
coordinate is ever filled in. A place left unconfirmed, a place with neither coordinate nor
parent, and a report whose source row does not count its paragraphs are problems of the draft.

>>> from border_atlas import load_dataset
>>> from border_atlas.drafting.tables import Draft, frame_of
>>> draft = Draft.empty().replace(places=frame_of("places", [
...     {"id": "wiyon", "name": "Wiyon", "kind": "neighbourhood", "parent_id": "hyesan", "coord_source_id": "x"}]))
>>> ready, problems = prepare(draft, load_dataset())
>>> ready.places.loc[0, ["lat", "lon", "precision", "country"]].tolist(), problems
([41.40167, 128.17778, 'parent', 'KP'], [])
>>> ready.places.loc[0, "coord_note"]
'Position within Hyesan unknown; drawn at its point.'
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from border_atlas.drafting.tables import CONFIRMED, LABELS, TABLES, Draft, data_columns
from border_atlas.loading.dataset import Dataset
from border_atlas.text.wording import count_label


@dataclass(frozen=True)
class DraftProblem:
    """A problem of one cell of the draft, named by the draft's own table, row (from 1) and field.

    >>> str(DraftProblem("new assignments", 2, "place_id", "names 'x', which is not an id in places.csv"))
    "new assignments, row 2, field 'place_id': names 'x', which is not an id in places.csv"
    """

    table: str
    row: int | None
    field: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = [self.table]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}"


def cell(value):
    """A cell as the store writes it: None for empty, trimmed text, whole numbers without ".0"."""
    if value is None or (not isinstance(value, str | bool) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def _clean(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """The data columns as text, each of dtype object: pandas would infer ``str`` for a column of text and
    then refuse a number, or None, written into it later (a coordinate filled in from a parent)."""
    present = frame.reindex(columns=data_columns(table)).reset_index(drop=True)
    return pd.DataFrame({column: pd.Series([cell(v) for v in present[column].tolist()], dtype=object)
                         for column in present.columns}, columns=present.columns)


def prepare(draft: Draft, dataset: Dataset) -> tuple[Draft, list[DraftProblem]]:
    """The rows to save (data columns only, as text) and the problems only the draft can have."""
    problems: list[DraftProblem] = []
    tables = {table: _clean(draft.table(table), table) for table in TABLES}
    confirmed = draft.places[CONFIRMED] if CONFIRMED in draft.places else pd.Series(True, index=draft.places.index)
    for number, ok in enumerate(confirmed.tolist(), start=1):
        if not ok:
            problems.append(DraftProblem(LABELS["places"], number, CONFIRMED, "the gazetteer could not tell which "
                                         "place this name means (see 'found'): set its coordinate and source, or "
                                         "remove the row, then tick 'confirmed'"))
    tables["places"] = _positions(tables["places"], dataset, problems)
    if draft.report is not None:
        problems += _report_row(tables["sources"], len(draft.report.paragraphs))
    return Draft(**tables, report=draft.report), problems


def _positions(places: pd.DataFrame, dataset: Dataset, problems: list[DraftProblem]) -> pd.DataFrame:
    """Draw each place of unknown position at its parent's point, or say what is missing."""
    table = {row.id: row for row in dataset.places.itertuples(index=False)}
    places = places.copy()
    changed = True
    while changed:  # a new place may lie in another new place
        changed = False
        known = table | {row.id: row for row in places.itertuples(index=False) if row.id and not pd.isna(row.lat)}
        for i, row in places.iterrows():
            parent = known.get(row["parent_id"])
            if pd.isna(row["lat"]) and pd.isna(row["lon"]) and parent is not None and not pd.isna(parent.lat):
                places.loc[i, ["lat", "lon"]] = [parent.lat, parent.lon]
                places.loc[i, "precision"] = _or(row["precision"], "parent")
                places.loc[i, "country"] = _or(row["country"], parent.country)
                places.loc[i, "coord_note"] = _or(row["coord_note"], f"Position within {parent.name} unknown; "
                                                                     "drawn at its point.")
                changed = True
    for number, row in enumerate(places.itertuples(index=False), start=1):
        if pd.isna(row.lat) and pd.isna(row.lon):
            problems.append(DraftProblem(LABELS["places"], number, "parent_id", "position unknown: give the place it "
                                         "lies in (it is then drawn at that place's point), or its coordinate with "
                                         "a precision and the source of that coordinate"))
        elif row.precision == "parent" and _or(row.parent_id, None) is None:
            problems.append(DraftProblem(LABELS["places"], number, "parent_id", "precision 'parent' needs the parent "
                                         "place whose point it is drawn at"))
    return places


def _or(value, default):
    return default if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "" else value


def _report_row(sources: pd.DataFrame, paragraphs: int) -> list[DraftProblem]:
    if sources.empty:
        return [DraftProblem(LABELS["sources"], None, None, "the report needs its row in the sources table")]
    row = sources.iloc[0]
    found = []
    if row["kind"] != "report":
        found.append(DraftProblem(LABELS["sources"], 1, "kind", "the report's own row must be of kind 'report'"))
    if row["paragraphs"] != str(paragraphs):
        found.append(DraftProblem(LABELS["sources"], 1, "paragraphs", f"the report has "
                                  f"{count_label(paragraphs, 'paragraph')} by the project's rule "
                                  f"(got {row['paragraphs']!r})"))
    return found
