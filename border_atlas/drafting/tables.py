"""A draft: the new rows an analyst is about to add, one table per kind of row.

The draft's tables have the columns of the data tables (see :mod:`border_atlas.loading.schema`) plus
two of its own, never saved: ``found`` says where a proposal came from ("paragraph 8: 'units in
Hyetan'"), and ``confirmed`` (places only) is False where the gazetteer was not sure which
place a name means, until the analyst says so.

>>> draft = Draft.empty()
>>> draft.is_empty, list(draft.places.columns)[-2:]
(True, ['found', 'confirmed'])
>>> LABELS["assignments"]
'new assignments'
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from border_atlas.ingest.documents import ReportText
from border_atlas.loading import schema

TABLES = ("sources", "places", "organisations", "assignments")
LABELS = {"sources": "new sources", "places": "new places", "organisations": "new organisations",
          "assignments": "new assignments"}
FOUND = "found"
CONFIRMED = "confirmed"
DRAFT_ONLY = (FOUND, CONFIRMED)


def data_columns(table: str) -> list[str]:
    """The columns the data table declares, in order."""
    return [f.name for f in schema.TABLES[table]]


def draft_columns(table: str) -> list[str]:
    return [*data_columns(table), FOUND] + ([CONFIRMED] if table == "places" else [])


def frame_of(table: str, rows: list[dict] | None = None) -> pd.DataFrame:
    """A draft table from rows (missing values empty); places without ``confirmed`` are confirmed."""
    frame = pd.DataFrame(rows or [], columns=draft_columns(table), dtype=object)
    frame = frame.where(frame.notna(), None)
    if table == "places":
        frame[CONFIRMED] = frame[CONFIRMED].map(lambda v: v is not False and str(v).lower() != "false").astype(bool)
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class Draft:
    """New rows for four tables, and the report whose text is archived with them (if any).

    When ``report`` is given, the first row of ``sources`` is that report.
    """

    sources: pd.DataFrame
    places: pd.DataFrame
    organisations: pd.DataFrame
    assignments: pd.DataFrame
    report: ReportText | None = None

    @classmethod
    def empty(cls, *, report: ReportText | None = None) -> Draft:
        return cls(*(frame_of(table) for table in TABLES), report=report)

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)

    def replace(self, **changes) -> Draft:
        return dataclasses.replace(self, **changes)

    @property
    def report_source_id(self) -> str | None:
        """The id of the report's own source row, when there is a report and that row has an id."""
        if self.report is None or self.sources.empty:
            return None
        value = self.sources.iloc[0]["id"]
        return value.strip() if isinstance(value, str) and value.strip() else None

    @property
    def row_counts(self) -> dict[str, int]:
        return {table: len(self.table(table)) for table in TABLES}

    @property
    def is_empty(self) -> bool:
        return not any(self.row_counts.values())

    def with_rows(self, table: str, rows: list[dict]) -> Draft:
        """The draft with ``rows`` added at the end of ``table``."""
        added = frame_of(table, rows)
        frame = added if self.table(table).empty else pd.concat([self.table(table), added], ignore_index=True)
        return self.replace(**{table: frame})
