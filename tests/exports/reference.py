"""The exports' rows as the Record model gives them (the reference), and a synthetic archive full of gaps."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
from helpers import without_rows

from bench.synthetic import write_archive
from border_atlas import load_dataset
from border_atlas.loading.dataset import Dataset


def model_rows(selection) -> list[dict]:
    """The rows as the exports made them from ``Selection.record_list``: the reference."""
    return [{
        "id": r.id, "place_id": r.place_id, "place_name": r.place_name, "place_name_ko": r.place_name_ko,
        "lat": r.place_lat, "lon": r.place_lon, "location_precision": r.place_precision,
        "uncertainty_m": r.place_uncertainty_m, "about_containing_area": r.about_containing_area,
        "org_id": r.org_id, "organisation": r.org_name, "role": r.role,
        "partner": r.partner_name, "ordered_by": r.ordered_by_name, "summary": r.summary, "start": r.start,
        "end": r.end, "reported": r.reported, "source_id": r.source_id, "citation": r.full_citation,
        "paragraphs": r.paragraphs.replace(";", ", "), "grade": r.grade, "reliability": r.reliability,
        "credibility": r.credibility, "note": r.note, "review": r.review,
    } for r in selection.record_list]



def sparse_archive(folder) -> Dataset:
    """A synthetic archive with gaps: no position, blank and whitespace texts, untitled and missing sources."""
    dataset = load_dataset(write_archive(folder, n_records=1500, n_places=150, seed=3))
    places, sources, orgs = dataset.places.copy(), dataset.sources.copy(), dataset.organisations.copy()
    rng = np.random.default_rng(7)
    gaps = rng.random(len(places)) < 0.2
    places.loc[gaps, ["lat", "lon"]] = np.nan
    places.loc[rng.random(len(places)) < 0.3, "uncertainty_m"] = np.nan
    places.loc[rng.random(len(places)) < 0.3, "name_ko"] = np.nan
    places.loc[rng.random(len(places)) < 0.05, "name"] = "   "
    places.loc[places.index[:3], "lat"] = [math.inf, 95.0, -0.0]
    sources.loc[sources.index[0], "title"] = np.nan
    sources.loc[sources.index[1], "published"] = np.nan
    orgs.loc[orgs.index[0], "name"] = " "
    assignments = dataset.assignments.copy()
    assignments.loc[rng.random(len(assignments)) < 0.3, "note"] = np.nan
    assignments.loc[rng.random(len(assignments)) < 0.05, "summary"] = "\t"
    sparse = dataclasses.replace(dataset, places=places, sources=sources, organisations=orgs, assignments=assignments)
    return without_rows(without_rows(sparse, "places", *places["id"][5:8]), "sources", sources["id"].iloc[2])
