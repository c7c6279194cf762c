"""Validate a draft with the same rules as :func:`~border_atlas.loading.dataset.load_dataset`, and name its problems.

:class:`AppendedReader` serves the data's own tables with the draft's rows appended, so the new
rows meet every rule the loaded data meets: types, required values, unique ids, references
between tables, ordered dates, cited paragraphs within the source's count. Problems the data
already had are not the draft's; the draft's are named by its own table, row and field ("new
assignments, row 2, field 'place_id'").

>>> from border_atlas.loading.dataset import DATA_DIR
>>> from border_atlas.drafting.tables import Draft, frame_of
>>> from border_atlas.readers import CsvFolder
>>> draft = Draft.empty().replace(assignments=frame_of("assignments", [
...     {"id": "mss-atlantis", "org_id": "mss", "role": "order", "place_id": "atlantis", "summary": "Ordered it.",
...      "reported": "2025-10-27", "source_id": "nkinsider-2025-10-27", "paragraphs": "1", "reliability": "C",
...      "credibility": "3"}]))
>>> [str(p) for p in check_draft(draft, CsvFolder(DATA_DIR)).problems]
["new assignments, row 1, field 'place_id': names 'atlantis', which is not an id in places.csv"]
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from border_atlas.drafting.prepare import DraftProblem, prepare
from border_atlas.drafting.tables import LABELS, TABLES, Draft
from border_atlas.loading.dataset import Dataset, load_dataset
from border_atlas.loading.problems import Problem
from border_atlas.readers import FrameReader, RawTable, TableReader


class AppendedReader:
    """``base``'s tables with the draft's rows after their last row, numbered on from it."""

    def __init__(self, base: TableReader, frames: dict[str, pd.DataFrame]):
        self.base = base
        self.frames = {name: frame for name, frame in frames.items() if not frame.empty}
        self.label = f"{base.label} with the new rows"
        self.first_row: dict[str, int] = {}  # table -> the number of the draft's first row

    def read(self, table: str) -> RawTable:
        raw = self.base.read(table)
        extra = self.frames.get(table)
        if extra is None:
            return raw
        new = FrameReader({table: extra}, files={table: raw.file}).read(table)
        first = max([1, *raw.rows, *(p.row or 0 for p in raw.problems)]) + 1
        self.first_row[table] = first
        rows = (*raw.rows, *range(first, first + len(new.frame)))
        frame = new.frame if raw.frame is None else pd.concat([raw.frame, new.frame.reindex(
            columns=raw.frame.columns)], ignore_index=True)
        return RawTable(raw.file, frame, rows, raw.problems)

    def fingerprint(self) -> str | None:
        base = self.base.fingerprint()
        extra = FrameReader(self.frames).fingerprint()
        return None if base is None else hashlib.sha256(f"{base}:{extra}".encode()).hexdigest()

    def draft_row(self, problem: Problem) -> tuple[str, int] | None:
        """(table, row from 1) of the draft row a problem names, if it names one."""
        table = problem.file.removesuffix(".csv")
        first = self.first_row.get(table)
        if first is None or problem.row is None or problem.row < first:
            return None
        return table, problem.row - first + 1


@dataclass(frozen=True)
class DraftCheck:
    """The rows to save, the data with them as the app would load it, and the draft's problems."""

    prepared: Draft
    dataset: Dataset
    problems: tuple[DraftProblem, ...]

    @property
    def ok(self) -> bool:
        """Nothing stands in the way of saving: no problem at all, warnings included."""
        return not self.problems and not self.prepared.is_empty


def _missing_columns(prepared: Draft, reader: TableReader) -> list[DraftProblem]:
    """Values in columns the data file does not have: the store could not write them."""
    found = []
    for table in TABLES:
        frame = prepared.table(table)
        raw = reader.read(table) if not frame.empty else None
        if raw is None:
            continue
        if raw.frame is None:
            why = "; ".join(p.message for p in raw.problems) or "it cannot be read"
            found.append(DraftProblem(LABELS[table], None, None, f"{raw.file}: {why}; no row can be added to it"))
            continue
        for column in frame.columns:
            if column not in raw.frame.columns and frame[column].notna().any():
                found.append(DraftProblem(LABELS[table], None, column, f"{raw.file} has no column '{column}': leave "
                                          "it empty or add the column to the file first"))
    return found


def check_draft(draft: Draft, reader: TableReader, *, base: Dataset | None = None) -> DraftCheck:
    """Validate the draft's rows together with ``reader``'s tables (``base``: those tables, already loaded)."""
    base = base if base is not None else load_dataset(reader)
    prepared, problems = prepare(draft, base)
    problems += _missing_columns(prepared, reader)
    appended = AppendedReader(reader, {table: prepared.table(table) for table in TABLES})
    combined = load_dataset(appended)
    already = set(base.problems)
    for problem in combined.problems:
        if problem in already:
            continue
        where = appended.draft_row(problem)
        if where is None:
            problems.append(DraftProblem(problem.file, problem.row, problem.field, problem.message, problem.severity))
        else:
            problems.append(DraftProblem(LABELS[where[0]], where[1], problem.field, problem.message, problem.severity))
    return DraftCheck(prepared, combined, tuple(_without_repeats(problems)))


def _without_repeats(problems: list[DraftProblem]) -> list[DraftProblem]:
    """One problem per cell: a place of unknown position is not also reported for its empty coordinates."""
    unplaced = {p.row for p in problems if p.table == LABELS["places"] and p.field == "parent_id"}
    kept = [p for p in problems if not (p.table == LABELS["places"] and p.row in unplaced
                                        and p.field in ("lat", "lon", "precision", "country"))]
    return list(dict.fromkeys(kept))
