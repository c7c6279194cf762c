"""A problem found in a data file, named by file, row and field so that the user can fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a source file.

    >>> str(Problem("places.csv", 4, "lat", "latitude must be between -90 and 90 (got '95.2')"))
    "places.csv, row 4, field 'lat': latitude must be between -90 and 90 (got '95.2')"
    """

    file: str
    row: int | None  # spreadsheet row: the header is row 1; None for the whole file
    field: str | None
    message: str
    severity: str = "error"  # "error": the row was left out; "warning": it was kept

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}"
