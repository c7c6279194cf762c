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

from border_atlas.loading.dataset import DATA_DIR


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
# row 8 is Mirim, sources.csv row 2 is the Daily NK report. These are the ones that once crashed
# a page or went unexplained.
ONCE_FAILED = [
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


def set_values(table: str, ident: str, **values: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        for field, value in values.items():
            set_value(table, ident, field, value)(folder)
    return change


def append_bytes(table: str, data: bytes) -> Callable[[Path], None]:
    return lambda folder: (folder / f"{table}.csv").write_bytes((folder / f"{table}.csv").read_bytes() + data)


def transform(table: str, edit: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    return lambda folder: (folder / f"{table}.csv").write_bytes(edit((folder / f"{table}.csv").read_bytes()))


def delete(table: str) -> Callable[[Path], None]:
    return lambda folder: (folder / f"{table}.csv").unlink()


def row_of(table: str, ident: str) -> int:
    """The spreadsheet row (header = row 1) of a bundled row, by id."""
    _, rows = read_rows(DATA_DIR / f"{table}.csv")
    return next(index for index, row in enumerate(rows, start=2) if row["id"] == ident)


def bad_value(table: str, ident: str, field: str, value: str, words: str) -> Broken:
    return Broken(f"{table} {ident} {field}={value!r}"[:80], set_value(table, ident, field, value), f"{table}.csv",
                  row_of(table, ident), field, words)


SOURCE, PLACE, ORG, RECORD = "dailynk-2018-02-28", "samsu", "mirim", "pairing-2018-samsu"
EVENT, FIGURE, ERA = "unscr-2321", "bribe-cars-pre-covid", "post-covid"
# One bad value in one cell each: the message names the cell and says what is wrong.
BAD_VALUES = [
    bad_value("sources", SOURCE, "published", "yesterday", "is not a date"),
    bad_value("sources", SOURCE, "published", "2999-01-01", "is not a date"),
    bad_value("sources", SOURCE, "paragraphs", "-3", "must be at least 1"),
    bad_value("sources", SOURCE, "kind", "", "is empty but a value is required"),
    bad_value("sources", SOURCE, "id", "Daily NK!", "lower-case words joined"),
    bad_value("sources", SOURCE, "outlet", "", "is empty but a value is required"),
    bad_value("places", PLACE, "lat", "95.2", "latitude must be between"),
    bad_value("places", PLACE, "lon", "200", "longitude must be between"),
    bad_value("places", PLACE, "lat", "nan", "is not a number"),
    bad_value("places", PLACE, "lat", "1e309", "is not a number"),
    bad_value("places", PLACE, "lat", "", "is empty but a value is required"),
    bad_value("places", PLACE, "uncertainty_m", "-5", "must be between 0 and 500000"),
    bad_value("places", PLACE, "precision", "exactish", "must be one of"),
    bad_value("places", PLACE, "parent_id", "atlantis", "which is not an id in"),
    bad_value("places", PLACE, "parent_id", PLACE, "parent cycle"),
    bad_value("places", PLACE, "country", "Korea", "two-letter country code"),
    bad_value("places", PLACE, "name", "", "is empty but a value is required"),
    bad_value("places", PLACE, "coord_source_id", "nowhere", "which is not an id in"),
    bad_value("organisations", ORG, "parent_id", "nobody", "which is not an id in"),
    bad_value("organisations", ORG, "parent_id", ORG, "parent cycle"),
    bad_value("organisations", ORG, "colour", "#12345", "#rrggbb"),
    bad_value("organisations", ORG, "colour", "#GGGGGG", "#rrggbb"),
    bad_value("organisations", ORG, "sanctions_status", "maybe", "must be one of"),
    bad_value("organisations", ORG, "source_id", "", "is empty but a value is required"),
    bad_value("organisations", ORG, "paragraphs", "eight", "must be paragraph numbers"),
    bad_value("assignments", RECORD, "org_id", "nobody", "which is not an id in"),
    bad_value("assignments", RECORD, "place_id", "atlantis", "which is not an id in"),
    bad_value("assignments", RECORD, "partner_org_id", "nobody", "which is not an id in"),
    bad_value("assignments", RECORD, "source_id", "nowhere", "which is not an id in"),
    bad_value("assignments", RECORD, "reported", "2018-13", "is not a date"),
    bad_value("assignments", RECORD, "reported", "", "is empty but a value is required"),
    bad_value("assignments", RECORD, "role", "spy", "must be one of"),
    bad_value("assignments", RECORD, "reliability", "Z", "must be one of"),
    bad_value("assignments", RECORD, "credibility", "9", "must be one of"),
    bad_value("assignments", RECORD, "paragraphs", "abc", "must be paragraph numbers"),
    bad_value("assignments", RECORD, "start", "spring", "is not a date"),
    bad_value("events", EVENT, "date", "soon", "is not a date"),
    bad_value("events", EVENT, "source_id", "nowhere", "which is not an id in"),
    bad_value("figures", FIGURE, "amount_min", "ten", "is not a number"),
    bad_value("figures", FIGURE, "amount_min", "-5", "must not be negative"),
    bad_value("figures", FIGURE, "currency", "yuan", "three-letter currency code"),
    bad_value("figures", FIGURE, "era_id", "future", "which is not an id in"),
    bad_value("eras", ERA, "start", "Jan 2020", "is not a date"),
    Broken("record ends before it starts", set_values("assignments", RECORD, start="2019", end="2018"),
           "assignments.csv", row_of("assignments", RECORD), "end", "before it starts"),
    Broken("figure range reversed", set_values("figures", FIGURE, amount_min="20000", amount_max="100"),
           "figures.csv", row_of("figures", FIGURE), "amount_max", "is smaller than amount_min"),
    Broken("era ends before it starts", set_values("eras", ERA, end="2019-01-01"), "eras.csv", row_of("eras", ERA),
           "end", "before it starts"),
    Broken("duplicate source id", set_value("sources", "kyodo-2020-01-22", "id", SOURCE), "sources.csv",
           row_of("sources", "kyodo-2020-01-22"), "id", "repeats an id"),
]
# Whole files that cannot be read as the table they should be.
BAD_FILES = [
    Broken("places file deleted", delete("places"), "places.csv", None, None, "file is missing"),
    Broken("events in UTF-16 without a byte-order mark",
           transform("events", lambda data: data.decode("utf-8").encode("utf-16-le")),
           "events.csv", None, None, "not text in UTF-8"),
    Broken("figures file of PNG bytes", write_bytes("figures", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40),
           "figures.csv", None, None, "not text in UTF-8"),
    Broken("id column dropped from places", drop_column("places", "id"), "places.csv", 1, "id",
           "required column is missing"),
    Broken("sources header repeated", transform("sources", lambda data: data.replace(b",note", b",note,kind", 1)),
           "sources.csv", 1, "kind", "is named twice"),
    Broken("organisations header only", keep_rows("organisations", 0), "assignments.csv", 2, "org_id",
           "which is not an id in"),
    Broken("events file of a byte-order mark", write_bytes("events", b"\xef\xbb\xbf"), "events.csv", None, None,
           "needs a header row"),
    Broken("a row holding only an id", append_bytes("places", b"ghost,,,,,,,,,,,,,\n"), "places.csv", 15, "name",
           "is empty but a value is required"),
    Broken("sources separated by tabs", transform("sources", lambda data: data.replace(b",", b"\t")),
           "sources.csv", None, None, "names none of its columns"),
]

CASES = ONCE_FAILED + BAD_VALUES + BAD_FILES
