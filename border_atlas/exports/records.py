"""One flat row per record, with its citation and grade: the shared core of the exports.

The rows are built a column at a time from the selection's joined records, with the values
:class:`border_atlas.model.Record` would give (None where a value is missing, numbers as
float, the credibility as int, the long citation of :func:`border_atlas.wording.citation`),
so that 100,000 records need no Python object per record until a writer asks for rows.

>>> from border_atlas import FilterState, load_dataset, select
>>> columns = flat_columns(select(load_dataset(), FilterState(orgs=("mirim",), exact_orgs=True)))
>>> columns["id"], columns["paragraphs"], columns["grade"], columns["end"]
(['pairing-2018-samsu'], ['2, 8, 9'], ['C3'], [None])
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from border_atlas.selection import Selection
from border_atlas.wording import citation, text

COLUMNS = [
    "id", "place_id", "place_name", "place_name_ko", "lat", "lon", "location_precision", "uncertainty_m",
    "org_id", "organisation", "role", "partner", "ordered_by", "summary", "start", "end", "reported",
    "source_id", "citation", "paragraphs", "grade", "reliability", "credibility", "note",
]
# Export column -> column of the joined records, for those copied as text.
TEXT_SOURCES = {
    "id": "id", "place_id": "place_id", "place_name": "place_name", "place_name_ko": "place_name_ko",
    "location_precision": "place_precision", "org_id": "org_id", "organisation": "org_name", "role": "role",
    "partner": "partner_name", "ordered_by": "ordered_by_name", "summary": "summary", "start": "start",
    "end": "end", "reported": "reported", "source_id": "source_id", "reliability": "reliability", "note": "note",
}
NUMBER_SOURCES = {"lat": "place_lat", "lon": "place_lon", "uncertainty_m": "place_uncertainty_m"}
CITATION_SOURCES = ("source_outlet", "source_published", "paragraphs", "source_title")


def _values(frame: pd.DataFrame, name: str) -> list:
    """A column as Python values; all None where the frame has no such column."""
    return frame[name].tolist() if name in frame.columns else [None] * len(frame)


def texts(values: list) -> list[str | None]:
    """:func:`border_atlas.wording.text` of each value, with the common case (a non-blank str) inline.

    >>> texts(["Hyesan", "  ", None, float("nan"), 3])
    ['Hyesan', None, None, None, '3']
    """
    return [v if type(v) is str and v.strip() else text(v) for v in values]


def text_column(frame: pd.DataFrame, name: str) -> list[str | None]:
    """:func:`texts` of a column; a string column is worded once per distinct value.

    The rows of one distinct value then share one str object, whose hash Python keeps: the
    look-ups the writers make by value cost less.
    """
    if name not in frame.columns:
        return [None] * len(frame)
    column = frame[name]
    if not isinstance(column.dtype, pd.StringDtype):  # elsewhere 1 == 1.0 == True would share a code
        return texts(column.tolist())
    codes, distinct = pd.factorize(column)
    worded = np.array([*texts(distinct.tolist()), None], dtype=object)  # code -1 (missing) takes the last
    return worded[codes].tolist()


def number_column(frame: pd.DataFrame, name: str) -> list[float | None]:
    """The column as floats, None where missing (infinities stay: they are numbers)."""
    if name not in frame.columns:
        return [None] * len(frame)
    numbers = frame[name].to_numpy(dtype="float64", na_value=np.nan).tolist()
    return [None if math.isnan(v) else v for v in numbers]


def _credibility(frame: pd.DataFrame) -> list[int]:
    """As :class:`~border_atlas.model.Record` holds it: an int, 0 where not given."""
    return [0 if v is None or pd.isna(v) else int(v) for v in _values(frame, "credibility")]


def _citations(frame: pd.DataFrame) -> tuple[list[str], list[str | None]]:
    """The long citation of each record (worded once per source and paragraphs), and its paragraphs as text."""
    outlets, published, paragraphs, titles = (text_column(frame, name) for name in CITATION_SOURCES)
    worded: dict[tuple, str] = {}
    cited = []
    for key in zip(outlets, published, paragraphs, titles):
        if key not in worded:
            worded[key] = citation(key[0], key[1], key[2], title=key[3])
        cited.append(worded[key])
    return cited, paragraphs


def flat_columns(selection: Selection) -> dict[str, list]:
    """Each of :data:`COLUMNS` as a list with one value per record, in the selection's order."""
    frame = selection.records
    columns: dict[str, list] = {name: text_column(frame, source) for name, source in TEXT_SOURCES.items()}
    columns.update({name: number_column(frame, source) for name, source in NUMBER_SOURCES.items()})
    columns["credibility"] = _credibility(frame)
    columns["citation"], paragraphs = _citations(frame)
    columns["paragraphs"] = [None if p is None else p.replace(";", ", ") for p in paragraphs]
    columns["grade"] = [f"{r}{c}" for r, c in zip(columns["reliability"], columns["credibility"])]
    return {name: columns[name] for name in COLUMNS}


def flat_records(selection: Selection) -> list[dict]:
    """Each record as a flat dict with :data:`COLUMNS` as keys; None where a value is not given."""
    columns = flat_columns(selection)
    return [dict(zip(COLUMNS, row)) for row in zip(*columns.values())]
