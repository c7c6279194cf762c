"""The one error an analyst sees when a report cannot be read."""

from __future__ import annotations


class IngestError(ValueError):
    """A report could not be read; the message says which file, why, and what to do."""
