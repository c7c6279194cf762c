"""Broken copies of the bundled tables, each with the problem a user must be told about.

Each case changes a copy of data/ and names where the problem is: (file, row, field) with
row None for a whole-file problem, and words the message must contain.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from helpers import read_rows, write_rows


@dataclass(frozen=True)
class Broken:
    name: str
    change: Callable[[Path], None]
    file: str
    row: int | None
    field: str | None
    words: str

    def __str__(self) -> str:
        return self.name


def set_value(table: str, ident: str, field: str, value: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        header, rows = read_rows(folder / f"{table}.csv")
        for row in rows:
            if row["id"] == ident:
                row[field] = value
        write_rows(folder / f"{table}.csv", header, rows)
    return change


def set_all(table: str, field: str, value: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        header, rows = read_rows(folder / f"{table}.csv")
        for row in rows:
            row[field] = value
        write_rows(folder / f"{table}.csv", header, rows)
    return change


def write_bytes(table: str, data: bytes) -> Callable[[Path], None]:
    return lambda folder: (folder / f"{table}.csv").write_bytes(data)


def replace_line(table: str, line: int, edit: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        lines = (folder / f"{table}.csv").read_bytes().split(b"\n")
        lines[line - 1] = edit(lines[line - 1])
        (folder / f"{table}.csv").write_bytes(b"\n".join(lines))
    return change


def drop_column(table: str, column: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        header, rows = read_rows(folder / f"{table}.csv")
        write_rows(folder / f"{table}.csv", [h for h in header if h != column],
                   [{k: v for k, v in row.items() if k != column} for row in rows])
    return change


def make_folder(table: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        (folder / f"{table}.csv").unlink()
        (folder / f"{table}.csv").mkdir()
    return change


def keep_rows(table: str, count: int) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        header, rows = read_rows(folder / f"{table}.csv")
        write_rows(folder / f"{table}.csv", header, rows[:count])
    return change


# Rows are spreadsheet rows (the header is row 1): places.csv row 10 is Samsu, organisations.csv
# row 8 is Mirim, sources.csv row 2 is the Daily NK report.
CASES = [
    Broken("empty assignments file", write_bytes("assignments", b""), "assignments.csv", None, None, "is empty"),
    Broken("places file of newlines", write_bytes("places", b"\n\n\n"), "places.csv", None, None, "is empty"),
    Broken("unquoted comma in the first organisation",
           replace_line("organisations", 2, lambda line: line.replace(b"Ministry of State Security,",
                                                                        b"Ministry of, State Security,", 1)),
           "organisations.csv", 2, "note", "values but the header names"),
    Broken("source published on 31 February", set_value("sources", "dailynk-2018-02-28", "published", "2018-02-31"),
           "sources.csv", 2, "published", "not a date"),
    Broken("source with 12.5 paragraphs", set_value("sources", "dailynk-2018-02-28", "paragraphs", "12.5"),
           "sources.csv", 2, "paragraphs", "not a whole number"),
    Broken("source of kind rumour", set_value("sources", "dailynk-2018-02-28", "kind", "rumour"),
           "sources.csv", 2, "kind", "must be one of"),
    Broken("no valid organisation", set_all("organisations", "type", "cabal"), "organisations.csv", 2, "type",
           "must be one of"),
    Broken("NUL byte in a place name", set_value("places", "samsu", "name", "Sam\x00su"), "places.csv", 10, "name",
           "control character"),
    Broken("stray quote in a place", replace_line("places", 10, lambda line: line.replace(b"Samsu County",
                                                                                       b'"Samsu County', 1)),
           "places.csv", 10, "name", "cannot be read as CSV"),
    Broken("latin-1 bytes in a place", replace_line("places", 10, lambda line: line.replace(b"County", b"Count\xe9")),
           "places.csv", 10, "name", "not UTF-8"),
    Broken("extra field in an event", replace_line("events", 3, lambda line: line + b",surplus"),
           "events.csv", 3, "note", "values but the header names"),
    Broken("uncertainty column missing", drop_column("places", "uncertainty_m"), "places.csv", 1, "uncertainty_m",
           "optional column is missing"),
    Broken("paragraph 0", set_value("assignments", "pairing-2018-samsu", "paragraphs", "0"), "assignments.csv", 12,
           "paragraphs", "from 1"),
    Broken("Arabic-Indic digits", set_value("places", "samsu", "lat", "٤١.٢"), "places.csv", 10, "lat",
           "not a number"),
    Broken("full-width digits", set_value("assignments", "pairing-2018-samsu", "reported", "２０１８"),
           "assignments.csv", 12, "reported", "not a date"),
    Broken("report dated 9999", set_value("assignments", "pairing-2018-samsu", "reported", "9999"),
           "assignments.csv", 12, "reported", "not a date"),
    Broken("infinite amount", set_value("figures", "bribe-cars-pre-covid", "amount_max", "inf"), "figures.csv", 2,
           "amount_max", "not a number"),
    Broken("colour written red", set_value("organisations", "mirim", "colour", "red"), "organisations.csv", 8,
           "colour", "#rrggbb"),
    Broken("colour with CSS appended", set_value("organisations", "mss", "colour", "#c62828;background:url(x)"),
           "organisations.csv", 2, "colour", "#rrggbb"),
    Broken("cycle in organisation parents", set_value("organisations", "office-39", "parent_id", "mirim"),
           "organisations.csv", 4, "parent_id", "cycle"),
    Broken("table is a folder", make_folder("events"), "events.csv", None, None, "is a folder"),
    Broken("only one era", keep_rows("eras", 1), "figures.csv", 3, "era_id", "not an id in eras.csv"),
    Broken("organisation of a bad type keeps its records",
           set_value("organisations", "mirim", "type", "shipping"), "organisations.csv", 8, "type", "must be one of"),
    Broken("place with a bad kind", set_value("places", "samsu", "kind", "village"), "places.csv", 10, "kind",
           "must be one of"),
]


def broken_copy(case: Broken, source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    case.change(target)
    return target
