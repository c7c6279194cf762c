"""The filtered records as CSV, safe to open in a spreadsheet.

A cell that begins with = + - @ (or a tab or carriage return) would be run as a formula by
Excel, LibreOffice or Google Sheets; such text cells get a leading apostrophe (OWASP's
advice), which the spreadsheet shows as plain text. Numbers are left as numbers.
"""

from __future__ import annotations

import csv
import io
import re

from border_atlas.exports.records import COLUMNS, flat_columns
from border_atlas.filters.selection import Selection

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# Control characters have no place in a cell; GDAL's CSV reader even ends a line at a NUL.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def neutralise(value):
    """``"=HYPERLINK(...)"`` -> ``"'=HYPERLINK(...)"``; control characters become U+FFFD.

    >>> neutralise("=1+1"), neutralise("Hyesan"), neutralise(-3.5), neutralise("a" + chr(0) + "b")
    ("'=1+1", 'Hyesan', -3.5, 'a\ufffdb')
    """
    if not isinstance(value, str):
        return value
    value = _CONTROLS.sub("\ufffd", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def neutralised(values: list) -> list:
    """:func:`neutralise` of each value, each distinct text once (records repeat most of them).

    >>> neutralised(["=1", "=1", 2.0, None])
    ["'=1", "'=1", 2.0, None]
    """
    safe = {value: neutralise(value) for value in set(values) if type(value) is str}
    return [safe[value] if type(value) is str else value for value in values]


def records_csv(selection: Selection) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheets read hangul correctly."""
    columns = flat_columns(selection)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(zip(*(neutralised(columns[name]) for name in COLUMNS)))
    return buffer.getvalue().encode("utf-8-sig")
