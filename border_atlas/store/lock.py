"""One writer at a time per data folder: a threading lock for the sessions of one server,
``fcntl.flock`` on a lock file for other processes (a second server, a script).

flock is advisory: an editor does not take it, which is why saves also compare hashes.
It works on a local file system; on a network file system it may not.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from border_atlas.store.errors import StoreBusy

_THREAD_LOCKS: dict[str, threading.Lock] = {}
_REGISTRY = threading.Lock()


def _thread_lock(path: Path) -> threading.Lock:
    with _REGISTRY:
        return _THREAD_LOCKS.setdefault(os.path.realpath(path), threading.Lock())


@contextlib.contextmanager
def exclusive(lock_file: Path, *, timeout: float, folder: Path) -> Iterator[None]:
    """Hold the folder's lock; raise :class:`StoreBusy` after ``timeout`` seconds of waiting.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder, exclusive(Path(folder) / "lock", timeout=1, folder=folder):
    ...     pass
    """
    deadline = time.monotonic() + timeout
    thread_lock = _thread_lock(lock_file)
    if not thread_lock.acquire(timeout=max(timeout, 0)):
        raise _busy(folder, timeout)
    try:
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            _flock(fd, deadline, folder=folder, timeout=timeout)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
    finally:
        thread_lock.release()


def _flock(fd: int, deadline: float, *, folder: Path, timeout: float) -> None:
    pause = 0.005
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise _busy(folder, timeout) from None
            time.sleep(min(pause, max(deadline - time.monotonic(), 0)))
            pause = min(pause * 2, 0.1)


def _busy(folder: Path, timeout: float) -> StoreBusy:
    return StoreBusy(f"Another save is in progress in {folder} (waited {timeout:g} s); try again in a moment.")
