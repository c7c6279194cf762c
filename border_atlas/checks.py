"""Value rules for the tables, each a vectorised test over a whole column.

A :class:`Parser` turns a text column into its type (number, whole number, date) and tells
which cells it could not read; a :class:`Check` tells which typed values break a rule. Both
work on whole columns at once, so a table of a million rows is checked in pandas, not in a
Python loop, and only the cells that fail are looked at one by one to word the message.

>>> import pandas as pd
>>> column = pd.Series(["41.4", "95.2", "٤١", "inf", pd.NA])
>>> values, unreadable = NUMBER.parse(column)
>>> list(unreadable)
[False, False, True, True, False]
>>> list(between(-90, 90, "latitude must be between -90 and 90").fails(values))
[False, True, False, False, False]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from border_atlas.dates import PARTIAL_DATE

# ASCII digits only: Python's float() and int() also read Arabic-Indic and full-width digits.
_DECIMAL = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_WHOLE = r"[+-]?[0-9]+"
FIRST_YEAR, LAST_YEAR = 1900, 2100
# C0 controls except tab and line breaks, DEL, bidirectional overrides and isolates (they can
# make text display as something else), and the byte-order mark.
HIDDEN_CHARACTERS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufeff]"
# Bytes that were not UTF-8, as Python decodes them with errors="surrogateescape".
UNDECODED_BYTES = "[\udc80-\udcff]"


@dataclass(frozen=True)
class Parser:
    """Text -> typed column. ``parse`` returns the values and a mask of unreadable cells."""

    dtype: str
    message: str
    convert: Callable[[pd.Series], tuple[pd.Series, pd.Series]]

    def parse(self, text: pd.Series) -> tuple[pd.Series, pd.Series]:
        return self.convert(text)


def _as_text(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    return text.astype("str"), pd.Series(False, index=text.index)


def _as_number(pattern: str, dtype: str) -> Callable[[pd.Series], tuple[pd.Series, pd.Series]]:
    def convert(text: pd.Series) -> tuple[pd.Series, pd.Series]:
        present = text.notna()
        readable = text.astype("str").str.fullmatch(pattern).fillna(False).astype(bool)
        values = pd.to_numeric(text.where(present & readable), errors="coerce")
        finite = pd.Series(np.isfinite(values.to_numpy(dtype="float64", na_value=np.nan)), index=text.index)
        bad = present & ~(readable & finite)
        if dtype == "Int64":
            bad |= present & ~bad & (values != values.round())
        return values.where(~bad).astype(dtype), bad

    return convert


TEXT = Parser("str", "", _as_text)
NUMBER = Parser("float64", "is not a number", _as_number(_DECIMAL, "float64"))
WHOLE = Parser("Int64", "is not a whole number", _as_number(_WHOLE, "Int64"))


def partial_date_days(text: pd.Series, *, last: bool = False) -> pd.Series:
    """The first (or last) day each partial date covers, as datetimes; NaT where it is no date.

    >>> [str(day.date()) if pd.notna(day) else None
    ...  for day in partial_date_days(pd.Series(["2018", "2018-02", "2018-02-30"]), last=True)]
    ['2018-12-31', '2018-02-28', None]
    """
    text = text.astype("str")
    shape = text.str.fullmatch(PARTIAL_DATE.pattern.strip("^$")).fillna(False).astype(bool)
    length = text.str.len()
    padded = text.where(length != 4, text + "-01-01").where(length != 7, text + "-01")
    first = pd.to_datetime(padded.where(shape), format="%Y-%m-%d", errors="coerce")
    if not last:
        return first
    end = first.where(length != 4, first + pd.offsets.YearEnd(0))
    return end.where(length != 7, first + pd.offsets.MonthEnd(0))


def _as_date(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    days = partial_date_days(text)
    bad = text.notna() & (days.isna() | (days.dt.year < FIRST_YEAR) | (days.dt.year > LAST_YEAR))
    return text.astype("str").where(~bad), bad


DATE = Parser("str", f"is not a date written YYYY, YYYY-MM or YYYY-MM-DD between {FIRST_YEAR} and {LAST_YEAR}",
              _as_date)


@dataclass(frozen=True)
class Check:
    """A rule on typed values; ``fails`` is True where a present value breaks it."""

    test: Callable[[pd.Series], pd.Series]  # True where the value is fine
    message: str

    def fails(self, values: pd.Series) -> pd.Series:
        present = values.notna()
        ok = self.test(values.where(present))
        return present & ~ok.fillna(True).astype(bool)


def one_of(values: Iterable) -> Check:
    allowed = tuple(values)
    return Check(lambda v: v.isin(allowed), f"must be one of: {', '.join(map(str, allowed))}")


def matches(regex: str, message: str) -> Check:
    compiled = re.compile(regex, re.ASCII)
    return Check(lambda v: v.astype("str").str.fullmatch(compiled.pattern.strip("^$"), flags=re.ASCII), message)


def between(low: float, high: float, message: str) -> Check:
    return Check(lambda v: (v >= low) & (v <= high), message)


def at_least(low: float, message: str) -> Check:
    return Check(lambda v: v >= low, message)


def not_after_today() -> Check:
    """For dates that a report or event already has: none lies in the future."""
    return Check(lambda v: partial_date_days(v) <= pd.Timestamp(date.today()), "lies in the future")


def hidden_character_message(char: str) -> str:
    if "\udc80" <= char <= "\udcff":
        return f"holds a byte that is not UTF-8 text (0x{ord(char) - 0xDC00:02X}); save the file as CSV UTF-8"
    return f"holds a control character (U+{ord(char):04X}) that can hide or disguise text"


def hidden_characters(text: pd.Series) -> pd.Series:
    """True where a text cell holds a character that has no place in the data."""
    return text.astype("str").str.contains(HIDDEN_CHARACTERS, regex=True).fillna(False).astype(bool)
