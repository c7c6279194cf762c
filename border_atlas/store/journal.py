"""The journal: one JSON file per save or undo in ``<data>/journal/``, named by its sequence number.

An entry is written in state ``pending`` before any data file is replaced (it is the
transaction's manifest) and rewritten as ``committed`` once every file is in place. It holds
each file's SHA-256 before and after and the text the save added, which is all an undo
needs. Older entries are compacted: the added text is dropped, the
summary (when, which report, which rows, the hashes) stays as the audit trail.

Policy: the newest ``keep`` saves (50 by default) can be undone; an undo keeps only its
summary at once (the text it removed stays in the save it undid). So the journal grows by
about half a kilobyte per save beyond those, less than the rows each save adds.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from border_atlas.store.changes import FileChange
from border_atlas.store.errors import StoreCorrupt
from border_atlas.store.fsio import atomic_write, remove_durably

FORMAT = 1
_ENTRY_NAME = re.compile(r"(\d{6,})\.json")


@dataclass(frozen=True)
class JournalEntry:
    """One save or undo, as recorded.

    >>> entry = JournalEntry(id="000001", kind="save", time="2025-01-01T00:00:00Z", source_id=None,
    ...                      note="", row_ids={"places": ("samsu",)}, changes=())
    >>> entry.row_counts
    {'places': 1}
    """

    id: str
    kind: str  # "save" or "undo"
    time: str  # UTC, ISO 8601
    source_id: str | None
    note: str
    row_ids: dict[str, tuple[str, ...]]  # table -> the new rows' ids ('' for a row without one)
    changes: tuple[FileChange, ...]
    undoes: str | None = None
    state: str = "committed"
    undone_by: str | None = field(default=None, compare=False)

    @property
    def row_counts(self) -> dict[str, int]:
        return {table: len(ids) for table, ids in self.row_ids.items()}

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(change.path for change in self.changes)

    @property
    def undoable(self) -> bool:
        """A save not yet undone whose added text is still kept."""
        return self.kind == "save" and self.undone_by is None and all(c.tail is not None for c in self.changes)

    def to_json(self) -> dict:
        return {"format": FORMAT, "id": self.id, "kind": self.kind, "state": self.state, "time": self.time,
                "source_id": self.source_id, "note": self.note, "undoes": self.undoes,
                "row_ids": {table: list(ids) for table, ids in self.row_ids.items()},
                "changes": [change.to_json() for change in self.changes]}

    @classmethod
    def from_json(cls, data: dict) -> JournalEntry:
        return cls(id=str(data["id"]), kind=str(data["kind"]), time=str(data["time"]), source_id=data["source_id"],
                   note=str(data["note"]), undoes=data["undoes"], state=str(data["state"]),
                   row_ids={str(t): tuple(map(str, ids)) for t, ids in data["row_ids"].items()},
                   changes=tuple(FileChange.from_json(c) for c in data["changes"]))


def now_utc() -> str:
    """The current UTC time, to the second, as ISO 8601 with a Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_path(journal: Path, entry_id: str) -> Path:
    return journal / f"{entry_id}.json"


def write_entry(journal: Path, entry: JournalEntry) -> None:
    """Write (or rewrite) an entry atomically and durably."""
    data = json.dumps(entry.to_json(), ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
    atomic_write(entry_path(journal, entry.id), data, temp_suffix="write")


def remove_entry(journal: Path, entry_id: str) -> None:
    remove_durably(entry_path(journal, entry_id))


def read_entries(journal: Path) -> list[JournalEntry]:
    """Every entry, pending ones included, oldest first, with ``undone_by`` filled in."""
    entries = []
    for path in sorted(journal.glob("*.json"), key=lambda p: p.name):
        if not _ENTRY_NAME.fullmatch(path.name):
            continue
        try:
            entries.append(JournalEntry.from_json(json.loads(path.read_text(encoding="utf-8"))))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StoreCorrupt(f"journal entry {path} cannot be read ({exc}); move it aside after checking "
                               "that the data files are whole") from None
    undone = {e.undoes: e.id for e in entries if e.kind == "undo" and e.state == "committed"}
    return [dataclasses.replace(e, undone_by=undone.get(e.id)) for e in entries]


def next_id(entries: list[JournalEntry]) -> str:
    """One more than the highest sequence number used so far."""
    return f"{max((int(e.id) for e in entries), default=0) + 1:06d}"


def compact(journal: Path, entries: list[JournalEntry], *, keep: int) -> int:
    """Drop the added text of saves older than the newest ``keep`` and of every undo; return how many.

    An undo is never undone itself, and a pending entry keeps its text for recovery.
    """
    saves = [e for e in entries if e.state == "committed" and e.kind == "save"]
    old = saves[: max(len(saves) - keep, 0)] + [e for e in entries if e.state == "committed" and e.kind == "undo"]
    count = 0
    for entry in old:
        if any(change.tail is not None for change in entry.changes):
            changes = tuple(dataclasses.replace(change, tail=None) for change in entry.changes)
            write_entry(journal, dataclasses.replace(entry, changes=changes))
            count += 1
    return count
