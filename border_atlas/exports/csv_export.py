"""The filtered records as CSV, safe to open in a spreadsheet.

A cell that begins with = + - @ (or a tab or carriage return) would be run as a formula by
Excel, LibreOffice or Google Sheets; such text cells get a leading apostrophe (OWASP's
advice), which the spreadsheet shows as plain text. Numbers are left as numbers.
"""

from __future__ import annotations

import csv
import io

from border_atlas.exports.records import COLUMNS, flat_records
from border_atlas.selection import Selection

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``"=HYPERLINK(...)"`` -> ``"'=HYPERLINK(...)"``; other values unchanged.

    >>> neutralise("=1+1"), neutralise("Hyesan"), neutralise(-3.5)
    ("'=1+1", 'Hyesan', -3.5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def records_csv(selection: Selection) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheets read hangul correctly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in flat_records(selection):
        writer.writerow({key: neutralise(value) for key, value in row.items()})
    return buffer.getvalue().encode("utf-8-sig")
