"""A CSV folder in and out of the database: the published form of the dataset.

Import validates the folder exactly as loading does (:func:`border_atlas.loading.dataset.validated_tables`):
each problem is named by file, row and field, and a bad row is left out; so is a row naming an id
whose own row was left out, since the database keeps every reference whole. Importing again adds
the folder's new rows and changes the rows it changed; rows the folder lacks (added in the app)
are kept. Export writes ``<table>.csv`` (the schema's columns, rows in order, minimal quoting, LF)
and ``reports/<source_id>.txt``: for the bundled dataset, the same bytes as ``data/``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from border_atlas.loading.dataset import validated_tables
from border_atlas.loading.problems import Problem
from border_atlas.loading.schema import REFERENCES
from border_atlas.readers import CsvFolder, RawTable
from border_atlas.store import history
from border_atlas.store import rows as row_io
from border_atlas.store.errors import InvalidInput
from border_atlas.store.history import Change, Row, RowChange
from border_atlas.store.names import ARCHIVE_DIR, ID_PATTERN
from border_atlas.store.sql_tables import DATA_TABLES, REPORTS, import_problems, meta, state, table, text_columns
from border_atlas.text.wording import count_label, row_counts, row_noun


class _ReadOnce:
    """A reader that reads each file once, so validation and import see the same bytes."""

    def __init__(self, reader: CsvFolder):
        self.reader, self.label, self.raw = reader, reader.label, {}

    def read(self, name: str) -> RawTable:
        if name not in self.raw:
            self.raw[name] = self.reader.read(name)
        return self.raw[name]

    def fingerprint(self) -> str | None:
        return None


def folder_fingerprint(folder: Path) -> str:
    """A hash of the folder's tables and archived reports: what an import of it would bring."""
    digest = hashlib.sha256((CsvFolder(folder).fingerprint() or "").encode())
    for path in sorted((folder / ARCHIVE_DIR).glob("*.txt")) if (folder / ARCHIVE_DIR).is_dir() else ():
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class FolderRows:
    """The rows of a folder that can be imported, by table and id, and the problems found."""

    tables: dict[str, list[Row]]
    reports: dict[str, str]
    problems: tuple[Problem, ...]
    fingerprint: str


def _kept_rows(raw: RawTable, valid: pd.DataFrame, name: str) -> list[tuple[int, Row]]:
    """(file row, text cells) of each row that validation kept."""
    if raw.frame is None or valid.empty:
        return []
    numbers = np.asarray(raw.rows, dtype=np.int64)
    kept = np.isin(numbers, valid["file_row"].to_numpy(dtype=np.int64))
    frame = raw.frame.reindex(columns=text_columns(name))[kept].astype(object)
    frame = frame.where(frame.notna(), None)
    return list(zip(numbers[kept].tolist(), frame.to_dict("records")))


def _whole_references(kept: dict[str, list[tuple[int, Row]]]) -> list[Problem]:
    """Leave out rows naming an id whose own row was left out, until none is left."""
    problems = []
    changed = True
    while changed:
        changed = False
        ids = {name: {row["id"] for _, row in rows} for name, rows in kept.items()}
        for (name, column), target in REFERENCES.items():
            bad = [(n, row) for n, row in kept[name] if row[column] is not None and row[column] not in ids[target]]
            for n, row in bad:
                problems.append(Problem(f"{name}.csv", n, column, f"names {row[column]!r}, whose own row was left out "
                                        "(see its problem); this row is left out too: the database keeps every "
                                        "reference whole"))
            if bad:
                kept[name] = [pair for pair in kept[name] if pair not in bad]
                changed = True
                ids[name] = {row["id"] for _, row in kept[name]}
    return problems


def _reports(folder: Path, sources: set[str]) -> tuple[dict[str, str], list[Problem]]:
    archive = folder / ARCHIVE_DIR
    texts, problems = {}, []
    for path in sorted(archive.glob("*.txt")) if archive.is_dir() else ():
        name = f"{ARCHIVE_DIR}/{path.name}"
        if not ID_PATTERN.fullmatch(path.stem) or path.stem not in sources:
            problems.append(Problem(name, None, None, "no row of sources.csv has this id; the text is not imported"))
            continue
        try:
            texts[path.stem] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(name, None, None, f"cannot be read as UTF-8 text ({exc}); not imported"))
    return texts, problems


def read_folder(folder: Path) -> FolderRows:
    """What importing ``folder`` would bring: its valid rows and reports, and every problem."""
    if not folder.is_dir():
        raise InvalidInput(f"{folder} is not a folder")
    fingerprint = folder_fingerprint(folder)
    reader = _ReadOnce(CsvFolder(folder))
    valid, problems = validated_tables(reader)
    kept = {name: _kept_rows(reader.read(name), valid[name], name) for name in DATA_TABLES}
    # A value a row keeps despite a warning is found again whenever the database is loaded; kept here are the
    # problems only the folder shows: rows left out (errors) and columns (the header, row 1).
    problems = [p for p in problems if p.severity == "error" or p.row is None or p.row <= 1]
    problems = [*problems, *_whole_references(kept)]
    texts, report_problems = _reports(folder, {row["id"] for _, row in kept["sources"]})
    return FolderRows({name: [row for _, row in rows] for name, rows in kept.items()}, texts,
                      (*problems, *report_problems), fingerprint)


@dataclass(frozen=True)
class ImportResult:
    """What an import did: rows added and changed, rows the database has that the folder lacks (kept)."""

    folder: str
    change: Change | None
    added: dict[str, int] = field(default_factory=dict)
    changed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    def describe(self) -> str:
        """In words, for the page and the command line."""
        if self.change is None:
            return f"{self.folder}: nothing to import; the database holds every row of it as it is."
        added = row_counts(self.added, empty="nothing")
        changed = "; ".join(f"{row_noun(t, len(ids))} {', '.join(ids)}" for t, ids in self.changed.items() if ids)
        kept = row_counts(self.kept)
        text = f"Imported {self.folder} (change {self.change.id}): added {added}; changed {changed or 'nothing'}."
        if kept:
            text += f" Kept rows the folder does not have: {kept}."
        if self.problems:
            text += f" {count_label(len(self.problems), 'problem')} in the folder: those rows were left out."
        return text


def _row_changes(connection: sa.Connection, found: FolderRows, *, empty: bool) -> tuple[list[RowChange], dict]:
    changes: list[RowChange] = []
    kept: dict[str, int] = {}
    for name in (*DATA_TABLES, REPORTS):
        new = ({i: {"text": t} for i, t in found.reports.items()} if name == REPORTS
               else {row["id"]: row for row in found.tables[name]})
        now = {} if empty else row_io.get_rows(connection, name, new)
        changes += [RowChange(name, i, now.get(i), row) for i, row in new.items() if now.get(i) != row]
        if not empty:
            total = connection.execute(sa.select(sa.func.count()).select_from(table(name))).scalar_one()
            kept[name] = total - len(now)
    return changes, kept


def import_folder(store, folder: Path, *, user: str, note: str = "", only_if_new: bool = False) -> ImportResult:
    """Import ``folder`` into ``store`` in one transaction; ``only_if_new``: only into a database never written."""
    found = read_folder(folder)
    with store.writing() as connection:
        empty = connection.execute(sa.select(sa.func.count()).select_from(history.changes)).scalar_one() == 0
        if only_if_new and not empty:
            return ImportResult(str(folder), None)
        changes, kept = _row_changes(connection, found, empty=empty)
        _set_meta(connection, {"source_folder": str(folder.resolve()), "source_fingerprint": found.fingerprint,
                               "imported_at": history.now_utc()})
        if not changes and not empty and row_io.stored_problems(connection) == list(found.problems):
            return ImportResult(str(folder), None, kept=kept)
        row_io.apply(connection, changes)
        connection.execute(sa.delete(import_problems))
        if found.problems:
            connection.execute(sa.insert(import_problems), [
                {"file": p.file, "row": p.row, "field": p.field, "message": p.message, "severity": p.severity}
                for p in found.problems])
        connection.execute(sa.update(state).values(version=state.c.version + 1))  # the problems changed too
        # The first import's rows are the folder's own: not kept again in the history (it may hold millions).
        change_id = history.record(connection, kind="import", user=user, source_id=None,
                                   note=note or f"imported {folder}", rows=[] if empty else changes)
        added = Counter(c.table for c in changes if c.before is None)
        changed = {name: tuple(c.row_id for c in changes if c.table == name and c.before is not None)
                   for name in (*DATA_TABLES, REPORTS)}
        return ImportResult(str(folder), history.get(connection, change_id), dict(added), changed, kept,
                            found.problems)


def _set_meta(connection: sa.Connection, values: dict[str, str]) -> None:
    connection.execute(sa.delete(meta).where(meta.c.key.in_(list(values))))
    connection.execute(sa.insert(meta), [{"key": k, "value": v} for k, v in values.items()])


def csv_text(name: str, frame: pd.DataFrame) -> str:
    """A table as the published CSV: header, then each row; minimal quoting; LF line ends.

    >>> csv_text("eras", pd.DataFrame([["pre", "Before, long ago", None, None, None, None]],
    ...          columns=text_columns("eras")))
    'id,name,start,end,description,source_id\\npre,"Before, long ago",,,,\\n'
    """
    values = frame.reindex(columns=text_columns(name)).astype(object)
    values = values.where(values.notna(), "")
    buffer = io.StringIO()
    buffer.write(",".join(text_columns(name)) + "\n")
    records = values.itertuples(index=False, name=None)
    if not any(values[c].str.contains("\r", regex=False).any() for c in values.columns if len(values)):
        csv.writer(buffer, lineterminator="\n").writerows(records)
        return buffer.getvalue()
    for record in records:  # "\r\n" as the terminator makes the writer quote a value holding "\r"
        line = io.StringIO()
        csv.writer(line, lineterminator="\r\n").writerow(record)
        buffer.write(line.getvalue().removesuffix("\r\n") + "\n")
    return buffer.getvalue()


def _write(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.export")
    temporary.write_bytes(data)
    os.replace(temporary, path)


@dataclass(frozen=True)
class ExportResult:
    folder: str
    written: tuple[str, ...]
    removed: tuple[str, ...]
    version: int


def export_folder(store, folder: Path) -> ExportResult:
    """Write every table and archived report of one moment into ``folder``; archived texts the database
    does not hold (``reports/<id>.txt``) are removed, so the folder is the dataset as published."""
    with store.reading() as connection:
        version = int(connection.execute(sa.select(state.c.version)).scalar_one())
        frames = {name: row_io.read_frame(connection, name) for name in DATA_TABLES}
        texts = row_io.read_reports(connection)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in frames.items():
        _write(folder / f"{name}.csv", csv_text(name, frame).encode("utf-8"))
        written.append(f"{name}.csv")
    archive = folder / ARCHIVE_DIR
    removed = []
    if texts or archive.is_dir():
        archive.mkdir(exist_ok=True)
        for path in sorted(archive.glob("*.txt")):
            if ID_PATTERN.fullmatch(path.stem) and path.stem not in texts:
                path.unlink()
                removed.append(f"{ARCHIVE_DIR}/{path.name}")
        for source_id, text in texts.items():
            _write(archive / f"{source_id}.txt", text.encode("utf-8"))
            written.append(f"{ARCHIVE_DIR}/{source_id}.txt")
    return ExportResult(str(folder), tuple(written), tuple(removed), version)
