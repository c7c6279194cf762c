"""select(dataset, state) -> Selection: the filtered records joined with what they name.

Filtering loops over the declared filters (:data:`~border_atlas.filters.FILTERS`); each one
is a vectorised pandas operation on the assignments table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from border_atlas.dataset import Dataset
from border_atlas.filters import FilterState
from border_atlas.model import Place, Record, places_of, records_of


@dataclass(frozen=True)
class Selection:
    """What the user's filters select. Every renderer takes one of these and nothing else."""

    records: pd.DataFrame  # one row per assignment, joined with names, places and sources
    places: pd.DataFrame  # places with at least one selected record, with "n_records"
    landmarks: pd.DataFrame  # places with no selected record; "context" is True for a drawn place's parent
    sources: pd.DataFrame  # sources the records cite, numbered in "note_number"
    state: FilterState
    dataset: Dataset

    @property
    def count(self) -> int:
        return len(self.records)

    @cached_property
    def record_list(self) -> list[Record]:
        return records_of(self.records)

    @cached_property
    def place_names(self) -> dict[str, str]:
        return dict(zip(self.dataset.places["id"], self.dataset.places["name"]))

    @cached_property
    def place_list(self) -> list[Place]:
        return places_of(self.places, parent_names=self.place_names)

    @cached_property
    def landmark_list(self) -> list[Place]:
        return places_of(self.landmarks, parent_names=self.place_names)


def filter_assignments(dataset: Dataset, state: FilterState) -> pd.DataFrame:
    """Apply every active filter in ``state`` to the assignments table."""
    rows = dataset.assignments
    for spec, value in state.active():
        rows = spec.apply(rows, value, dataset, state)
    return rows


def _lookup(ids: pd.Series, values: pd.Series) -> pd.Series:
    """``values`` for each id; an id whose row was left out for a bad value shows as itself."""
    found = ids.map(values)
    return found.where(ids.isna() | found.notna(), ids)


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
    for column in ("title", "published"):
        joined[f"source_{column}"] = joined["source_id"].map(sources[column])
    joined["source_outlet"] = _lookup(joined["source_id"], sources["outlet"])
    joined["grade"] = joined["reliability"] + joined["credibility"].astype("string")
    return joined.sort_values(["known_from", "id"]).reset_index(drop=True)


def _cited_sources(dataset: Dataset, records: pd.DataFrame) -> pd.DataFrame:
    cited = list(dict.fromkeys(records["source_id"].tolist() + records["date_source_id"].dropna().tolist()))
    # A cited source whose row was left out is still listed, under its id.
    sources = dataset.sources.set_index("id").reindex(cited).rename_axis("id").reset_index()
    sources["outlet"] = sources["outlet"].fillna(sources["id"])
    sources["title"] = sources["title"].fillna("(its row in sources.csv was left out: see the data problems)")
    sources["note_number"] = range(1, len(sources) + 1)
    return sources


def select(dataset: Dataset, state: FilterState) -> Selection:
    """The records, places and sources that ``state`` selects from ``dataset``."""
    records = _join(dataset, filter_assignments(dataset, state))
    counts = records.groupby("place_id").size()
    places = dataset.places[dataset.places["id"].isin(counts.index)].copy()
    places["n_records"] = places["id"].map(counts).astype(int)
    # A place drawn at its parent's point needs the parent on the map to make sense.
    parents = set(places.loc[places["precision"] == "parent", "parent_id"].dropna()) - set(places["id"])
    named = set(dataset.assignments["place_id"].dropna())
    unnamed = ~dataset.places["id"].isin(named) if not state.places else False
    landmarks = dataset.places[dataset.places["id"].isin(parents) | unnamed].copy()
    landmarks["context"] = landmarks["id"].isin(parents)
    return Selection(records, places.reset_index(drop=True), landmarks.reset_index(drop=True),
                     _cited_sources(dataset, records), state, dataset)
