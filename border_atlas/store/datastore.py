"""The atlas's data in one SQL database that analysts (and app servers) can add to at the same time.

>>> import tempfile
>>> store = DataStore(f"sqlite:///{tempfile.mkdtemp()}/atlas.sqlite3")
>>> _ = store.import_folder(DATA_DIR, user="ana")
>>> seen = store.snapshot()
>>> place = {"id": "kapsan", "name": "Kapsan", "kind": "county", "country": "KP", "lat": "41.09", "lon": "128.29",
...          "precision": "centroid", "coord_source_id": "geonames"}
>>> saved = store.save(rows={"places": [place]}, expected=seen, user="ana", note="a county")
>>> store.save(rows={"places": [{**place, "id": "kapsan-2"}]}, expected=seen, user="ben")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
border_atlas.store.errors.StaleData: The data changed since it was read: places (change 2 (save by ana at ...)). ...
>>> [(c.kind, c.user, c.rows) for c in store.history()]
[('save', 'ana', {'places': ('kapsan',)}), ('import', 'ana', {...})]
>>> store.undo(user="ana").change.undoes == saved.change.id
True
>>> store.close()
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from border_atlas.loading.dataset import DATA_DIR
from border_atlas.loading.problems import Problem
from border_atlas.store import csv_io, history, row_history
from border_atlas.store import reviews as review_rules
from border_atlas.store import rows as row_io
from border_atlas.store.engine import BUSY_TIMEOUT_S, WRITE, make_engine, shown_url
from border_atlas.store.errors import ArchiveConflict, InvalidInput, StaleData, StoreBusy
from border_atlas.store.history import Change, RowChange
from border_atlas.store.migrations import upgrade
from border_atlas.store.names import ARCHIVE_DIR, check_id, check_text
from border_atlas.store.reviews import PendingSave
from border_atlas.store.row_history import RowEvent
from border_atlas.store.sql_tables import DATA_TABLES, REPORTS, meta, state
from border_atlas.store.undo import plan_undo
from border_atlas.team.identity import current_user

__all__ = ["DATA_DIR", "ArchivedReport", "Contents", "DataStore", "PendingSave", "SaveResult", "Snapshot"]


@dataclass(frozen=True)
class Snapshot:
    """Which database, at which version: what a page read, handed back to :meth:`DataStore.save`."""

    database_id: str
    version: int


@dataclass(frozen=True)
class Contents:
    """Every dataset table (text cells, in row order) and the import's problems, read in one transaction."""

    snapshot: Snapshot
    tables: dict[str, pd.DataFrame]
    problems: tuple[Problem, ...]
    reviews: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> id -> status, rows awaiting review


@dataclass(frozen=True)
class ArchivedReport:
    """A report's plain text (UTF-8, never HTML), exported as ``reports/<source_id>.txt``.

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
    """The change a save, undo or import recorded, and the snapshot of the data it left."""

    change: Change
    snapshot: Snapshot


class DataStore:
    """The dataset's tables, archived reports and history in the database at ``url``.

    Opening it brings the database's schema up to date (Alembic). ``busy_timeout``: seconds a
    SQLite writer waits for another before :class:`StoreBusy`. One object may serve many threads;
    separate processes each open their own.
    """

    def __init__(self, url: str | sa.URL, *, busy_timeout: float = BUSY_TIMEOUT_S) -> None:
        self.url = sa.make_url(url)
        self.label = f"the database {shown_url(self.url)}"
        self.engine = make_engine(self.url, busy_timeout=busy_timeout)
        with self._errors():
            upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sa.exc.OperationalError as exc:
            if "locked" in str(exc.orig) or "busy" in str(exc.orig):
                raise StoreBusy(f"Another save held {self.label} too long; try again in a moment.") from None
            raise StoreBusy(f"{self.label} cannot be reached: {str(exc.orig).strip()}") from None

    @contextlib.contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        """A transaction that sees one consistent state of every table (REPEATABLE READ on PostgreSQL;
        a WAL read transaction on SQLite)."""
        with self._errors(), self.engine.connect() as connection:
            if self.engine.dialect.name == "postgresql":
                connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                yield connection

    @contextlib.contextmanager
    def writing(self) -> Iterator[sa.Connection]:
        """A write transaction, one at a time: SQLite's write lock (BEGIN IMMEDIATE), on PostgreSQL a lock
        on the version row. Its snapshot is taken once the lock is held, so it sees every earlier save."""
        with self._errors(), self.engine.connect().execution_options(**WRITE) as connection:
            try:
                with connection.begin():
                    connection.execute(sa.select(state.c.version).with_for_update())
                    yield connection
            except sa.exc.IntegrityError as exc:
                raise InvalidInput(f"The database refused the change: {str(exc.orig).splitlines()[0]}. "
                                   "Nothing was saved.") from None

    @staticmethod
    def _snapshot(connection: sa.Connection) -> Snapshot:
        database_id, version = connection.execute(sa.select(state.c.database_id, state.c.version)).one()
        return Snapshot(database_id, int(version))

    def snapshot(self) -> Snapshot:
        with self.reading() as connection:
            return self._snapshot(connection)

    def contents(self) -> Contents:
        """Every table, the import's problems and their snapshot, all of one moment."""
        with self.reading() as connection:
            snapshot = self._snapshot(connection)
            tables = {name: row_io.read_frame(connection, name) for name in DATA_TABLES}
            problems = tuple(row_io.stored_problems(connection))
            awaiting = review_rules.open_status(connection)
        return Contents(snapshot, tables, problems, awaiting)

    def reports(self) -> dict[str, str]:
        """The archived report texts, by source id."""
        with self.reading() as connection:
            return row_io.read_reports(connection)

    def history(self, limit: int | None = None) -> list[Change]:
        """The saves, undos and imports, newest first."""
        with self.reading() as connection:
            return history.recent(connection, limit)

    def history_of_row(self, table_name: str, row_id: str) -> list[RowEvent]:
        """Every change of one row of a dataset table (its reviews too), oldest first."""
        with self.reading() as connection:
            return row_history.of_row(connection, table_name, row_id)

    def history_of_report(self, source_id: str) -> list[RowEvent]:
        """Every change made with a report or to the rows that cite it, oldest first."""
        with self.reading() as connection:
            return row_history.of_report(connection, source_id)

    def last_save_of(self, user: str) -> Change | None:
        """The user's newest save not undone yet: what "undo my last save" would undo."""
        with self.reading() as connection:
            return history.last_save_of(connection, user)

    def meta(self) -> dict[str, str]:
        """What the store records of itself: the folder last imported (``source_folder``,
        ``source_fingerprint``, ``imported_at``)."""
        with self.reading() as connection:
            return dict(connection.execute(sa.select(meta.c.key, meta.c.value)).all())

    def is_new(self) -> bool:
        """Nothing was ever imported or saved into it."""
        with self.reading() as connection:
            return history.recent(connection, 1) == [] and self._snapshot(connection).version == 0

    def save(self, *, rows: dict[str, list[dict[str, str]]], expected: Snapshot, report: ArchivedReport | None = None,
             note: str = "", user: str | None = None, needs_review: bool = True) -> SaveResult:
        """Add ``rows`` to their tables and archive ``report``, all in one transaction.

        Each row added is pending review until a user other than ``user`` decides on it
        (:meth:`approve`, :meth:`send_back`, :meth:`reject`); ``needs_review=False`` (one user on their own,
        nobody else to ask) records them approved by ``user``, saying so.

        Raises :class:`StaleData` if the data changed since ``expected``, :class:`InvalidInput`
        for a bad name, value or a row the database's constraints refuse, :class:`ArchiveConflict`
        if a different text is archived under the same id, :class:`StoreBusy` if the database is
        locked too long or cannot be reached.
        """
        if not isinstance(expected, Snapshot):
            raise InvalidInput("expected must be the Snapshot taken when the data was read (store.snapshot())")
        user = check_text(user or current_user(), where="the user name")
        new = _checked_rows(rows)
        check_text(note, where="the note")
        if report is not None:
            check_text(report.text, where=f"the text of report {check_id(report.source_id, what='source id')}")
        if not new and report is None:
            raise InvalidInput("nothing to save: no rows and no report")
        with self.writing() as connection:
            _refuse_if_stale(connection, expected, self._snapshot(connection))
            changes = _added(connection, new) + _archived(connection, report)
            if not changes:
                raise InvalidInput("nothing to save: the report is already archived and there are no rows")
            row_io.apply(connection, changes)
            change_id = history.record(connection, kind="save", user=user, note=note, rows=changes,
                                       source_id=report.source_id if report else None)
            review_rules.record_save(connection, change_id, changes, author=user, needs_review=bool(needs_review),
                                     decided_at=history.now_utc())
            return SaveResult(history.get(connection, change_id), self._snapshot(connection))

    def undo(self, change_id: int | None = None, *, user: str, note: str = "") -> SaveResult:
        """Undo the change ``change_id`` (a save or import) as a new change; with no id, ``user``'s own last save.

        Refused (:class:`UndoRefused`) when there is nothing of the user's to undo, the change was
        undone already, or a later change touched its rows or refers to them (named in the message).
        """
        check_text(user, where="the user name")
        check_text(note, where="the note")
        with self.writing() as connection:
            target, inverse = plan_undo(connection, change_id, user=user)
            row_io.apply(connection, inverse)
            review_rules.forget_undone(connection, inverse, target.id)
            undo_id = history.record(connection, kind="undo", user=user, note=note or f"undoes change {target.id}",
                                     rows=inverse, source_id=target.source_id, undoes=target.id)
            return SaveResult(history.get(connection, undo_id), self._snapshot(connection))

    def approve(self, *, user: str, rows=None, save: int | None = None, comment: str = "") -> SaveResult:
        """Approve rows awaiting review: ``rows`` ((table, id) pairs of one save) or every one of ``save`` (its
        change id). Refused (:class:`ReviewRefused`) for the rows' own author or rows not awaiting review."""
        return self._decide(review_rules.APPROVE, user=user, rows=rows, save=save, comment=comment)

    def send_back(self, *, user: str, comment: str, rows=None, save: int | None = None) -> SaveResult:
        """Send rows back to their author with ``comment`` (required: what to change); they stay pending."""
        if not isinstance(comment, str) or not comment.strip():
            raise InvalidInput("sending rows back needs a comment saying what to change")
        return self._decide(review_rules.SEND_BACK, user=user, rows=rows, save=save, comment=comment)

    def reject(self, *, user: str, comment: str = "", rows=None, save: int | None = None) -> SaveResult:
        """Reject rows: they are removed from the data, kept in the history (the change holds each one)."""
        return self._decide(review_rules.REJECT, user=user, rows=rows, save=save, comment=comment)

    def _decide(self, decision: str, *, user: str, rows, save: int | None, comment: str) -> SaveResult:
        user = check_text(user, where="the user name").strip()
        if not user:
            raise InvalidInput("the user name is empty")
        comment = check_text(comment, where="the comment").strip()
        with self.writing() as connection:
            change_id = review_rules.decide(connection, decision, user=user, comment=comment, rows=rows, save=save)
            return SaveResult(history.get(connection, change_id), self._snapshot(connection))

    def pending_reviews(self, *, author: str | None = None, statuses=review_rules.OPEN) -> list[PendingSave]:
        """The rows awaiting a decision (pending or sent back), grouped by save, oldest first; ``author``: one
        user's own."""
        with self.reading() as connection:
            return review_rules.pending(connection, author=author, statuses=tuple(statuses))

    def review_status(self) -> dict[str, dict[str, str]]:
        """table -> row id -> "pending" or "sent back", for the rows awaiting review (the others are reviewed)."""
        with self.reading() as connection:
            return review_rules.open_status(connection)

    def import_folder(self, folder: Path | str, *, user: str | None = None, note: str = "",
                      only_if_new: bool = False) -> csv_io.ImportResult:
        """Import a CSV folder (see :func:`border_atlas.store.csv_io.import_folder`)."""
        return csv_io.import_folder(self, Path(folder), user=user or current_user(), note=note, only_if_new=only_if_new)

    def export_folder(self, folder: Path | str) -> csv_io.ExportResult:
        """Write the tables and archived reports as a CSV folder (see :mod:`border_atlas.store.csv_io`)."""
        return csv_io.export_folder(self, Path(folder))



def _refuse_if_stale(connection: sa.Connection, expected: Snapshot, now: Snapshot) -> None:
    if expected.database_id != now.database_id:
        raise StaleData(["the whole dataset"], by=["the page read another database"])
    if expected.version == now.version:
        return
    later = history.since(connection, expected.version)
    tables = sorted({t for change in later for t in change.rows} | ({REPORTS} if any(
        c.source_id for c in later) else set()))
    raise StaleData(tables, by=[change.describe() for change in later] or ["a change made outside the app"])


def _checked_rows(new: object) -> dict[str, list[dict]]:
    if not isinstance(new, dict):
        raise InvalidInput(f"rows must map table names to lists of rows (got {type(new).__name__})")
    checked = {}
    for name, table_rows in new.items():
        if name not in DATA_TABLES:
            raise InvalidInput(f"unknown table {str(name)!r}; the tables are {', '.join(DATA_TABLES)}")
        if not isinstance(table_rows, list | tuple):
            raise InvalidInput(f"the rows for {name} must be a list of mappings (got {type(table_rows).__name__})")
        cleaned = [row_io.clean_row(name, row, where=f"{name} new row {n}") for n, row in enumerate(table_rows, 1)]
        if cleaned:
            checked[name] = cleaned
    return checked


def _added(connection: sa.Connection, new: dict[str, list[dict]]) -> list[RowChange]:
    """Row changes adding ``new``; refused if an id is taken already or twice in the save."""
    changes = []
    for name in DATA_TABLES:  # parents first
        ids = [row["id"] for row in new.get(name, [])]
        twice = {i for i, n in Counter(ids).items() if n > 1}
        taken = sorted(set(row_io.get_rows(connection, name, ids)) | twice)
        if taken:
            raise InvalidInput(f"{name} already has a row with the id {', '.join(taken)}: "
                               "choose another id. Nothing was saved.")
        changes += [RowChange(name, row["id"], None, row) for row in new.get(name, [])]
    return changes


def _archived(connection: sa.Connection, report: ArchivedReport | None) -> list[RowChange]:
    if report is None:
        return []
    existing = row_io.get_rows(connection, REPORTS, [report.source_id]).get(report.source_id)
    if existing is None:
        return [RowChange(REPORTS, report.source_id, None, {"text": report.text})]
    if existing["text"] == report.text:
        return []
    raise ArchiveConflict(f"{report.path} already holds a different text; archives are never overwritten. "
                          "Give the new report its own source id.")
