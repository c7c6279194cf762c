"""select(dataset, state) -> Selection: the filtered records joined with what they name."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from border_atlas import filters
from border_atlas.dataset import Dataset
from border_atlas.state import FilterState


@dataclass(frozen=True)
class Selection:
    """What the user's filters select. Every renderer takes one of these and nothing else."""

    records: pd.DataFrame  # one row per assignment, joined with names, places and sources
    places: pd.DataFrame  # places with at least one selected record, with "n_records"
    landmarks: pd.DataFrame  # places shown for orientation only, with "context" True for a shown place's parent
    sources: pd.DataFrame  # sources the records cite, numbered in "note_number"
    state: FilterState
    dataset: Dataset

    @property
    def count(self) -> int:
        return len(self.records)


def filter_assignments(dataset: Dataset, state: FilterState) -> pd.DataFrame:
    """Apply every filter in ``state`` to the assignments table."""
    rows = dataset.assignments
    if state.orgs:
        rows = filters.by_organisation(rows, dataset.organisations, state.orgs, exact=state.exact_orgs)
    if state.places:
        rows = filters.by_place(rows, dataset.places, state.places)
    if state.era and state.era in set(dataset.eras["id"]):
        rows = filters.by_era(rows, dataset.eras, state.era)
    if state.date_from or state.date_to:
        rows = filters.by_date_range(rows, state.date_from, state.date_to)
    if state.roles:
        rows = filters.by_role(rows, state.roles)
    if state.min_grade:
        rows = filters.by_min_grade(rows, state.min_grade)
    return rows


def _lookup(ids: pd.Series, values: pd.Series) -> pd.Series:
    """``values`` for each id; an id whose row was left out for a bad value shows as itself."""
    return ids.map(values).where(ids.isna() | ids.map(values).notna(), ids)


def _join(dataset: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    orgs = dataset.organisations.set_index("id")
    places = dataset.places.set_index("id")
    sources = dataset.sources.set_index("id")
    joined = rows.copy()
    short = orgs["short_name"].fillna(orgs["name"])
    for column, prefix in (("org_id", "org"), ("partner_org_id", "partner"), ("ordered_by_org_id", "ordered_by")):
        joined[f"{prefix}_name"] = _lookup(joined[column], orgs["name"])
        joined[f"{prefix}_short"] = _lookup(joined[column], short)
    joined["org_type"] = joined["org_id"].map(orgs["type"])
    joined["partner_type"] = joined["partner_org_id"].map(orgs["type"])
    for column in ("lat", "lon", "precision", "uncertainty_m", "kind", "name_ko"):
        joined[f"place_{column}"] = joined["place_id"].map(places[column])
    joined["place_name"] = _lookup(joined["place_id"], places["name"])
    for column in ("outlet", "title", "published"):
        joined[f"source_{column}"] = joined["source_id"].map(sources[column])
    joined["source_outlet"] = _lookup(joined["source_id"], sources["outlet"])
    joined["grade"] = joined["reliability"] + joined["credibility"].astype("string")
    return joined.sort_values(["known_from", "id"]).reset_index(drop=True)


def select(dataset: Dataset, state: FilterState) -> Selection:
    """The records, places and sources that ``state`` selects from ``dataset``."""
    records = _join(dataset, filter_assignments(dataset, state))
    counts = records.groupby("place_id").size()
    places = dataset.places[dataset.places["id"].isin(counts.index)].copy()
    places["n_records"] = places["id"].map(counts).astype(int)
    # A place drawn at its parent's point needs the parent on the map to make sense.
    parents = set(places.loc[places["precision"] == "parent", "parent_id"].dropna()) - set(places["id"])
    named = set(dataset.assignments["place_id"].dropna())
    unnamed = ~dataset.places["id"].isin(named) if state.landmarks and not state.places else False
    landmarks = dataset.places[dataset.places["id"].isin(parents) | unnamed].copy()
    landmarks["context"] = landmarks["id"].isin(parents)
    cited = list(dict.fromkeys(records["source_id"].tolist() + records["date_source_id"].dropna().tolist()))
    # A cited source whose row was left out is still listed, under its id.
    sources = dataset.sources.set_index("id").reindex(cited).rename_axis("id").reset_index()
    sources["outlet"] = sources["outlet"].fillna(sources["id"])
    sources["title"] = sources["title"].fillna("(its row in sources.csv was left out: see the data problems)")
    sources["note_number"] = range(1, len(sources) + 1)
    return Selection(records, places.reset_index(drop=True), landmarks.reset_index(drop=True),
                     sources, state, dataset)
