"""The data-quality panel: what in the selected records is approximate, imprecise or unverified."""

from __future__ import annotations

import pandas as pd

from border_atlas.colours import PRECISION_LABELS
from border_atlas.dataset import Dataset
from border_atlas.dates import precision
from border_atlas.selection import Selection


def approximate_locations(selection: Selection) -> pd.DataFrame:
    """Records whose place has no exact position, with how it is approximated."""
    r = selection.records
    rows = r[r["place_precision"].ne("point") | r["place_id"].isna()]
    return pd.DataFrame({
        "record": rows["id"],
        "place": rows["place_name"].fillna("(no place)"),
        "position": rows["place_precision"].map(PRECISION_LABELS).fillna("not drawn: no position"),
        "uncertainty_km": pd.to_numeric(rows["place_uncertainty_m"], errors="coerce") / 1000,
    }).reset_index(drop=True)


def date_precision(selection: Selection) -> pd.DataFrame:
    """How precisely each record is dated: day, month or year, or only by its report."""
    labels = []
    for start, end in zip(selection.records["start"], selection.records["end"]):
        given = [precision(d) for d in (start, end) if isinstance(d, str)]
        labels.append(min(given, key=["day", "month", "year"].index) if given else "report date only")
    counts = pd.Series(labels, dtype="object").value_counts()
    order = ["day", "month", "year", "report date only"]
    return pd.DataFrame({"dated to": order, "records": [int(counts.get(k, 0)) for k in order]})


def unverified_claims(dataset: Dataset, selection: Selection | None = None) -> pd.DataFrame:
    """Claims reported but not confirmed: sanctions reported by one outlet, records below credibility 2."""
    rows = []
    orgs = dataset.organisations
    sources = dataset.sources.set_index("id")
    for row in orgs[orgs["sanctions_status"].eq("reported")].itertuples():
        rows.append({"claim": f"{row.name}: sanctions designation", "status": "reported, not confirmed",
                     "source": f"{sources['outlet'].get(row.source_id, row.source_id)}, ¶ "
                               f"{str(row.paragraphs).replace(';', ', ')}",
                     "note": row.note if isinstance(row.note, str) else ""})
    records = selection.records if selection is not None else dataset.assignments
    weak = records[records["credibility"] >= 3]
    rows.append({"claim": f"{len(weak)} of {len(records)} records graded credibility 3 or worse",
                 "status": "single source, not independently confirmed", "source": "see the records below",
                 "note": "Admiralty credibility 3 = possibly true"})
    return pd.DataFrame(rows)
