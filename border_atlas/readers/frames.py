"""Tables already in memory: an uploaded spreadsheet, rows typed in the app, a test's copy."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import pandas as pd

from border_atlas.readers.base import RawTable


class FrameReader:
    """Serves ``frames[table]`` as text, rows numbered as a spreadsheet numbers them (header = 1).

    :param frames: one DataFrame per table name; a table not given reads as missing.
    :param files: what to call each table in messages (default ``<table>.csv``).
    :param label: where the tables come from, for the user.

    >>> reader = FrameReader({"eras": pd.DataFrame({"id": ["pre-covid"], "name": [" Pre-COVID "]})})
    >>> raw = reader.read("eras")
    >>> raw.frame.loc[0, "name"], raw.rows, reader.read("places").problems[0].message
    ('Pre-COVID', (2,), 'file is missing')
    """

    def __init__(self, frames: Mapping[str, pd.DataFrame], *, files: Mapping[str, str] | None = None,
                 label: str = "tables in memory"):
        self.frames = dict(frames)
        self.files = dict(files or {})
        self.label = label

    def read(self, table: str) -> RawTable:
        file = self.files.get(table, f"{table}.csv")
        frame = self.frames.get(table)
        if frame is None:
            return RawTable.unreadable(file, "file is missing")
        # Text from memory is already decoded: a lone surrogate can only be a stray escape.
        text = frame.map(lambda v: v.encode("utf-8", "replace").decode("utf-8") if isinstance(v, str) else v)
        text = text.astype("string").apply(lambda column: column.str.strip())
        text.columns = [str(c).strip() for c in text.columns]
        text = text.replace("", pd.NA).astype(object).where(text.notna(), pd.NA)
        return RawTable(file, text.reset_index(drop=True), tuple(range(2, len(text) + 2)))

    def fingerprint(self) -> str | None:
        digest = hashlib.sha256()
        for name in sorted(self.frames):
            digest.update(name.encode() + pd.util.hash_pandas_object(self.frames[name].astype("string")).values
                          .tobytes())
        return digest.hexdigest()
