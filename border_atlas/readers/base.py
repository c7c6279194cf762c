"""The reader interface and the raw table it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd

from border_atlas.loading.problems import Problem


@dataclass(frozen=True)
class RawTable:
    """Text cells as read (stripped, empty as NA), each row numbered as its origin numbers it.

    ``frame is None`` when nothing could be read at all (the file is missing, empty, a folder…);
    ``problems`` says why, and names every row that was left out while reading.
    """

    file: str
    frame: pd.DataFrame | None
    rows: tuple[int, ...] = ()
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @classmethod
    def unreadable(cls, file: str, message: str) -> RawTable:
        return cls(file, None, (), (Problem(file, None, None, message),))


class TableReader(Protocol):
    """Anything that can hand over the tables by name ("places", "assignments", …)."""

    label: str  # shown to the user: where the tables come from

    def read(self, table: str) -> RawTable:
        """The raw table; never raises for bad content."""
        ...

    def fingerprint(self) -> str | None:
        """A hash of everything :meth:`read` would return, for caching; None if it cannot tell."""
        ...
