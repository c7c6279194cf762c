"""The errors a save, an undo or a recovery can raise; each message says what to do next."""

from __future__ import annotations


class StoreError(Exception):
    """Base class of every error raised by :mod:`border_atlas.store`."""


class InvalidInput(StoreError, ValueError):
    """A table name, source id, column or value that the store refuses to write.

    >>> str(InvalidInput("unknown table 'x'"))
    "unknown table 'x'"
    """


class StoreBusy(StoreError):
    """Another session or process held the data folder's lock for longer than the timeout."""


class StaleData(StoreError):
    """The files changed on disk since the caller read them; nothing was written.

    ``files`` names the changed files, relative to the data folder.

    >>> error = StaleData(["assignments.csv"])
    >>> error.files
    ('assignments.csv',)
    >>> print(error)
    The data changed on disk since it was read: assignments.csv. Nothing was saved; reload the data and try again.
    """

    def __init__(self, files, *, action: str = "saved") -> None:
        self.files = tuple(files)
        super().__init__(f"The data changed on disk since it was read: {', '.join(self.files)}. "
                         f"Nothing was {action}; reload the data and try again.")


class ArchiveConflict(StoreError):
    """A different text is already archived for this source id; archives are never overwritten."""


class UndoRefused(StoreError):
    """Nothing to undo, or the save asked for is not the last one not yet undone, or too old."""


class StoreCorrupt(StoreError):
    """A journal entry cannot be read; the data folder needs a person to look at it."""
