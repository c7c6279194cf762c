"""The data-quality panel: what in the selected records is approximate, imprecise or unverified.

Every figure is counted from whole columns of the selection; a table lists places, never one row
per record, so the panel costs the same at 100 records and at 100,000.
"""

from __future__ import annotations

import pandas as pd

from border_atlas.filters.selection import Selection
from border_atlas.loading.dataset import Dataset
from border_atlas.loading.dates import PRECISION_ORDER, PRECISIONS, REPORT_ONLY
from border_atlas.text.wording import precision_text, source_citation, text

PLACES_LISTED = 200  # rows of the approximate-locations table; the rest are counted in its caption


def approximate_locations(selection: Selection, *, limit: int = PLACES_LISTED) -> pd.DataFrame:
    """Places of the selected records that have no exact position, with how each is approximated and
    how many records are there; the ``limit`` places with most records (``attrs["places"]``: all of them)."""
    places = selection.places
    approximate = places[places["precision"].astype("string").fillna("") != "point"]
    approximate = approximate.sort_values("n_records", ascending=False, kind="stable")
    shown = approximate.head(limit)
    frame = pd.DataFrame({
        "place": shown["name"].astype("string").fillna("(no name)").tolist(),
        "position": [precision_text(p, parent_name=selection.place_names.get(parent), uncertainty_m=u)
                     for p, parent, u in zip(shown["precision"], shown["parent_id"], shown["uncertainty_m"])],
        "uncertainty_km": (pd.to_numeric(shown["uncertainty_m"], errors="coerce") / 1000).tolist(),
        "records": shown["n_records"].astype(int).tolist(),
    }, columns=["place", "records", "position", "uncertainty_km"])  # the count before the long text
    unplaced = int(selection.column("place_id").isna().sum())
    if unplaced and len(frame) < limit:
        frame.loc[len(frame)] = ["(no place)", unplaced, precision_text(None), None]
    frame.attrs["places"] = len(approximate) + (1 if unplaced else 0)
    return frame


def _finest_precision(selection: Selection) -> pd.Series:
    """Each record's finest date precision, from the lengths of its start and end ("2018-02" is a month)."""
    ranks = {len_: PRECISION_ORDER.index(name) for len_, name in PRECISIONS.items()}
    rank = [selection.column(c).astype("string").str.len().map(ranks) for c in ("start", "end")]
    finest = pd.concat(rank, axis=1).min(axis=1)
    return finest.map(dict(enumerate(PRECISION_ORDER))).fillna(REPORT_ONLY)


def date_precision(selection: Selection) -> pd.DataFrame:
    """How precisely each record is dated: day, month or year, or only by its report."""
    counts = _finest_precision(selection).value_counts()
    order = [*PRECISION_ORDER, REPORT_ONLY]
    return pd.DataFrame({"dated to": order, "records": [int(counts.get(k, 0)) for k in order]})


def unverified_claims(dataset: Dataset, selection: Selection | None = None) -> pd.DataFrame:
    """Claims reported but not confirmed: sanctions reported by one outlet, records below credibility 2."""
    orgs = dataset.organisations
    reported = orgs[orgs["sanctions_status"].eq("reported")].to_dict("records")
    rows = [{"claim": f"{row['name']}: sanctions designation", "status": "reported, not confirmed",
             "source": source_citation(dataset.sources, row["source_id"], row["paragraphs"]),
             "note": text(row["note"]) or ""} for row in reported]
    credibility = selection.column("credibility") if selection is not None else dataset.assignments["credibility"]
    weak = int((credibility >= 3).sum())
    rows.append({"claim": f"{weak:,} of {len(credibility):,} records graded credibility 3 or worse",
                 "status": "single source, not independently confirmed", "source": "see the records below",
                 "note": "Admiralty credibility 3 = possibly true"})
    return pd.DataFrame(rows)
