"""The errors a save, an undo or an import can raise; each message says what to do next."""

from __future__ import annotations


class StoreError(Exception):
    """Base class of every error raised by :mod:`border_atlas.store`."""


class InvalidInput(StoreError, ValueError):
    """A table name, source id, column or value that the store refuses to write.

    >>> str(InvalidInput("unknown table 'x'"))
    "unknown table 'x'"
    """


class StoreBusy(StoreError):
    """The database stayed locked by another writer for longer than the busy timeout, or cannot be reached."""


class StaleData(StoreError):
    """The data changed since the caller read it; nothing was written.

    ``tables`` names the tables changed since, ``by`` the changes that changed them.

    >>> error = StaleData(["assignments"], by=["change 4 by bob at 2026-01-01T10:00:00Z"])
    >>> error.tables
    ('assignments',)
    >>> print(error)
    The data changed since it was read: assignments (change 4 by bob at 2026-01-01T10:00:00Z). Nothing was saved; \
reload the data and try again.
    """

    def __init__(self, tables, *, by=(), action: str = "saved") -> None:
        self.tables = tuple(tables)
        self.by = tuple(by)
        what = ", ".join(self.tables) or "changed outside the app"
        who = f" ({'; '.join(self.by)})" if self.by else ""
        super().__init__(f"The data changed since it was read: {what}{who}. "
                         f"Nothing was {action}; reload the data and try again.")


class ArchiveConflict(StoreError):
    """A different text is already archived for this source id; archives are never overwritten."""


class UndoRefused(StoreError):
    """Nothing of the user's to undo, the change named cannot be undone, or a later change stands in the way."""


class ReviewRefused(StoreError):
    """A review decision that cannot be made: by the rows' own author, on rows already decided or never
    reviewed (imported), or a rejection that would leave a row naming nothing."""
