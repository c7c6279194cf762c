"""Partial ISO dates ("2018", "2018-02", "2018-02-28") and the periods they span.

The written form carries the precision: a year, a month or a day. A partial date covers a
span, so a period's earliest day comes from its start and its latest day from its end.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

PARTIAL_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
PRECISIONS = {4: "year", 7: "month", 10: "day"}
PRECISION_ORDER = ("day", "month", "year")
REPORT_ONLY = "report date only"


def is_partial_date(text: str) -> bool:
    """True for a real calendar date written as YYYY, YYYY-MM or YYYY-MM-DD."""
    if not isinstance(text, str) or not PARTIAL_DATE.match(text):
        return False
    try:
        first_day(text)
        last_day(text)
    except ValueError:
        return False
    return True


def precision(text: str | None) -> str | None:
    """``"year"``, ``"month"`` or ``"day"``; None for a missing date."""
    return PRECISIONS.get(len(text)) if text else None


def first_day(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return date(year, month, day)


def known_period(start: str | None, end: str | None, reported: str) -> tuple[date, date]:
    """The days over which a record is known to hold.

    A missing bound is replaced by the report date: a duty whose end is not reported is
    known to have held up to the report, not beyond it; one with neither bound is known
    only on the report date.
    """
    report_day = first_day(reported)
    lo = first_day(start) if start else (first_day(end) if end else report_day)
    hi = last_day(end) if end else max(lo, report_day)
    return lo, max(lo, hi)


def overlaps(lo: date, hi: date, range_start: date | None, range_end: date | None) -> bool:
    """Whether [lo, hi] meets [range_start, range_end]; None is an open bound."""
    return (range_start is None or hi >= range_start) and (range_end is None or lo <= range_end)
