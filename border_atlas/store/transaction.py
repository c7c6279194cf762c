"""Apply a journal entry's file changes as one transaction, and recover an interrupted one.

Order of a commit: (1) write every new version to a temporary file beside its target and
fsync it; (2) write the journal entry in state ``pending`` (the manifest); (3) replace the
targets one by one (``os.replace``, then fsync the directory); (4) rewrite the entry as
``committed``.

Recovery, run under the lock whenever the store is opened or about to act:

- no entry, only temporary files: the save never reached its manifest and no target was
  touched; the temporary files are removed (roll back);
- a ``pending`` entry whose files are each either as before or as after: the missing new
  versions are rebuilt from the entry (which holds the added text) and put in place, then
  the entry is committed (roll forward);
- a ``pending`` entry with a file that is neither (changed by hand meanwhile): the files
  already replaced are put back as before and the entry is removed (roll back).

The steps passed to the ``checkpoint`` hook: ``temps-written``, ``manifest-written``,
``replaced <path>`` after each file, ``committed``; in recovery, ``recovered <path>``.

Each step checks hashes before acting, so recovering twice, or after a crash during
recovery, ends in the same state.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

from border_atlas.store.changes import FileChange
from border_atlas.store.errors import StaleData
from border_atlas.store.fsio import (
    atomic_write,
    ensure_dir,
    fsync_dir,
    read_or_none,
    remove_durably,
    replace_durably,
    temp_path,
    write_durably,
)
from border_atlas.store.journal import JournalEntry, read_entries, remove_entry, write_entry
from border_atlas.store.names import ARCHIVE_DIR

Checkpoint = Callable[[str], None]
_TEMP_NAME = re.compile(r"\..+\.(?:\d{6,}|write)\.tmp")


def commit(folder: Path, journal: Path, entry: JournalEntry, contents: dict[str, bytes | None],
           *, checkpoint: Checkpoint) -> None:
    """Make ``entry``'s changes to ``contents`` (the files' bytes as read under the lock) all or nothing."""
    _write_temps(folder, entry, contents)
    try:
        checkpoint("temps-written")
        _check_untouched(folder, entry)  # an editor does not take the lock
        write_entry(journal, dataclasses.replace(entry, state="pending"))
    except BaseException:
        _remove_temps(folder, entry)
        raise
    checkpoint("manifest-written")
    try:
        for change in entry.changes:
            target = folder / change.path
            if change.after is None:
                remove_durably(target)
            else:
                replace_durably(temp_path(target, entry.id), target)
            checkpoint(f"replaced {change.path}")
    except Exception:
        _roll_back(folder, journal, entry)
        raise
    write_entry(journal, dataclasses.replace(entry, state="committed"))
    checkpoint("committed")


def _write_temps(folder: Path, entry: JournalEntry, contents: dict[str, bytes | None]) -> None:
    try:
        for change in entry.changes:
            new = change.build(contents[change.path])
            if new is not None:
                target = folder / change.path
                ensure_dir(target.parent)
                temp = temp_path(target, entry.id)
                remove_durably(temp)
                write_durably(temp, new, mode_of=target)
        for directory in {(folder / change.path).parent for change in entry.changes}:
            fsync_dir(directory)
    except BaseException:
        _remove_temps(folder, entry)
        raise


def _remove_temps(folder: Path, entry: JournalEntry) -> None:
    for change in entry.changes:
        with contextlib.suppress(OSError):
            temp_path(folder / change.path, entry.id).unlink()


def _check_untouched(folder: Path, entry: JournalEntry) -> None:
    changed = [c.path for c in entry.changes if c.state_of(read_or_none(folder / c.path)) != "before"]
    if changed:
        raise StaleData(changed)


def recover(folder: Path, journal: Path, *, checkpoint: Checkpoint) -> list[str]:
    """Finish or undo every interrupted transaction; return one message per entry resolved."""
    messages = []
    for entry in read_entries(journal):
        if entry.state == "pending":
            messages.append(_resolve(folder, journal, entry, checkpoint=checkpoint))
    _remove_stray_temps([folder, folder / ARCHIVE_DIR, journal])
    return messages


def _resolve(folder: Path, journal: Path, entry: JournalEntry, *, checkpoint: Checkpoint) -> str:
    states = {c.path: c.state_of(read_or_none(folder / c.path)) for c in entry.changes}
    others = [path for path, state in states.items() if state == "other"]
    if others:
        _roll_back(folder, journal, entry)
        return (f"discarded the interrupted {entry.kind} {entry.id}: {', '.join(others)} changed meanwhile; "
                "the other files are as they were before it")
    for change in entry.changes:
        if states[change.path] == "before":
            _put(folder, change, entry.id)
            checkpoint(f"recovered {change.path}")
    write_entry(journal, dataclasses.replace(entry, state="committed"))
    return f"completed the interrupted {entry.kind} {entry.id}"


def _put(folder: Path, change: FileChange, suffix: str) -> None:
    """Bring one file from its ``before`` bytes to its ``after`` bytes."""
    target = folder / change.path
    new = change.build(read_or_none(target))
    if new is None:
        remove_durably(target)
    else:
        ensure_dir(target.parent)
        atomic_write(target, new, temp_suffix=suffix)


def _roll_back(folder: Path, journal: Path, entry: JournalEntry) -> None:
    """Put back every file already replaced, then forget the entry."""
    for change in entry.changes:
        if change.state_of(read_or_none(folder / change.path)) == "after":
            _put(folder, change.inverse(), entry.id)
    _remove_temps(folder, entry)
    remove_entry(journal, entry.id)


def _remove_stray_temps(directories: list[Path]) -> None:
    for directory in directories:
        if not directory.is_dir():
            continue
        stray = [p for p in directory.iterdir() if _TEMP_NAME.fullmatch(p.name) and p.is_file()]
        for path in stray:
            path.unlink()
        if stray:
            fsync_dir(directory)
