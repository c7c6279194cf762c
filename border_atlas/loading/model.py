"""The record and place model that renderers work with.

A :class:`Record` is one selected assignment with everything it names already looked up,
and a :class:`Place` one place to draw. Empty cells are None here and nowhere else treated
as missing: renderers test ``if record.partner_name:`` and use the wordings these carry.

>>> from border_atlas import FilterState, load_dataset, select
>>> [record] = select(load_dataset(), FilterState(orgs=("mirim",), exact_orgs=True)).record_list
>>> record.citation, record.period, record.partner_name
('Daily NK (English), 2018-02-28, ¶ 2, 8, 9', 'reported 2018-02-28', 'Mirim Shipping Company')
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

import numpy as np
import pandas as pd

from border_atlas.loading import dates
from border_atlas.text import wording


@dataclass(frozen=True)
class Place:
    """A place as the map draws it."""

    id: str
    name: str
    kind: str
    precision: str
    name_ko: str | None = None
    name_zh: str | None = None
    lat: float | None = None
    lon: float | None = None
    uncertainty_m: float | None = None
    parent_id: str | None = None
    parent_name: str | None = None
    n_records: int = 0
    contains: str | None = None  # the chosen places inside it, when it is drawn for containing them
    n_pending: int = 0  # of its records, those awaiting review
    area: str = ""  # for a province or county on the map: "outline" (drawn over it) or "point" (no outline)

    @property
    def approximate(self) -> bool:
        return self.area != "outline" and wording.is_approximate(self.precision)

    @property
    def local_names(self) -> list[str]:
        return [n for n in (self.name_ko, self.name_zh) if n]

    @property
    def position_text(self) -> str:
        position = wording.precision_text(self.precision, parent_name=self.parent_name,
                                          uncertainty_m=self.uncertainty_m)
        if self.area:
            return wording.area_text(self.kind, outlined=self.area == "outline", position=position)
        return position


@dataclass(frozen=True)
class Record:
    """One selected assignment: who, what, where, with whom, ordered by whom, when, from which source."""

    id: str
    org_id: str
    org_name: str
    org_short: str
    role: str
    summary: str
    reported: str
    source_id: str
    source_outlet: str
    paragraphs: str
    reliability: str
    credibility: int
    org_type: str | None = None
    partner_org_id: str | None = None
    partner_name: str | None = None
    partner_short: str | None = None
    partner_type: str | None = None
    ordered_by_org_id: str | None = None
    ordered_by_name: str | None = None
    place_id: str | None = None
    place_name: str | None = None
    place_name_ko: str | None = None
    place_kind: str | None = None
    place_precision: str | None = None
    place_lat: float | None = None
    place_lon: float | None = None
    place_uncertainty_m: float | None = None
    start: str | None = None
    end: str | None = None
    known_from: date | None = None
    known_to: date | None = None
    date_source_id: str | None = None
    source_title: str | None = None
    source_published: str | None = None
    note: str | None = None
    about_containing_area: bool = False  # selected because its place contains a chosen place
    review: str = "reviewed"  # or "pending", "sent back": saved, not yet approved by a second user

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"

    @property
    def citation(self) -> str:
        """"Daily NK (English), 2018-02-28, ¶ 2, 8, 9": for the map, tables and charts."""
        return wording.citation(self.source_outlet, self.source_published, self.paragraphs)

    @property
    def full_citation(self) -> str:
        """With the title and paragraphs in words: for files that leave the app."""
        return wording.citation(self.source_outlet, self.source_published, self.paragraphs, title=self.source_title)

    @property
    def period(self) -> str:
        return wording.period_text(self.start, self.end, self.reported)

    @property
    def period_years(self) -> str:
        return wording.period_text(self.start, self.end, self.reported, short=True)

    @property
    def position_text(self) -> str:
        return wording.precision_text(self.place_precision, uncertainty_m=self.place_uncertainty_m)

    @property
    def date_precision(self) -> str:
        """The finest precision its start or end is given to: "day", "month", "year", or "report date only"."""
        given = [dates.precision(d) for d in (self.start, self.end) if d]
        return min(given, key=dates.PRECISION_ORDER.index) if given else dates.REPORT_ONLY

    @property
    def has_position(self) -> bool:
        return self.place_lat is not None and self.place_lon is not None


_NUMBERS = {"place_lat", "place_lon", "place_uncertainty_m", "lat", "lon", "uncertainty_m"}
_DAYS = {"known_from", "known_to"}
_COUNTS = {"credibility", "n_records", "n_pending"}
_FLAGS = {"about_containing_area"}


def number_column(column: pd.Series) -> list[float | None]:
    """Each cell as a float, None where it is missing or not a number (infinities stay: they are numbers)."""
    values = pd.to_numeric(column, errors="coerce").astype("float64")
    return [None if v != v else v for v in values.tolist()]  # NaN is the only value unequal to itself


def _days(column: pd.Series) -> list:
    stamps = pd.to_datetime(column, errors="coerce")
    return [None if pd.isna(v) else v.date() for v in stamps.tolist()]


def count_column(column: pd.Series) -> list[int]:
    """Each cell as an int, 0 where it is not given."""
    return pd.to_numeric(column, errors="coerce").fillna(0).astype("int64").tolist()


def _texts(values: list) -> list[str | None]:
    return [v if type(v) is str and v.strip() else wording.text(v) for v in values]


def text_column(column: pd.Series) -> list[str | None]:
    """:func:`wording.text` of each cell, for a whole column; a string column is worded once per distinct value.

    The rows of one distinct value then share one str object, whose hash Python keeps, so that
    look-ups by value cost less.

    >>> text_column(pd.Series(["Hyesan", "  ", None, "Hyesan"], dtype="string"))
    ['Hyesan', None, None, 'Hyesan']
    """
    if not isinstance(column.dtype, pd.StringDtype):  # elsewhere 1 == 1.0 == True would share a code
        return _texts(column.tolist())
    codes, distinct = pd.factorize(column)
    worded = np.array([*_texts(distinct.tolist()), None], dtype=object)  # code -1 (missing) takes the last
    return worded[codes].tolist()


def _clean_column(name: str, column: pd.Series) -> list:
    if name in _NUMBERS:
        return number_column(column)
    if name in _DAYS:
        return _days(column)
    if name in _COUNTS:
        return count_column(column)
    if name in _FLAGS:
        return column.fillna(False).astype(bool).tolist()
    return text_column(column)


def _build(cls, frame: pd.DataFrame, **extra: list) -> list:
    """One ``cls`` per row of ``frame``, from its columns named like the fields (cleaned column by column)."""
    names = [f.name for f in fields(cls) if f.name in frame.columns and f.name not in extra]
    columns = [_clean_column(name, frame[name]) for name in names] + list(extra.values())
    names += list(extra)
    return [cls(**dict(zip(names, values))) for values in zip(*columns)] if len(frame) else []


def records_of(frame: pd.DataFrame) -> list[Record]:
    """The joined records of a selection as :class:`Record` values."""
    return _build(Record, frame)


def places_of(frame: pd.DataFrame, *, parent_names: dict[str, str] | None = None) -> list[Place]:
    """Rows of the places table as :class:`Place` values, each with its parent's name."""
    parent_names = parent_names or {}
    parent_ids = text_column(frame["parent_id"]) if "parent_id" in frame else [None] * len(frame)
    extra = {"parent_name": [parent_names.get(p) for p in parent_ids]}
    if "n_records" not in frame:
        extra["n_records"] = [0] * len(frame)
    return _build(Place, frame, **extra)
