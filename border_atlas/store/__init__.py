"""The atlas's data in one SQL database: SQLite on a laptop, PostgreSQL for a team.

SQLAlchemy Core with Alembic migrations; the same code serves both. Every save is one
transaction; every read of the tables is one consistent snapshot; a save based on a stale read
is refused; every change is kept in a history (who, when, each row before and after) from which
a save can be undone as a new change. The CSV folder stays the published form: import and export
in :mod:`border_atlas.store.csv_io`, ``python -m border_atlas.data import|export`` from a shell.

Modules: ``engine`` (which database; SQLite's WAL, foreign keys and busy timeout), ``sql_tables``
(the tables and their constraints, from :mod:`border_atlas.loading.schema`), ``migrations`` (Alembic),
``rows`` (reading and writing rows), ``history``, ``undo``, ``reviews`` (the second pair of eyes
before a saved row counts), ``csv_io``, ``datastore``.

>>> from border_atlas.store import DataStore, ArchivedReport, StaleData
"""

from border_atlas.store.datastore import ArchivedReport, Contents, DataStore, SaveResult, Snapshot
from border_atlas.store.errors import (
    ArchiveConflict,
    InvalidInput,
    ReviewRefused,
    StaleData,
    StoreBusy,
    StoreError,
    UndoRefused,
)
from border_atlas.store.history import Change

__all__ = ["ArchiveConflict", "ArchivedReport", "Change", "Contents", "DataStore", "InvalidInput", "ReviewRefused",
           "SaveResult", "Snapshot", "StaleData", "StoreBusy", "StoreError", "UndoRefused"]
