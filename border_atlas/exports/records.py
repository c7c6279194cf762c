"""One flat row per record, with its citation and grade: the shared core of the exports.

The rows are built a column at a time from the selection's joined records, with the values
:class:`border_atlas.loading.model.Record` would give (None where a value is missing, numbers as
float, the credibility as int, the long citation of :func:`border_atlas.text.wording.citation`),
so that 100,000 records need no Python object per record until a writer asks for rows.

>>> from border_atlas import FilterState, load_dataset, select
>>> columns = flat_columns(select(load_dataset(), FilterState(orgs=("mirim",), exact_orgs=True)))
>>> columns["id"], columns["paragraphs"], columns["grade"], columns["end"]
(['pairing-2018-samsu'], ['2, 8, 9'], ['C3'], [None])
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from border_atlas.filters.selection import ABOUT_AREA, Selection
from border_atlas.loading.dataset import REVIEWED
from border_atlas.loading.model import count_column, number_column, text_column
from border_atlas.text.wording import citation

COLUMNS = [
    "id", "place_id", "place_name", "place_name_ko", "lat", "lon", "location_precision", "uncertainty_m",
    "about_containing_area", "org_id", "organisation", "role", "partner", "ordered_by", "summary", "start", "end",
    "reported", "source_id", "citation", "paragraphs", "grade", "reliability", "credibility", "note", "review",
]
# Export column -> column of the joined records, for those copied as text.
TEXT_SOURCES = {
    "id": "id", "place_id": "place_id", "place_name": "place_name", "place_name_ko": "place_name_ko",
    "location_precision": "place_precision", "org_id": "org_id", "organisation": "org_name", "role": "role",
    "partner": "partner_name", "ordered_by": "ordered_by_name", "summary": "summary", "start": "start",
    "end": "end", "reported": "reported", "source_id": "source_id", "reliability": "reliability", "note": "note",
    "review": "review",  # "reviewed", or "pending" / "sent back": saved, not yet approved by a second user
}
NUMBER_SOURCES = {"lat": "place_lat", "lon": "place_lon", "uncertainty_m": "place_uncertainty_m"}
CITATION_SOURCES = ("source_outlet", "source_published", "paragraphs", "source_title")


def _column(frame: pd.DataFrame, name: str, clean: Callable[[pd.Series], list]) -> list:
    """``clean`` of a column (values as :class:`~border_atlas.loading.model.Record` holds them); None if absent."""
    return clean(frame[name]) if name in frame.columns else [None] * len(frame)


def _citations(frame: pd.DataFrame) -> tuple[list[str], list[str | None]]:
    """The long citation of each record (worded once per source and paragraphs), and its paragraphs as text."""
    outlets, published, paragraphs, titles = (_column(frame, name, text_column) for name in CITATION_SOURCES)
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
    columns: dict[str, list] = {name: _column(frame, source, text_column) for name, source in TEXT_SOURCES.items()}
    columns.update({name: _column(frame, source, number_column) for name, source in NUMBER_SOURCES.items()})
    columns["credibility"] = [c or 0 for c in _column(frame, "credibility", count_column)]
    columns["citation"], paragraphs = _citations(frame)
    columns["paragraphs"] = [None if p is None else p.replace(";", ", ") for p in paragraphs]
    columns["review"] = [r or REVIEWED for r in columns["review"]]
    columns["grade"] = [f"{r}{c}" for r, c in zip(columns["reliability"], columns["credibility"])]
    # True where the record is about an area that contains a chosen place (it applies to all of the area).
    columns[ABOUT_AREA] = selection.column(ABOUT_AREA).tolist()
    return {name: columns[name] for name in COLUMNS}


def flat_records(selection: Selection) -> list[dict]:
    """Each record as a flat dict with :data:`COLUMNS` as keys; None where a value is not given."""
    columns = flat_columns(selection)
    return [dict(zip(COLUMNS, row)) for row in zip(*columns.values())]
