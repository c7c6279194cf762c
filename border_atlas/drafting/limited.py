"""Read an imported file of records or places in a child process with a memory and a time limit.

See :mod:`border_atlas.runtime.isolation`: a workbook or KMZ of a few kilobytes can ask its reader for
minutes of work; the app's own process never does it. A refusal names the file and the limit.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from border_atlas.drafting.placemarks import Placemark, read_placemarks
from border_atlas.drafting.spreadsheet import read_records
from border_atlas.drafting.uploads import FileRefused
from border_atlas.ingest.documents import display_name
from border_atlas.runtime.isolation import ChildRun, Limits, run_limited

# 10,000 rows or 5,000 placemarks are read in seconds, in a few hundred megabytes.
IMPORT_LIMITS = Limits(seconds=90, memory_mb=1024)


def read_records_limited(data: bytes, *, filename: str, limits: Limits = IMPORT_LIMITS,
                         on_end: Callable[[ChildRun], None] | None = None) -> tuple[pd.DataFrame, list[str]]:
    """:func:`~border_atlas.drafting.spreadsheet.read_records` in a child process."""
    return run_limited(read_records, (bytes(data),), {"filename": filename}, limits=limits,
                       name=display_name(filename), doing="reading", refusal=FileRefused, on_end=on_end)


def read_placemarks_limited(data: bytes, *, filename: str, limits: Limits = IMPORT_LIMITS,
                            on_end: Callable[[ChildRun], None] | None = None) -> tuple[list[Placemark], list[str]]:
    """:func:`~border_atlas.drafting.placemarks.read_placemarks` in a child process."""
    return run_limited(read_placemarks, (bytes(data),), {"filename": filename}, limits=limits,
                       name=display_name(filename), doing="reading", refusal=FileRefused, on_end=on_end)
