"""Validated tables kept on disk, keyed by the source files' hash, so that a restart does not
validate unchanged files again.

An entry is one folder named by its key: each table as Parquet (pandas' types survive the
round trip), the problems found in the files as one more table, and ``entry.json`` (the day it
was made). The key hashes the reader's :meth:`~border_atlas.readers.TableReader.fingerprint`
with the code that validates (its modules' bytes and the pandas and pyarrow versions), so
changed files or a changed rule never read an old entry. Entries are written to a temporary
folder and renamed into place whole; an unreadable entry counts as missing. The cache keeps
the most recently used :attr:`TableCache.keep` entries.

Where: ``$BORDER_ATLAS_CACHE`` if set (``off`` turns the cache off), else
``$XDG_CACHE_HOME/border-atlas``, else ``~/.cache/border-atlas``; never inside a data folder.

>>> import tempfile
>>> from border_atlas.loading.dataset import DATA_DIR
>>> from border_atlas.readers import CsvFolder
>>> with tempfile.TemporaryDirectory() as tmp:
...     cache = TableCache(Path(tmp))
...     key = cache.key(CsvFolder(DATA_DIR))
...     cache.get(key) is None
True
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from border_atlas.loading import schema
from border_atlas.loading.checks import FUTURE_MESSAGE
from border_atlas.loading.problems import Problem
from border_atlas.readers import TableReader

CACHE_ENV = "BORDER_ATLAS_CACHE"
OFF = "off"
_PACKAGE = Path(__file__).resolve().parent.parent
# The code whose output is cached: a change to any of it makes every old entry unreachable.
_VALIDATING_CODE = ("loading/schema.py", "loading/checks.py", "loading/validation.py", "loading/dataset.py",
                    "loading/dates.py", "loading/problems.py", "loading/cache.py",
                    "readers/base.py", "readers/csv_folder.py", "readers/frames.py",
                    "readers/sql_tables.py")
_PROBLEM_COLUMNS = {"file": "str", "row": "Int64", "field": "str", "message": "str", "severity": "str"}
_ENTRY = "entry.json"


def default_cache_dir() -> Path | None:
    """``$BORDER_ATLAS_CACHE``, else ``$XDG_CACHE_HOME/border-atlas``, else ``~/.cache/border-atlas``; None if off.

    >>> before = os.environ.get(CACHE_ENV, "")
    >>> os.environ[CACHE_ENV] = "off"; default_cache_dir() is None
    True
    >>> os.environ[CACHE_ENV] = before
    """
    chosen = os.environ.get(CACHE_ENV, "").strip()
    if chosen.lower() == OFF:
        return None
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "border-atlas"


def today() -> date:
    return date.today()


def code_version() -> str:
    """A hash of the validating modules and the libraries that type the tables."""
    digest = hashlib.sha256(f"pandas {pd.__version__}; pyarrow {pa.__version__}".encode())
    for name in _VALIDATING_CODE:
        digest.update(name.encode() + b"\0" + (_PACKAGE / name).read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class CachedTables:
    """What an entry holds: the validated tables (valid rows only) and the problems, as loaded."""

    tables: dict[str, pd.DataFrame]
    problems: tuple[Problem, ...]


def _problem_frame(problems: tuple[Problem, ...]) -> pd.DataFrame:
    rows = [(p.file, p.row, p.field, p.message, p.severity) for p in problems]
    return pd.DataFrame(rows, columns=list(_PROBLEM_COLUMNS)).astype(_PROBLEM_COLUMNS)


def _problems(frame: pd.DataFrame) -> tuple[Problem, ...]:
    def value(v):
        return None if pd.isna(v) else v

    return tuple(Problem(file, None if pd.isna(row) else int(row), value(field), message, severity)
                 for file, row, field, message, severity in frame.itertuples(index=False, name=None))


def _stale(entry: dict, problems: tuple[Problem, ...]) -> bool:
    """A date refused as lying in the future may have become valid since the entry was made."""
    return entry.get("made_on") != today().isoformat() and any(p.message.startswith(FUTURE_MESSAGE)
                                                               for p in problems)


class TableCache:
    """Validated tables in ``folder``, one entry per key.

    :param folder: where entries are kept (created when the first is written).
    :param keep: how many entries to keep; the least recently used go first.
    """

    def __init__(self, folder: Path | str, *, keep: int = 4):
        self.folder = Path(folder)
        self.keep = keep

    def key(self, reader: TableReader) -> str | None:
        """The entry's name for what ``reader`` would return now; None if the reader cannot tell."""
        fingerprint = reader.fingerprint()
        if fingerprint is None:
            return None
        return hashlib.sha256(f"{fingerprint}\0{code_version()}".encode()).hexdigest()[:40]

    def get(self, key: str) -> CachedTables | None:
        """The entry's tables and problems, or None if there is none (or it cannot be read, or is stale)."""
        entry = self.folder / key
        try:
            meta = json.loads((entry / _ENTRY).read_text(encoding="utf-8"))
            problems = _problems(pq.read_table(entry / "problems.parquet").to_pandas())
            if _stale(meta, problems):
                return None
            tables = {name: pq.read_table(entry / f"{name}.parquet").to_pandas() for name in schema.LOAD_ORDER}
            os.utime(entry / _ENTRY)  # most recently used
        except (OSError, ValueError, KeyError, pa.ArrowException):
            return None
        return CachedTables(tables, problems)

    def put(self, key: str, tables: dict[str, pd.DataFrame], problems: tuple[Problem, ...]) -> None:
        """Write an entry (whole, or not at all), then drop the least recently used beyond :attr:`keep`."""
        self.folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".writing-", dir=self.folder))
        try:
            for name in schema.LOAD_ORDER:
                pq.write_table(pa.Table.from_pandas(tables[name], preserve_index=False), staging / f"{name}.parquet")
            pq.write_table(pa.Table.from_pandas(_problem_frame(problems), preserve_index=False),
                           staging / "problems.parquet")
            (staging / _ENTRY).write_text(json.dumps({"made_on": today().isoformat()}), encoding="utf-8")
            target = self.folder / key
            if target.exists():
                shutil.rmtree(target, ignore_errors=True)  # an unreadable or stale entry of the same key
            os.replace(staging, target)
        except OSError:
            pass  # another process wrote it first, or the disk is full: the cache is only a shortcut
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        self._prune()

    def _prune(self) -> None:
        entries = sorted((p for p in self.folder.iterdir() if (p / _ENTRY).is_file()),
                         key=lambda p: (p / _ENTRY).stat().st_mtime, reverse=True)
        for old in entries[self.keep:]:
            shutil.rmtree(old, ignore_errors=True)


def open_cache(cache: bool | str | Path | TableCache | None, *, data_folder: Path | None = None) -> TableCache | None:
    """The cache ``load_dataset(cache=...)`` asks for: True for the default folder, a path, or None/False.

    A cache folder inside the data folder is refused: the data folder holds the analyst's files only.
    """
    if cache is None or cache is False:
        return None
    if isinstance(cache, TableCache):
        chosen = cache
    else:
        folder = default_cache_dir() if cache is True else Path(cache)
        if folder is None:
            return None
        chosen = TableCache(folder)
    if data_folder is not None and chosen.folder.resolve().is_relative_to(Path(data_folder).resolve()):
        raise ValueError(f"the cache folder {chosen.folder} lies inside the data folder {data_folder}; "
                         f"choose another (e.g. set {CACHE_ENV})")
    return chosen
