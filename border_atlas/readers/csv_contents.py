"""Tables from CSV files already read into memory, all at one moment.

A check that reads a folder one file at a time can meet a change half-way and report a problem
that never existed; this reader parses bytes read beforehand exactly as :class:`CsvFolder` parses
the files (an upload, or files read at one moment).

>>> reader = CsvContents({"eras.csv": b"id,name\\r\\npre,Before\\r\\n"}, label="data")
>>> list(reader.read("eras").frame["id"]), reader.read("places").problems[0].message
(['pre'], 'file is missing')
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from border_atlas.readers.base import RawTable
from border_atlas.readers.csv_folder import parse_csv


class CsvContents:
    """Reads ``<table>.csv`` from ``contents`` (file name to bytes), labelled ``label`` in messages."""

    def __init__(self, contents: Mapping[str, bytes], *, label: str):
        self.contents = {name: data for name, data in contents.items() if name.endswith(".csv") and "/" not in name}
        self.label = label

    def read(self, table: str) -> RawTable:
        name = f"{table}.csv"
        data = self.contents.get(name)
        if data is None:
            return RawTable.unreadable(name, "file is missing")
        return parse_csv(data, file=name)

    def fingerprint(self) -> str | None:
        """The same digest :class:`CsvFolder` gives the same files, so both share the table cache."""
        digest = hashlib.sha256()
        for name in sorted(self.contents):
            digest.update(name.encode() + b"\0" + hashlib.sha256(self.contents[name]).digest())
        return digest.hexdigest()
