"""Playback windows: a month, a quarter or a year, moving (one at a time) or growing (all up to it).

Windows are calendar months, quarters and years; playback steps by one window. A growing window
holds everything up to the end of its frame, so the map fills up as it plays.

>>> w = Window("quarter", date(2018, 2, 14))
>>> w.start, w.bounds(), window_label(w)
(datetime.date(2018, 1, 1), (datetime.date(2018, 1, 1), datetime.date(2018, 3, 31)), '2018 Q1')
>>> Window("year", date(2018, 5, 1), growing=True).bounds()
(None, datetime.date(2018, 12, 31))
>>> [d.isoformat() for d in frame_starts(date(2017, 11, 3), date(2018, 2, 1), "month")]
['2017-11-01', '2017-12-01', '2018-01-01', '2018-02-01']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from border_atlas.loading.dataset import Dataset

LENGTHS = ("month", "quarter", "year")
MONTHS = {"month": 1, "quarter": 3, "year": 12}
MAX_FRAMES = 1200  # a century of months: a window list longer than this is cut at its end


def align(day: date, length: str) -> date:
    """The first day of the month, quarter or year that holds ``day``."""
    months = MONTHS[length]
    return date(day.year, (day.month - 1) // months * months + 1, 1)


def advance(start: date, length: str, steps: int = 1) -> date:
    """The first day of the window ``steps`` windows after the one starting on ``start``."""
    index = start.year * 12 + start.month - 1 + MONTHS[length] * steps
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Window:
    """One window of the playback; ``start`` is aligned to its month, quarter or year."""

    length: str
    start: date
    growing: bool = False

    def __post_init__(self):
        if self.length not in LENGTHS:
            raise ValueError(f"a window is a {', '.join(LENGTHS)}, not {self.length!r}")
        object.__setattr__(self, "start", align(self.start, self.length))

    @property
    def end(self) -> date:
        return advance(self.start, self.length) - timedelta(days=1)

    def bounds(self) -> tuple[date | None, date]:
        """The days a record's known period must meet to be drawn (a growing window has no first day)."""
        return (None if self.growing else self.start), self.end

    def __str__(self) -> str:
        return (f"up to {window_label(self)} (growing by {self.length})" if self.growing
                else f"{window_label(self)} (a {self.length} at a time)")


def window_label(window: Window) -> str:
    """"February 2018", "2018 Q1" or "2018": the date stamp of a window."""
    start = window.start
    if window.length == "month":
        return f"{start:%B %Y}"
    if window.length == "quarter":
        return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


def frame_starts(first: date, last: date, length: str) -> list[date]:
    """The windows' first days from the one holding ``first`` to the one holding ``last``."""
    starts, day = [], align(first, length)
    while day <= last and len(starts) < MAX_FRAMES:
        starts.append(day)
        day = advance(day, length)
    return starts


def play_span(dataset: Dataset, today: date | None = None) -> tuple[date, date]:
    """From the earliest day a record is known to hold to today (or the latest such day, if later)."""
    today = today or date.today()
    rows = dataset.assignments
    if rows.empty or rows["known_from"].isna().all():
        return today, today
    first = rows["known_from"].min().date()
    return first, max(today, rows["known_to"].max().date())
