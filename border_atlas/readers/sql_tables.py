"""Tables from the database, all read in one transaction (see :class:`border_atlas.store.DataStore`).

Rows are numbered as the exported CSV numbers them (the header is row 1). The problems the last
import found in its folder come with the tables they concern, named by that folder's files and
rows, so the app keeps listing what was left out. The fingerprint is the database's identity and
its change counter: the validated-table cache is reused until anything in the database changes.
"""

from __future__ import annotations

import hashlib

from border_atlas.readers.base import RawTable


class SqlTables:
    """Reads the tables of ``store`` (a :class:`~border_atlas.store.DataStore`), or of ``contents`` (a
    :class:`~border_atlas.store.Contents` already read), at one moment."""

    def __init__(self, store, contents=None):
        self.store = store
        self.label = store.label
        self._contents = contents

    @property
    def contents(self):
        if self._contents is None:
            self._contents = self.store.contents()
        return self._contents

    def read(self, table: str) -> RawTable:
        frame = self.contents.tables.get(table)
        file = f"{table}.csv"
        problems = tuple(p for p in self.contents.problems if p.file == file)
        if frame is None:
            return RawTable.unreadable(file, "is not a table of the database")
        frame = frame.where(frame.notna(), None)
        return RawTable(file, frame, tuple(range(2, len(frame) + 2)), problems)

    def review_status(self) -> dict[str, dict[str, str]]:
        """table -> id -> "pending" or "sent back": the rows awaiting review, read apart from the tables, which
        come from the cache when the database did not change."""
        return self.contents.reviews if self._contents is not None else self.store.review_status()

    def fingerprint(self) -> str | None:
        snapshot = self.contents.snapshot if self._contents is not None else self.store.snapshot()
        return hashlib.sha256(f"sql:{snapshot.database_id}:{snapshot.version}".encode()).hexdigest()
