"""One flat row per record, with its citation and grade: the shared core of the exports."""

from __future__ import annotations

from border_atlas.selection import Selection

COLUMNS = [
    "id", "place_id", "place_name", "place_name_ko", "lat", "lon", "location_precision", "uncertainty_m",
    "org_id", "organisation", "role", "partner", "ordered_by", "summary", "start", "end", "reported",
    "source_id", "citation", "paragraphs", "grade", "reliability", "credibility", "note",
]


def flat_records(selection: Selection) -> list[dict]:
    """Each record as a flat dict with :data:`COLUMNS` as keys; None where a value is not given."""
    return [{
        "id": r.id,
        "place_id": r.place_id,
        "place_name": r.place_name,
        "place_name_ko": r.place_name_ko,
        "lat": r.place_lat,
        "lon": r.place_lon,
        "location_precision": r.place_precision,
        "uncertainty_m": r.place_uncertainty_m,
        "org_id": r.org_id,
        "organisation": r.org_name,
        "role": r.role,
        "partner": r.partner_name,
        "ordered_by": r.ordered_by_name,
        "summary": r.summary,
        "start": r.start,
        "end": r.end,
        "reported": r.reported,
        "source_id": r.source_id,
        "citation": r.full_citation,
        "paragraphs": r.paragraphs.replace(";", ", "),
        "grade": r.grade,
        "reliability": r.reliability,
        "credibility": r.credibility,
        "note": r.note,
    } for r in selection.record_list]
