"""Durable file operations: hashes, temporary files fsynced beside their target, atomic replace.

A file is replaced by writing its new version to a temporary file in the same directory,
flushing and fsyncing it, ``os.replace``-ing it over the target and fsyncing the directory,
so that a reader or a crash sees either the old or the new file, never a half-written one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path


def sha256(data: bytes) -> str:
    """The hex SHA-256 of ``data``.

    >>> sha256(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def read_or_none(path: Path) -> bytes | None:
    """The bytes of ``path``, or None when there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def fsync_dir(directory: Path) -> None:
    """Make a rename or removal in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_dir(directory: Path) -> None:
    """Create ``directory`` if needed, durably (its parent is fsynced after the creation)."""
    if not directory.is_dir():
        directory.mkdir(exist_ok=True)
        fsync_dir(directory.parent)


def write_durably(path: Path, data: bytes, *, mode_of: Path | None = None) -> None:
    """Create ``path`` (which must not exist) holding ``data``, flushed and fsynced.

    The permissions are those of ``mode_of`` when it exists, else the usual ones (0666 less
    the umask): a replaced table keeps its permissions rather than a temporary file's 0600.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        if mode_of is not None:
            with contextlib.suppress(FileNotFoundError):
                os.fchmod(fd, mode_of.stat().st_mode & 0o7777)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_durably(temp: Path, target: Path) -> None:
    """Atomically put ``temp`` in place of ``target`` (same directory) and make it durable."""
    os.replace(temp, target)
    fsync_dir(target.parent)


def remove_durably(path: Path) -> None:
    """Remove ``path`` if it exists and make the removal durable."""
    try:
        path.unlink()
    except FileNotFoundError:
        return
    fsync_dir(path.parent)


def atomic_write(path: Path, data: bytes, *, temp_suffix: str) -> None:
    """Replace (or create) ``path`` with ``data`` atomically and durably.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     atomic_write(Path(folder) / "note.txt", b"hello", temp_suffix="demo")
    ...     (Path(folder) / "note.txt").read_bytes()
    b'hello'
    """
    temp = temp_path(path, temp_suffix)
    remove_durably(temp)
    try:
        write_durably(temp, data, mode_of=path)
        replace_durably(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def temp_path(path: Path, suffix: str) -> Path:
    """The temporary file that stands for the next version of ``path``: hidden, same directory.

    >>> temp_path(Path("data/places.csv"), "000007").as_posix()
    'data/.places.csv.000007.tmp'
    """
    return path.with_name(f".{path.name}.{suffix}.tmp")
