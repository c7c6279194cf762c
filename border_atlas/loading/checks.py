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
import pyarrow as pa
import pyarrow.compute as pc

from border_atlas.loading.dates import PARTIAL_DATE

# ASCII digits only: Python's float() and int() also read Arabic-Indic and full-width digits.
_DECIMAL = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_WHOLE = r"[+-]?[0-9]+"
FIRST_YEAR, LAST_YEAR = 1900, 2100
# C0 controls except tab and line breaks, DEL, bidirectional overrides and isolates (they can
# make text display as something else), and the byte-order mark.
HIDDEN_CHARACTERS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufeff]"
# Bytes that were not UTF-8, as Python decodes them with errors="surrogateescape".
UNDECODED_BYTES = "[\udc80-\udcff]"
# The same class as HIDDEN_CHARACTERS, written for Arrow's regular expressions (RE2).
_HIDDEN_RE2 = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x{202a}-\x{202e}\x{2066}-\x{2069}\x{feff}]"


def arrow_text(values: pd.Series) -> pa.Array:
    """A column as an Arrow string array, missing values as nulls (no copy for pandas' Arrow-backed text)."""
    return pa.array(values.astype("str"), from_pandas=True).cast(pa.large_string())


def _mask(found: pa.Array, index: pd.Index) -> pd.Series:
    """An Arrow boolean array as a pandas mask, null as False."""
    return pd.Series(found.fill_null(False).to_numpy(zero_copy_only=False), index=index, dtype=bool)


def fullmatch(values: pd.Series, pattern: str) -> pd.Series:
    """True where the whole text matches ``pattern`` (RE2 syntax; ASCII classes); False where it is missing.

    >>> fullmatch(pd.Series(["ab-1", "Ab", None]), "[a-z0-9]+(-[a-z0-9]+)*").tolist()
    [True, False, False]
    """
    return _mask(pc.match_substring_regex(arrow_text(values), f"^(?:{pattern})$"), values.index)


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
        readable = fullmatch(text, pattern)
        read = pc.if_else(pa.array(readable.to_numpy()), arrow_text(text), pa.scalar(None, pa.large_string()))
        numbers = pc.cast(read, pa.float64()).to_numpy(zero_copy_only=False)
        bad = present & ~(readable & np.isfinite(numbers))
        if dtype == "Int64":
            bad |= present & ~bad & ((numbers != np.round(numbers)) | (np.abs(numbers) >= 2**63))
        values = pd.Series(np.where(bad, np.nan, numbers), index=text.index)
        return (values.round() if dtype == "Int64" else values).astype(dtype), bad

    return convert


TEXT = Parser("str", "", _as_text)
NUMBER = Parser("float64", "is not a number", _as_number(_DECIMAL, "float64"))
WHOLE = Parser("Int64", "is not a whole number", _as_number(_WHOLE, "Int64"))


def partial_date_days(text: pd.Series, *, last: bool = False) -> pd.Series:
    """The first (or last) day each partial date covers, as datetimes; NaT where it is no date.

    Whole columns at once, in NumPy's calendar arithmetic: a year, a month and a day are cut
    out of the text and checked against the month's length.

    >>> [str(day.date()) if pd.notna(day) else None
    ...  for day in partial_date_days(pd.Series(["2018", "2018-02", "2018-02-30"]), last=True)]
    ['2018-12-31', '2018-02-28', None]
    """
    shaped = fullmatch(text, PARTIAL_DATE.pattern.strip("^$")).to_numpy()
    cells = pc.if_else(pa.array(shaped), arrow_text(text), pa.scalar("0001-01-01", pa.large_string()))
    length = pc.utf8_length(cells).to_numpy(zero_copy_only=False)
    padding = np.array(["", "-01", "-01-01"])[(length < 10).astype(int) + (length < 7)]
    padded = pc.binary_join_element_wise(cells, pa.array(padding, pa.large_string()), pa.scalar("", pa.large_string()))
    year, month, day = (pc.cast(pc.utf8_slice_codeunits(padded, start, stop), pa.int64()).to_numpy()
                        for start, stop in ((0, 4), (5, 7), (8, 10)))
    months = ((year - 1970) * 12 + np.clip(month, 1, 12) - 1).astype("datetime64[M]")
    month_start = months.astype("datetime64[D]")
    month_length = ((months + 1).astype("datetime64[D]") - month_start).astype(int)
    valid = shaped & (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= month_length)
    days = month_start + (day - 1).astype("timedelta64[D]")
    if last:
        year_end = ((year - 1970 + 1).astype("datetime64[Y]").astype("datetime64[D]") - 1)
        month_end = (months + 1).astype("datetime64[D]") - 1
        days = np.where(length == 4, year_end, np.where(length == 7, month_end, days))
    return pd.Series(np.where(valid, days, np.datetime64("NaT")).astype("datetime64[us]"), index=text.index)


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
    """The whole value matches ``regex`` (anchored with ^ and $; ASCII classes only)."""
    pattern = re.compile(regex, re.ASCII).pattern.strip("^$")
    return Check(lambda v: fullmatch(v, pattern), message)


def between(low: float, high: float, message: str) -> Check:
    return Check(lambda v: (v >= low) & (v <= high), message)


def at_least(low: float, message: str) -> Check:
    return Check(lambda v: v >= low, message)


FUTURE_MESSAGE = "lies in the future"


def not_after_today() -> Check:
    """For dates that a report or event already has: none lies in the future (so a result depends on the day)."""
    return Check(lambda v: partial_date_days(v) <= pd.Timestamp(date.today()), FUTURE_MESSAGE)


def hidden_character_message(char: str) -> str:
    if "\udc80" <= char <= "\udcff":
        return f"holds a byte that is not UTF-8 text (0x{ord(char) - 0xDC00:02X}); save the file as CSV UTF-8"
    return f"holds a control character (U+{ord(char):04X}) that can hide or disguise text"


def hidden_characters(text: pd.Series) -> pd.Series:
    """True where a text cell holds a character that has no place in the data.

    >>> hidden_characters(pd.Series(["ok", "a" + chr(0x202E) + "b", None, "bell" + chr(7)])).tolist()
    [False, True, False, True]
    """
    return _mask(pc.match_substring_regex(arrow_text(text), _HIDDEN_RE2), text.index)
