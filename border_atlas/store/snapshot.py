"""What the data folder held when it was read: the SHA-256 of every table and archived report."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from border_atlas.store.fsio import sha256


@dataclass(frozen=True)
class Snapshot:
    """SHA-256 of each file, keyed by its path relative to the data folder ('reports/x.txt').

    A page keeps the snapshot taken when it read the data and hands it back to
    :meth:`DataStore.save`, which refuses to save if any file differs now.

    >>> old = Snapshot.of({"places.csv": b"id\\n"})
    >>> new = Snapshot.of({"places.csv": b"id\\na\\n", "reports/a.txt": b"text"})
    >>> old.changed_since(new)
    ['places.csv', 'reports/a.txt']
    """

    hashes: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, contents: dict[str, bytes]) -> Snapshot:
        return cls(tuple(sorted((path, sha256(data)) for path, data in contents.items())))

    @property
    def files(self) -> MappingProxyType:
        """Read-only mapping of path to SHA-256."""
        return MappingProxyType(dict(self.hashes))

    def changed_since(self, other: Snapshot) -> list[str]:
        """The paths whose bytes differ between the two snapshots, or that only one of them has."""
        mine, theirs = dict(self.hashes), dict(other.hashes)
        return sorted(path for path in mine.keys() | theirs.keys() if mine.get(path) != theirs.get(path))
