"""The data-quality panel: what in the selected records is approximate, imprecise or unverified."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from border_atlas.dataset import Dataset
from border_atlas.dates import PRECISION_ORDER, REPORT_ONLY
from border_atlas.selection import Selection
from border_atlas.wording import source_citation, text


def approximate_locations(selection: Selection) -> pd.DataFrame:
    """Records whose place has no exact position, with how it is approximated."""
    rows = [{"record": r.id, "place": r.place_name or "(no place)", "position": r.position_text,
             "uncertainty_km": None if r.place_uncertainty_m is None else r.place_uncertainty_m / 1000}
            for r in selection.record_list if r.place_precision != "point"]
    return pd.DataFrame(rows, columns=["record", "place", "position", "uncertainty_km"])


def date_precision(selection: Selection) -> pd.DataFrame:
    """How precisely each record is dated: day, month or year, or only by its report."""
    counts = Counter(r.date_precision for r in selection.record_list)
    order = [*PRECISION_ORDER, REPORT_ONLY]
    return pd.DataFrame({"dated to": order, "records": [counts.get(k, 0) for k in order]})


def unverified_claims(dataset: Dataset, selection: Selection | None = None) -> pd.DataFrame:
    """Claims reported but not confirmed: sanctions reported by one outlet, records below credibility 2."""
    orgs = dataset.organisations
    reported = orgs[orgs["sanctions_status"].eq("reported")].to_dict("records")
    rows = [{"claim": f"{row['name']}: sanctions designation", "status": "reported, not confirmed",
             "source": source_citation(dataset.sources, row["source_id"], row["paragraphs"]),
             "note": text(row["note"]) or ""} for row in reported]
    records = selection.records if selection is not None else dataset.assignments
    weak = records[records["credibility"] >= 3]
    rows.append({"claim": f"{len(weak)} of {len(records)} records graded credibility 3 or worse",
                 "status": "single source, not independently confirmed", "source": "see the records below",
                 "note": "Admiralty credibility 3 = possibly true"})
    return pd.DataFrame(rows)
