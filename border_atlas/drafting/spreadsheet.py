"""Records from a CSV or Excel (.xlsx) file laid out as the assignments table.

Cells are read as text, never evaluated: a formula's cached value is what Excel last showed,
and a cell that begins with "=" stays text. Dates become YYYY-MM-DD. The first row names the
columns; a column the assignments table does not have is reported and ignored.

>>> frame, notes = read_records(b"id,org_id,colour\\nmss-1,mss,red\\n", filename="records.csv")
>>> frame.to_dict("records"), notes
([{'id': 'mss-1', 'org_id': 'mss'}], ["records.csv: column 'colour' is not a column of the assignments table; \
its values are ignored"])
"""

from __future__ import annotations

from datetime import date, datetime, time
from io import BytesIO
from pathlib import PurePath

import pandas as pd

from border_atlas.drafting.tables import data_columns
from border_atlas.drafting.uploads import (
    MAX_ROWS,
    FileRefused,
    check_size,
    check_xml,
    read_member,
    zip_members,
)
from border_atlas.ingest.decoding import clean_text
from border_atlas.ingest.documents import display_name
from border_atlas.readers import parse_csv

SUFFIXES = (".csv", ".xlsx")
# The assignments table has a few dozen columns; the reader pads every row to the sheet's width.
MAX_COLUMNS = 256


def read_records(data: bytes, *, filename: str) -> tuple[pd.DataFrame, list[str]]:
    """The file's rows in the assignments layout, and notes on what was left out."""
    name = display_name(filename)
    check_size(data, name=name)
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".csv":
        frame, notes = _csv(data, name=name)
    elif suffix == ".xlsx":
        frame, notes = _xlsx(data, name=name), []
    else:
        raise FileRefused(f"{name} has {suffix or 'no extension'}; records are imported from .csv or .xlsx files.")
    if len(frame) > MAX_ROWS:
        raise FileRefused(f"{name} has {len(frame):,} rows; import at most {MAX_ROWS:,} at a time.")
    columns = data_columns("assignments")
    if not set(columns) & set(frame.columns):
        raise FileRefused(f"{name} does not look like the assignments table: its first row names none of its "
                          f"columns ({', '.join(columns[:5])}, …).")
    notes += [f"{name}: column '{c}' is not a column of the assignments table; its values are ignored"
              for c in frame.columns if c not in columns]
    kept = [c for c in frame.columns if c in columns]
    return frame[kept].reset_index(drop=True), notes


def _csv(data: bytes, *, name: str) -> tuple[pd.DataFrame, list[str]]:
    raw = parse_csv(data, file=name)
    notes = [f"{problem} (left out of the import)" for problem in raw.problems]
    if raw.frame is None:
        raise FileRefused(f"{name} {raw.problems[0].message}." if raw.problems else f"{name} cannot be read.")
    return raw.frame.astype(object).where(raw.frame.notna(), None), notes


def _xlsx(data: bytes, *, name: str) -> pd.DataFrame:
    import openpyxl

    members = zip_members(data, name=name, kind="Excel (.xlsx)")
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise FileRefused(f"{name} is a zip archive but not an Excel (.xlsx) workbook.")
    for member in members:
        if member.filename.endswith((".xml", ".rels")):
            check_xml(read_member(data, member, name=name), name=name)
    try:
        book = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True, keep_links=False)
        sheet = book["assignments"] if "assignments" in book.sheetnames else book.worksheets[0]
        _check_extent(sheet, name=name)
        rows = [row for _, row in zip(range(MAX_ROWS + 2), sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS))]
        book.close()
    except FileRefused:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error on damaged workbooks
        raise FileRefused(f"{name} could not be read as an Excel workbook; it may be damaged "
                          f"({type(exc).__name__}).") from exc
    width = max((i + 1 for row in rows for i, value in enumerate(row) if value is not None), default=0)
    rows = [row[:width] for row in rows]  # rows come padded to MAX_COLUMNS
    if not rows or not width:
        raise FileRefused(f"{name} has no rows.")
    header = [_text(value) or f"column {i + 1}" for i, value in enumerate(rows[0])]
    body = [[_text(value) for value in row] for row in rows[1:] if any(_text(v) for v in row)]
    return pd.DataFrame(body, columns=header, dtype=object)


def _check_extent(sheet, *, name: str) -> None:
    """Refuse a sheet that declares more columns or rows than an import may hold (the reader trusts it)."""
    columns, rows = sheet.max_column or 0, sheet.max_row or 0
    if columns > MAX_COLUMNS or rows > MAX_ROWS + 1:
        raise FileRefused(f"{name}: its sheet declares {rows:,} rows and {columns:,} columns; import at most "
                          f"{MAX_ROWS:,} rows of at most {MAX_COLUMNS} columns at a time. It is not read.")


def _text(value) -> str | None:
    """A cell as text: dates as YYYY-MM-DD, whole numbers without ".0", no control characters."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date() if value.time() == time(0) else value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(clean_text(str(value)).split())
    return text or None
