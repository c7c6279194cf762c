"""Read and recognise a report in a child process with a memory and a time limit.

The app never parses an upload or runs the recognisers in its own process: a file of a few
hundred kilobytes can ask for gigabytes or hours (see :mod:`border_atlas.runtime.isolation`). Each
limit is far above what a real report needs; a refusal names the file and the limit.

>>> read_report_limited(b"Smuggling in Hyesan\\nFirst line.", filename="note.txt").paragraphs
('First line.',)
"""

from __future__ import annotations

from collections.abc import Callable

from border_atlas.ingest.documents import ReportText, display_name, read_report
from border_atlas.ingest.errors import IngestError
from border_atlas.ingest.organisations import OrganisationIndex, load_aliases
from border_atlas.ingest.places import gazetteer_place_finder
from border_atlas.ingest.recognise import Recognition, recognise
from border_atlas.places.gazetteer import Gazetteer
from border_atlas.runtime.isolation import ChildRun, Limits, run_limited

# A 500-page report is read in seconds and recognised in well under a minute, in far less memory.
READ_LIMITS = Limits(seconds=90, memory_mb=1024)
RECOGNITION_LIMITS = Limits(seconds=90, memory_mb=1024)


def read_report_limited(data: bytes, *, filename: str, limits: Limits = READ_LIMITS,
                        on_end: Callable[[ChildRun], None] | None = None, **reader_limits: int) -> ReportText:
    """:func:`read_report` in a child process; ``reader_limits`` are its own (``max_chars``, ...)."""
    return run_limited(read_report, (bytes(data),), {"filename": filename, **reader_limits}, limits=limits,
                       name=display_name(filename), doing="reading", refusal=IngestError, on_end=on_end)


def recognise_limited(report: ReportText, *, organisations, events, gazetteer: Gazetteer, report_date: str | None,
                      limits: Limits = RECOGNITION_LIMITS,
                      on_end: Callable[[ChildRun], None] | None = None) -> Recognition:
    """:func:`recognise` in a child process, places found by ``gazetteer`` (sent to the child)."""
    return run_limited(_recognise, (report,), {"organisations": organisations, "events": events,
                                               "gazetteer": gazetteer, "report_date": report_date},
                       limits=limits, name=report.locator or "The report", doing="recognising what is named in",
                       refusal=IngestError, on_end=on_end)


def _recognise(report: ReportText, *, organisations, events, gazetteer: Gazetteer,
               report_date: str | None) -> Recognition:
    index = OrganisationIndex.from_rows(organisations, load_aliases())
    return recognise(report, organisations=index, events=events, report_date=report_date,
                     place_finder=gazetteer_place_finder(gazetteer))
