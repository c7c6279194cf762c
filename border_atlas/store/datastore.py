"""The data folder as a store that analysts can add to at the same time without losing a row.

>>> import shutil, tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "places.csv").write_bytes(b"id,name\\r\\nhyesan,Hyesan\\r\\n")
>>> store = DataStore(folder)
>>> seen = store.snapshot()
>>> result = store.save(rows={"places": [{"id": "samsu", "name": "Samsu"}]}, expected=seen, note="from a report")
>>> (folder / "places.csv").read_bytes()
b'id,name\\r\\nhyesan,Hyesan\\r\\nsamsu,Samsu\\r\\n'
>>> store.save(rows={"places": [{"id": "kapsan", "name": "Kapsan"}]}, expected=seen)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
border_atlas.store.errors.StaleData: The data changed on disk since it was read: places.csv. Nothing was saved; ...
>>> [entry.row_ids for entry in store.journal()]
[{'places': ('samsu',)}]
>>> undone = store.undo()
>>> (folder / "places.csv").read_bytes()
b'id,name\\r\\nhyesan,Hyesan\\r\\n'
>>> shutil.rmtree(folder)
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from border_atlas.store.changes import FileChange
from border_atlas.store.csvtable import appended_text
from border_atlas.store.errors import ArchiveConflict, InvalidInput, StaleData, UndoRefused
from border_atlas.store.fsio import ensure_dir, read_or_none
from border_atlas.store.journal import JournalEntry, compact, next_id, now_utc, read_entries
from border_atlas.store.lock import exclusive
from border_atlas.store.names import ARCHIVE_DIR, ID_PATTERN, JOURNAL_DIR, check_id, check_text
from border_atlas.store.snapshot import Snapshot
from border_atlas.store.transaction import commit, recover


@dataclass(frozen=True)
class ArchivedReport:
    """A report's plain text (UTF-8, never HTML), archived as ``reports/<source_id>.txt``.

    >>> ArchivedReport("dailynk-2018-02-28", "Title\\nFirst paragraph.\\n").path
    'reports/dailynk-2018-02-28.txt'
    """

    source_id: str
    text: str

    @property
    def path(self) -> str:
        return f"{ARCHIVE_DIR}/{check_id(self.source_id, what='source id')}.txt"


@dataclass(frozen=True)
class SaveResult:
    """The journal entry of a save or undo, and the snapshot of the files it left."""

    entry: JournalEntry
    snapshot: Snapshot


class DataStore:
    """The CSV tables of ``folder``, their archived reports and the journal of saves.

    ``timeout``: seconds to wait for another writer before :class:`StoreBusy`. ``keep``: how
    many of the newest saves keep the text they added, and so can be undone.
    ``checkpoint``: called with the name of each step of a transaction (see
    :mod:`border_atlas.store.transaction`); failure tests use it to stop a writer there.
    Opening the store finishes or rolls back a transaction a crashed process left behind.
    """

    def __init__(self, folder: str | Path, *, timeout: float = 10.0, keep: int = 50,
                 checkpoint: Callable[[str], None] | None = None) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise InvalidInput(f"{self.folder} is not a folder")
        if keep < 1:
            raise InvalidInput(f"keep must be at least 1 (got {keep})")
        self.timeout = timeout
        self.keep = keep
        self._journal = self.folder / JOURNAL_DIR
        ensure_dir(self._journal)
        self._checkpoint = checkpoint or (lambda step: None)
        self.recovered: list[str] = self.recover()

    @property
    def tables(self) -> tuple[str, ...]:
        """The table names: the regular ``<id>.csv`` files at the top of the folder (not symlinks)."""
        return tuple(sorted(p.stem for p in self.folder.glob("*.csv")
                            if ID_PATTERN.fullmatch(p.stem) and p.is_file() and not p.is_symlink()))

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with exclusive(self._journal / "lock", timeout=self.timeout, folder=self.folder):
            yield

    def recover(self) -> list[str]:
        """Finish or roll back interrupted transactions; one message for each (empty if none)."""
        with self._locked():
            return recover(self.folder, self._journal, checkpoint=self._checkpoint)

    def _read_all(self, *, reports: bool = True) -> dict[str, bytes]:
        contents = {f"{name}.csv": (self.folder / f"{name}.csv").read_bytes() for name in self.tables}
        archive = self.folder / ARCHIVE_DIR
        if reports and archive.is_dir():
            contents |= {f"{ARCHIVE_DIR}/{p.name}": p.read_bytes() for p in archive.iterdir()
                         if p.is_file() and not p.name.startswith(".")}
        return contents

    def snapshot(self) -> Snapshot:
        """The hashes of every table and archived report, read while no save is under way.

        Take it before loading the data: a save landing in between then makes the page's
        next save stale (refused), never lost.
        """
        return self.contents()[0]

    def contents(self, *, reports: bool = True) -> tuple[Snapshot, dict[str, bytes]]:
        """Every table (and archived report, unless ``reports`` is false) and their snapshot, read while no save
        is under way: reading the files one at a time could meet a save half-way.
        """
        with self._locked():
            recover(self.folder, self._journal, checkpoint=self._checkpoint)
            contents = self._read_all(reports=reports)
        return Snapshot.of(contents), contents

    def journal(self) -> list[JournalEntry]:
        """The committed saves and undos, newest first."""
        with self._locked():
            return [e for e in reversed(read_entries(self._journal)) if e.state == "committed"]

    def save(self, *, rows: dict[str, list[dict[str, str]]], expected: Snapshot,
             report: ArchivedReport | None = None, note: str = "") -> SaveResult:
        """Append ``rows`` to their tables and archive ``report``, all or nothing.

        Raises :class:`StaleData` if any file differs from ``expected``, :class:`StoreBusy`
        if another save holds the lock too long, :class:`InvalidInput` for a bad name or
        value, :class:`ArchiveConflict` if a different text is archived under the same id.
        """
        if not isinstance(expected, Snapshot):
            raise InvalidInput("expected must be the Snapshot taken when the data was read (store.snapshot())")
        rows = _checked_rows(rows)
        check_text(note, where="the note")
        if report is not None:
            check_text(report.text, where=f"the text of report {check_id(report.source_id, what='source id')}")
        if not rows and report is None:
            raise InvalidInput("nothing to save: no rows and no report")
        with self._locked():
            recover(self.folder, self._journal, checkpoint=self._checkpoint)
            contents = self._read_all()
            stale = expected.changed_since(Snapshot.of(contents))
            if stale:
                raise StaleData(stale)
            changes = self._table_changes(rows, contents) + _archive_changes(report, contents)
            if not changes:
                raise InvalidInput("nothing to save: the report is already archived and there are no rows")
            entries = read_entries(self._journal)
            entry = JournalEntry(id=next_id(entries), kind="save", time=now_utc(), note=note,
                                 source_id=report.source_id if report else None, changes=tuple(changes),
                                 row_ids={t: tuple(r.get("id") or "" for r in table) for t, table in rows.items()})
            return self._commit(entry, contents)

    def _commit(self, entry: JournalEntry, contents: dict[str, bytes | None]) -> SaveResult:
        commit(self.folder, self._journal, entry, {c.path: contents.get(c.path) for c in entry.changes},
               checkpoint=self._checkpoint)
        with contextlib.suppress(OSError):  # compaction is retried on the next save
            compact(self._journal, read_entries(self._journal), keep=self.keep)
        return SaveResult(entry, Snapshot.of(self._read_all()))

    def _table_changes(self, rows: dict[str, list[dict]], contents: dict[str, bytes]) -> list[FileChange]:
        known = self.tables
        changes = []
        for table, new_rows in rows.items():
            if table not in known:
                raise InvalidInput(f"unknown table '{table}'; the tables are {', '.join(known)}")
            path = f"{table}.csv"
            changes.append(FileChange.append(path, contents[path], appended_text(contents[path], new_rows, name=path)))
        return changes

    def undo(self, entry_id: str | None = None, *, note: str = "") -> SaveResult:
        """Undo the last save not yet undone (``entry_id``, if given, must name it).

        The files get back their exact previous bytes. Refused with :class:`StaleData` if
        any file it changed differs now from what that save left, and with
        :class:`UndoRefused` if there is nothing to undo or the save is not the last one.
        """
        check_text(note, where="the note")
        with self._locked():
            recover(self.folder, self._journal, checkpoint=self._checkpoint)
            entries = read_entries(self._journal)
            target = _undo_target(entries, entry_id, keep=self.keep)
            contents = {c.path: read_or_none(self.folder / c.path) for c in target.changes}
            stale = [c.path for c in target.changes if c.state_of(contents[c.path]) != "after"]
            if stale:
                raise StaleData(stale, action="undone")
            entry = JournalEntry(id=next_id(entries), kind="undo", time=now_utc(), source_id=target.source_id,
                                 note=note, row_ids=target.row_ids, undoes=target.id,
                                 changes=tuple(c.inverse() for c in target.changes))
            return self._commit(entry, contents)


def _checked_rows(rows: object) -> dict[str, list[dict]]:
    if not isinstance(rows, dict):
        raise InvalidInput(f"rows must map table names to lists of rows (got {type(rows).__name__})")
    checked = {}
    for table, table_rows in rows.items():
        check_id(table, what="table name")
        if not isinstance(table_rows, list | tuple):
            raise InvalidInput(f"the rows for {table} must be a list of mappings (got {type(table_rows).__name__})")
        if table_rows:
            checked[table] = list(table_rows)
    return checked


def _archive_changes(report: ArchivedReport | None, contents: dict[str, bytes]) -> list[FileChange]:
    if report is None:
        return []
    existing = contents.get(report.path)
    if existing is None:
        return [FileChange.create(report.path, report.text)]
    if existing == report.text.encode("utf-8"):
        return []
    raise ArchiveConflict(f"{report.path} already holds a different text; archives are never overwritten. "
                          "Give the new report its own source id.")


def _undo_target(entries: list[JournalEntry], entry_id: str | None, *, keep: int) -> JournalEntry:
    saves = [e for e in reversed(entries) if e.state == "committed" and e.kind == "save" and e.undone_by is None]
    if not saves:
        raise UndoRefused("nothing to undo: every save in the journal has been undone")
    last = saves[0]
    if entry_id is not None and entry_id != last.id:
        named = next((e for e in entries if e.id == entry_id and e.kind == "save"), None)
        if named is None:
            raise UndoRefused(f"there is no save {entry_id!r} in the journal")
        if named.undone_by is not None:
            raise UndoRefused(f"save {entry_id} was already undone (by {named.undone_by})")
        raise UndoRefused(f"only the last save not yet undone ({last.id}) can be undone; undo saves in reverse order")
    if not last.undoable:
        raise UndoRefused(f"save {last.id} is older than the {keep} newest saves kept in full "
                          "and can no longer be undone")
    return last
