"""One flat row per record, with its citation and grade: the shared core of the exports."""

from __future__ import annotations

import pandas as pd

from border_atlas.selection import Selection


def citation(row) -> str:
    """"Daily NK (English), 'North Korean intel agency …', 2018-02-28, paragraphs 2, 8, 9"."""
    paragraphs = str(row["paragraphs"]).replace(";", ", ")
    return f"{row['source_outlet']}, '{row['source_title']}', {row['source_published']}, paragraphs {paragraphs}"


def _text(value):
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


COLUMNS = [
    "id", "place_id", "place_name", "place_name_ko", "lat", "lon", "location_precision", "uncertainty_m",
    "org_id", "organisation", "role", "partner", "ordered_by", "summary", "start", "end", "reported",
    "source_id", "citation", "paragraphs", "grade", "reliability", "credibility", "note",
]


def flat_records(selection: Selection) -> list[dict]:
    rows = []
    for row in selection.records.to_dict("records"):
        rows.append({
            "id": row["id"],
            "place_id": _text(row["place_id"]),
            "place_name": _text(row["place_name"]),
            "place_name_ko": _text(row["place_name_ko"]),
            "lat": None if pd.isna(row["place_lat"]) else float(row["place_lat"]),
            "lon": None if pd.isna(row["place_lon"]) else float(row["place_lon"]),
            "location_precision": _text(row["place_precision"]),
            "uncertainty_m": None if pd.isna(row["place_uncertainty_m"]) else float(row["place_uncertainty_m"]),
            "org_id": row["org_id"],
            "organisation": row["org_name"],
            "role": row["role"],
            "partner": _text(row["partner_name"]),
            "ordered_by": _text(row["ordered_by_name"]),
            "summary": row["summary"],
            "start": _text(row["start"]),
            "end": _text(row["end"]),
            "reported": row["reported"],
            "source_id": row["source_id"],
            "citation": citation(row),
            "paragraphs": str(row["paragraphs"]).replace(";", ", "),
            "grade": row["grade"],
            "reliability": row["reliability"],
            "credibility": int(row["credibility"]),
            "note": _text(row["note"]),
        })
    return rows
