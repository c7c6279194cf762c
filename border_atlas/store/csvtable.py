"""Append rows to a CSV file's bytes in the file's own dialect, never touching its old bytes.

The new text follows the file's header order and line terminator, with minimal quoting.
A value holding a carriage return or a line feed is always quoted, whatever the file's
terminator, so that no reader splits it into two records.
"""

from __future__ import annotations

import csv
import io

from border_atlas.store.errors import InvalidInput
from border_atlas.store.names import check_text

_BOM = "\ufeff"


def header_and_terminator(data: bytes, *, name: str) -> tuple[list[str], str]:
    """The column names and the line terminator ("\\r\\n", "\\n" or "\\r") of a CSV file's bytes.

    >>> header_and_terminator(b"id,name\\r\\nhyesan,Hyesan\\r\\n", name="places.csv")
    (['id', 'name'], '\\r\\n')
    """
    text = decode(data, name=name)
    header = next(csv.reader(io.StringIO(text.removeprefix(_BOM), newline="")), None)
    if not header or not any(column.strip() for column in header):
        raise InvalidInput(f"{name} has no header row; add the column names before saving rows to it")
    duplicates = sorted({column for column in header if header.count(column) > 1})
    if duplicates:
        raise InvalidInput(f"{name} repeats the column(s) {', '.join(duplicates)} in its header")
    return header, _terminator(text)


def decode(data: bytes, *, name: str) -> str:
    """The text of a table file, which must be UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{name} is not UTF-8 (byte {exc.start}); fix the file before saving to it") from None


def _terminator(text: str) -> str:
    newline = min((i for i in (text.find("\r"), text.find("\n")) if i >= 0), default=-1)
    if newline < 0:
        return "\n"
    if text.startswith("\r\n", newline):
        return "\r\n"
    return text[newline]


def appended_text(data: bytes, rows: list[dict[str, str]], *, name: str) -> str:
    """The text to add at the end of the file ``data`` so that it gains ``rows``.

    Columns follow the header; a missing column is left empty; an unknown one is refused.
    A file without a final line break gets one first.

    >>> appended_text(b"id,name\\nhyesan,Hyesan", [{"id": "samsu", "name": "Samsu, town"}], name="places.csv")
    '\\nsamsu,"Samsu, town"\\n'
    """
    header, terminator = header_and_terminator(data, name=name)
    lines = [_record(header, row, name=name, number=number) for number, row in enumerate(rows, start=1)]
    text = terminator.join(lines) + terminator if lines else ""
    if text and data and not data.endswith((b"\n", b"\r")):
        text = terminator + text
    _check_round_trip(decode(data, name=name) + text, header, rows, name=name)
    return text


def _record(header: list[str], row: dict[str, str], *, name: str, number: int) -> str:
    if not isinstance(row, dict):
        raise InvalidInput(f"{name} new row {number} is {type(row).__name__}, not a mapping of column to value")
    unknown = [str(column) for column in row if column not in header]
    if unknown:
        raise InvalidInput(f"{name} new row {number} has column(s) not in the file's header: {', '.join(unknown)} "
                           f"(the columns are {', '.join(header)})")
    values = [_value(row.get(column), where=f"{name} new row {number}, field '{column}'") for column in header]
    buffer = io.StringIO()
    # "\r\n" as the writer's terminator makes it quote any value holding "\r" or "\n";
    # the record then ends with the file's own terminator instead.
    csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerow(values)
    return buffer.getvalue().removesuffix("\r\n")


def _value(value: object, *, where: str) -> str:
    return "" if value is None else check_text(value, where=where)


def _check_round_trip(text: str, header: list[str], rows: list[dict[str, str]], *, name: str) -> None:
    """Read the new file back: it must end with exactly the new rows (catches an unclosed quote)."""
    records = list(csv.reader(io.StringIO(text.removeprefix(_BOM), newline="")))
    expected = [[row.get(column) or "" for column in header] for row in rows]
    if not rows:
        return
    if records[len(records) - len(rows):] != expected:
        raise InvalidInput(f"{name} does not end at a complete record (an unclosed quote?); "
                           "appending to it would merge the new rows into its last one. Fix the file first.")
