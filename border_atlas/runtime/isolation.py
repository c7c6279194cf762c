"""Run work on an untrusted file in a separate process, with a memory and a time limit.

A small upload can ask a parser for gigabytes or hours (a Word file of millions of paragraphs,
PDF pages that all redraw one huge stream, a workbook declaring every cell of a sheet). The
server must never do that work itself: the job runs in a child process that may use at most
``memory_mb`` of memory beyond what it starts with (``RLIMIT_AS``, so an allocation past it
fails inside the child) and is killed after ``seconds``. The caller's thread only waits on a
pipe, so the app keeps answering other sessions. Children come from a "forkserver" process
(started once, with the readers imported): forking the server's own threads is never done,
which Streamlit's script threads would make unsafe.

The job and its arguments are pickled; its result must be plain data. An error the job raises
(e.g. :class:`~border_atlas.ingest.errors.IngestError`) is raised again here; a limit reached
raises ``refusal`` with a message naming the file and the limit, and a :class:`ChildRun` as
its ``child_run`` attribute.
"""

from __future__ import annotations

import io
import math
import multiprocessing
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import context, forkserver, popen_forkserver, spawn, util
from typing import Any

# Modules the forkserver imports once, so that each child starts in milliseconds.
PRELOAD = ["border_atlas.ingest", "border_atlas.drafting.spreadsheet", "border_atlas.drafting.placemarks",
           "border_atlas.places.gazetteer", "docx", "pypdf", "openpyxl", "lxml.etree"]
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(PRELOAD)


def start_early() -> None:
    """Start the forkserver now: it imports the readers in the background, so the first upload does not wait."""
    forkserver.ensure_running()


class _Popen(popen_forkserver.Popen):
    """The standard library's forkserver launch, less the parent's main module.

    Under Streamlit ``__main__`` is the page script: the standard launch would have each child run
    the page again before its job. The job needs only its own module, which pickle imports.
    """

    def _launch(self, process_obj):
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_path", None)
        prep_data.pop("init_main_from_name", None)
        buf = io.BytesIO()
        context.set_spawning_popen(self)
        try:
            context.reduction.dump(prep_data, buf)
            context.reduction.dump(process_obj, buf)
        finally:
            context.set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)
        parent_w = os.dup(w)  # the child's sign that this process is alive
        self.finalizer = util.Finalize(self, util.close_fds, (parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as handle:
            handle.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _Process(context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj):
        return _Popen(process_obj)


@dataclass(frozen=True)
class Limits:
    """How long a job may run (wall seconds) and how much memory it may take (MB above its start)."""

    seconds: float
    memory_mb: int


@dataclass(frozen=True)
class ChildRun:
    """How a child ended: the limit it reached ("time", "memory" or None), its wall time and peak memory."""

    limit: str | None
    seconds: float
    peak_mb: float | None
    killed: bool


def run_limited(job: Callable[..., Any], args: tuple = (), kwargs: dict | None = None, *, limits: Limits,
                name: str, doing: str, refusal: type[Exception],
                on_end: Callable[[ChildRun], None] | None = None) -> Any:
    """``job(*args, **kwargs)`` in a child process; its result, or ``refusal`` when a limit is reached.

    ``name`` is the file's name and ``doing`` what the job does ("reading", "recognising what
    is named in") for the message. ``on_end`` is told how the child ended, whatever the outcome.
    """
    receive, send = _CONTEXT.Pipe(duplex=False)
    child = _Process(target=_child, args=(send, job, args, kwargs or {}, limits), daemon=True)
    child.start()
    send.close()
    began = time.monotonic()
    try:
        kind, value, peak = _answer(receive, limits.seconds)
    except BaseException:
        child.kill()  # never leave a reader running behind an interrupted wait
        raise
    finally:
        receive.close()
    if kind is None:  # out of time: note its memory, then kill it
        peak = _peak_mb(child.pid)
        child.kill()
    child.join(5)
    if child.is_alive():
        child.kill()
        child.join()
    limit = {"done": None, "raised": None, "memory": "memory", None: "time"}.get(kind, _limit_of(child.exitcode))
    run = ChildRun(limit, time.monotonic() - began, peak, killed=kind is None)
    if on_end is not None:
        on_end(run)
    if kind == "done":
        return value
    if kind == "raised":
        raise value
    error = refusal(_message(limit, name=name, doing=doing, limits=limits, exitcode=child.exitcode))
    error.child_run = run
    raise error


def _answer(receive, seconds: float) -> tuple:
    """The child's (kind, value, peak MB); kind None if it did not answer in time, "died" if it ended silently."""
    if not receive.poll(seconds):
        return None, None, None
    try:
        return receive.recv()
    except (EOFError, OSError):
        return "died", None, None


def _message(limit: str | None, *, name: str, doing: str, limits: Limits, exitcode: int | None) -> str:
    if limit is None:
        return f"{name}: the process {doing} it failed (exit code {exitcode}); it was not read."
    if limit == "time":
        return (f"{name}: {doing} it took longer than the time limit of {limits.seconds:g} s, so it was stopped. "
                "No report needs that long: the file is made to be slow to read, or is far larger than a report. "
                "Save the report's text alone (as .txt) and add that.")
    if exitcode is not None and exitcode < 0:
        return (f"{name}: the process {doing} it stopped (exit code {exitcode}), most likely at the memory limit of "
                f"{limits.memory_mb:,} MB. Save the report's text alone (as .txt) and add that.")
    return (f"{name}: {doing} it needed more than the memory limit of {limits.memory_mb:,} MB, so it was stopped. "
            "No report needs that much: the file unpacks to far more than a report holds. Save the report's text alone "
            "(as .txt) and add that.")


def _limit_of(exitcode: int | None) -> str | None:
    """A child that ended without answering: killed by the CPU limit (time), by a signal (memory: C code that
    could not allocate, or the system's out-of-memory killer), or failed on its own (no limit)."""
    if exitcode == -signal.SIGXCPU:
        return "time"
    return "memory" if exitcode is not None and exitcode < 0 else None


def _child(send, job: Callable[..., Any], args: tuple, kwargs: dict, limits: Limits) -> None:
    """In the child: set the limits, run the job, send ("done", result) or ("raised", error) or ("memory", ...)."""
    _use_system_allocator()
    start = _status_kb("VmSize") or 0
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (start * 1024 + limits.memory_mb * 1_048_576, hard))
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (math.ceil(limits.seconds) + 1, hard))  # a backstop to the kill
    try:
        outcome = ("done", job(*args, **kwargs))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        outcome = ("memory", None) if _out_of_memory(exc) else ("raised", exc)
    try:
        send.send((*outcome, _peak_mb(None)))
    except MemoryError:
        send.send(("memory", None, _peak_mb(None)))
    except Exception:  # noqa: BLE001 - an error or result that does not pickle
        send.send(("raised", RuntimeError(traceback.format_exc()), _peak_mb(None)))
    finally:
        send.close()


def _use_system_allocator() -> None:
    """pyarrow's own allocator (under pandas' strings) reserves gigabytes of address space at its first
    allocation, which RLIMIT_AS counts; the C library's allocator takes what it uses."""
    try:
        import pyarrow
    except ImportError:
        return
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def _out_of_memory(exc: BaseException | None) -> bool:
    """The error, or one it was raised from, is an allocation that failed (Python's, or libxml2's ERR_NO_MEMORY
    which lxml reports as a syntax error)."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError) or "ERR_NO_MEMORY" in str(getattr(exc, "error_log", "")):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _status_kb(field: str, pid: int | None = None) -> int | None:
    """A field of /proc/<pid>/status in kB (Linux), or None."""
    try:
        with open(f"/proc/{pid or 'self'}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _peak_mb(pid: int | None) -> float | None:
    peak = _status_kb("VmHWM", pid)
    return None if peak is None else peak / 1024
