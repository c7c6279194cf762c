"""One file's change, described so that it can be applied, verified and reversed from the record alone.

A change goes from a ``before`` version to an ``after`` version (either may be None: no file).
The longer of the two is the shorter one followed by ``tail``: appending rows adds a tail,
undoing them removes it, creating an archive adds its whole text. So a journal entry needs
no backup copy: the previous bytes of an appended file are a prefix of its current bytes,
checked by their SHA-256.
"""

from __future__ import annotations

from dataclasses import dataclass

from border_atlas.store.fsio import sha256


@dataclass(frozen=True)
class Version:
    """A file's size and SHA-256."""

    size: int
    sha256: str

    @classmethod
    def of(cls, data: bytes) -> Version:
        return cls(len(data), sha256(data))

    def matches(self, data: bytes | None) -> bool:
        return data is not None and len(data) == self.size and sha256(data) == self.sha256


@dataclass(frozen=True)
class FileChange:
    """``path`` (relative to the data folder, '/'-separated) goes from ``before`` to ``after``.

    >>> change = FileChange.append("places.csv", b"id\\na\\n", "b\\n")
    >>> change.build(b"id\\na\\n")
    b'id\\na\\nb\\n'
    >>> change.inverse().build(b"id\\na\\nb\\n")
    b'id\\na\\n'
    """

    path: str
    before: Version | None
    after: Version | None
    tail: str | None  # None once the entry is compacted: the change can no longer be rebuilt

    @classmethod
    def append(cls, path: str, old: bytes, tail: str) -> FileChange:
        return cls(path, Version.of(old), Version.of(old + tail.encode("utf-8")), tail)

    @classmethod
    def create(cls, path: str, text: str) -> FileChange:
        return cls(path, None, Version.of(text.encode("utf-8")), text)

    def inverse(self) -> FileChange:
        return FileChange(self.path, self.after, self.before, self.tail)

    def state_of(self, data: bytes | None) -> str:
        """'after', 'before' or 'other': which side of the change the file's bytes are on."""
        if (data is None and self.after is None) or (self.after is not None and self.after.matches(data)):
            return "after"
        if (data is None and self.before is None) or (self.before is not None and self.before.matches(data)):
            return "before"
        return "other"

    def build(self, current: bytes | None) -> bytes | None:
        """The ``after`` bytes, made from the ``before`` bytes; None means the file is removed."""
        if self.after is None:
            return None
        if self.tail is None:
            raise ValueError(f"the change to {self.path} was compacted and cannot be rebuilt")
        tail = self.tail.encode("utf-8")
        if self.before is None:
            built = tail
        elif self.after.size > self.before.size:
            built = (current or b"") + tail
        else:
            built = (current or b"")[: self.after.size]
        if not self.after.matches(built):
            raise ValueError(f"rebuilding {self.path} does not give the recorded bytes")
        return built

    def to_json(self) -> dict:
        def version(v: Version | None):
            return None if v is None else {"size": v.size, "sha256": v.sha256}

        return {"path": self.path, "before": version(self.before), "after": version(self.after), "tail": self.tail}

    @classmethod
    def from_json(cls, data: dict) -> FileChange:
        def version(v):
            return None if v is None else Version(int(v["size"]), str(v["sha256"]))

        return cls(str(data["path"]), version(data["before"]), version(data["after"]), data["tail"])
