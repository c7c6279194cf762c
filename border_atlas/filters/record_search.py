"""Finding a record by a few letters of its id, summary, place or organisation (for the History page).

>>> import pandas as pd
>>> records = pd.DataFrame({"id": ["a-1", "b-2"], "summary": ["Opened an office", "Closed"],
...                         "place_id": ["hyesan", "kapsan"], "org_id": ["mss", "mss"]})
>>> find_records(records, "HYESAN").ids
['a-1']
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

SEARCHED = ("id", "summary", "place_id", "org_id")
LISTED = 200  # choices offered at once; a narrower search finds the rest


@dataclass(frozen=True)
class Found:
    ids: list[str]
    total: int  # records that match, of which the first ``LISTED`` are in ``ids``


def find_records(records: pd.DataFrame, text: str, *, limit: int = LISTED) -> Found:
    """The ids of the records whose id, summary, place or organisation holds ``text`` (any case), in table order."""
    wanted = (text or "").strip().casefold()
    if not wanted:
        matches = records["id"]
    else:
        hit = pd.Series(False, index=records.index)
        for column in (c for c in SEARCHED if c in records):
            hit |= records[column].fillna("").astype(str).str.casefold().str.contains(wanted, regex=False)
        matches = records.loc[hit, "id"]
    return Found([str(i) for i in matches.iloc[:limit]], len(matches))


def record_label(records: pd.DataFrame, record_id: str, *, width: int = 90) -> str:
    """"hyesan-x — Opened an office there…": the id and the start of its summary."""
    summaries = records.loc[records["id"] == record_id, "summary"]
    summary = str(summaries.iloc[0]) if len(summaries) and pd.notna(summaries.iloc[0]) else ""
    summary = " ".join(summary.split())
    cut = summary if len(summary) <= width else summary[:width - 1].rstrip() + "…"
    return f"{record_id} — {cut}" if cut else record_id
