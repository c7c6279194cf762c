"""Add rows and archived reports to the data folder safely while several analysts work at once.

Pure Python (standard library). The caller validates rows; the store makes sure that no
save loses or corrupts data: appends never change a byte already in a file, every write is
atomic and durable, a save touching several files is all-or-nothing even across a crash,
one writer at a time (threads and processes), a save against data that changed since it
was read is refused, and every save is journalled and can be undone.

Layout inside the data folder::

    <table>.csv                 the tables (appended to, never rewritten)
    reports/<source_id>.txt     archived report texts (created once, never overwritten)
    journal/<NNNNNN>.json       one entry per save or undo (manifest while pending)
    journal/lock                the flock target

>>> from border_atlas.store import DataStore, ArchivedReport, StaleData
"""

from border_atlas.store.datastore import ArchivedReport, DataStore, SaveResult
from border_atlas.store.errors import (
    ArchiveConflict,
    InvalidInput,
    StaleData,
    StoreBusy,
    StoreCorrupt,
    StoreError,
    UndoRefused,
)
from border_atlas.store.journal import JournalEntry
from border_atlas.store.snapshot import Snapshot

__all__ = ["ArchiveConflict", "ArchivedReport", "DataStore", "InvalidInput", "JournalEntry", "SaveResult",
           "Snapshot", "StaleData", "StoreBusy", "StoreCorrupt", "StoreError", "UndoRefused"]
