"""select(dataset, state) -> Selection: the filtered records joined with what they name.

Filtering loops over the declared filters (:data:`~border_atlas.filters.FILTERS`); each one
is a vectorised pandas operation on the assignments table. The records are joined with the
names, places and sources they cite once per dataset, in their final order; a selection holds
the positions of its rows in that table and builds its own ``records`` frame only when asked,
so that a renderer needing two columns of 100,000 records (the map) never copies the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from border_atlas.filters import FilterState
from border_atlas.loading.dataset import REVIEW, REVIEWED, Dataset
from border_atlas.loading.hierarchy import containing_areas
from border_atlas.loading.model import Place, Record, places_of, records_of
from border_atlas.loading.validation import is_one_of

ABOUT_AREA = "about_containing_area"  # the column that marks a record selected for its place containing a chosen one


@dataclass(frozen=True)
class Selection:
    """What the user's filters select. Every renderer takes one of these and nothing else."""

    places: pd.DataFrame  # places with at least one selected record, with "n_records"
    landmarks: pd.DataFrame  # places with no selected record; "context" is True for a drawn place's parent
    sources: pd.DataFrame  # sources the records cite, numbered in "note_number"
    state: FilterState
    dataset: Dataset
    rows: np.ndarray | None = None  # positions in joined_records(dataset) of the selected records; None: all
    # Places that contain a chosen place, each with the chosen places inside it: their records are
    # selected because they apply to all of the area (see containing_areas).
    containing: dict[str, list[str]] = field(default_factory=dict)

    @cached_property
    def records(self) -> pd.DataFrame:
        """One row per selected assignment, joined with names, places and sources, in date order,
        with ``about_containing_area`` True where its place contains a chosen place."""
        joined = joined_records(self.dataset)
        records = joined if self.rows is None else joined.take(self.rows).reset_index(drop=True)
        return records.assign(**{ABOUT_AREA: self._about_area(records["place_id"])})

    def _about_area(self, place_ids: pd.Series) -> pd.Series:
        return place_ids.isin(list(self.containing)).fillna(False).astype(bool)

    def column(self, name: str) -> pd.Series:
        """One column of :attr:`records`, without building the others."""
        if "records" in self.__dict__:
            return self.records[name]
        if name == ABOUT_AREA:
            return self._about_area(_column(self.dataset, self.rows, "place_id"))
        return _column(self.dataset, self.rows, name)

    def records_at(self, positions: np.ndarray) -> list[Record]:
        """The selected records at ``positions`` (0 is the earliest), without building the others."""
        if "records" in self.__dict__:
            return records_of(self.records.take(positions))
        joined = joined_records(self.dataset)
        frame = joined.take(positions if self.rows is None else self.rows[positions])
        return records_of(frame.assign(**{ABOUT_AREA: self._about_area(frame["place_id"])}))

    def positions_at(self, place_id: str) -> np.ndarray:
        """Positions (as :meth:`records_at` takes them) of the selected records at one place."""
        return np.flatnonzero((self.column("place_id") == place_id).fillna(False).to_numpy())

    @property
    def count(self) -> int:
        return len(joined_records(self.dataset)) if self.rows is None else len(self.rows)

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


def filter_assignments(dataset: Dataset, state: FilterState, rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Apply every active filter in ``state`` to ``rows`` (the assignments table by default)."""
    rows = dataset.assignments if rows is None else rows
    for spec, value in state.active():
        rows = spec.apply(rows, value, dataset, state)
    return rows


def _take(values: pd.Series, at: np.ndarray, index: pd.Index) -> pd.Series:
    """``values`` at the positions ``at``; missing where a position is -1."""
    return pd.Series(values.array.take(at, allow_fill=True), index=index, name=values.name)


def _lookup(ids: pd.Series, table: pd.DataFrame, column: str) -> pd.Series:
    """``column`` of the row each id names; an id whose row was left out for a bad value shows as itself."""
    found = _take(table[column], pd.Index(table["id"]).get_indexer(ids), ids.index)
    return found.where(ids.isna() | found.notna(), ids)


def _join(dataset: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    orgs, places, sources = dataset.organisations, dataset.places, dataset.sources
    joined = rows.copy()
    short = orgs.assign(short_name=orgs["short_name"].fillna(orgs["name"]))
    for column, prefix in (("org_id", "org"), ("partner_org_id", "partner"), ("ordered_by_org_id", "ordered_by")):
        joined[f"{prefix}_name"] = _lookup(joined[column], orgs, "name")
        joined[f"{prefix}_short"] = _lookup(joined[column], short, "short_name")
    org_at = {column: pd.Index(orgs["id"]).get_indexer(joined[column]) for column in ("org_id", "partner_org_id")}
    joined["org_type"] = _take(orgs["type"], org_at["org_id"], joined.index)
    joined["partner_type"] = _take(orgs["type"], org_at["partner_org_id"], joined.index)
    place_at = pd.Index(places["id"]).get_indexer(joined["place_id"])
    for column in ("lat", "lon", "precision", "uncertainty_m", "kind", "name_ko"):
        joined[f"place_{column}"] = _take(places[column], place_at, joined.index)
    joined["place_name"] = _lookup(joined["place_id"], places, "name")
    source_at = pd.Index(sources["id"]).get_indexer(joined["source_id"])
    for column in ("title", "published"):
        joined[f"source_{column}"] = _take(sources[column], source_at, joined.index)
    joined["source_outlet"] = _lookup(joined["source_id"], sources, "outlet")
    joined["grade"] = joined["reliability"] + joined["credibility"].astype("string")
    return joined.sort_values(["known_from", "id"]).reset_index(drop=True)


def joined_records(dataset: Dataset) -> pd.DataFrame:
    """Every record joined with the names, places and sources it cites, in date order (made once per dataset)."""
    if "joined_records" not in dataset.derived:
        dataset.derived["joined_records"] = _join(dataset, dataset.assignments)
    return dataset.derived["joined_records"]


def _column(dataset: Dataset, rows: np.ndarray | None, name: str) -> pd.Series:
    """One column of the joined records at ``rows`` (all of it for None)."""
    values = joined_records(dataset)[name]
    return values if rows is None else values.take(rows).reset_index(drop=True)


def _named_places(dataset: Dataset) -> pd.Series:
    """Whether each place is named by any record, whatever the filters (made once per dataset)."""
    if "named_places" not in dataset.derived:
        named = dataset.assignments["place_id"].dropna().unique()
        dataset.derived["named_places"] = is_one_of(dataset.places["id"], named)
    return dataset.derived["named_places"]


def _cited_sources(dataset: Dataset, source_ids: pd.Series, date_source_ids: pd.Series) -> pd.DataFrame:
    cited = pd.concat([source_ids, date_source_ids.dropna()], ignore_index=True).unique()
    # A cited source whose row was left out is still listed, under its id.
    sources = dataset.sources.set_index("id").reindex(pd.Index(cited, dtype="str")).rename_axis("id").reset_index()
    sources["outlet"] = sources["outlet"].fillna(sources["id"])
    sources["title"] = sources["title"].fillna("(its row in sources.csv was left out: see the data problems)")
    sources["note_number"] = range(1, len(sources) + 1)
    return sources


def _selected_rows(dataset: Dataset, state: FilterState) -> np.ndarray | None:
    """Positions in :func:`joined_records` of the records ``state`` keeps; None when no filter is active.

    The filters see the assignments' own columns only (and the joined table's row numbers as
    the index), so that each step copies those and not the joined names.
    """
    if not list(state.active()):
        return None
    joined = joined_records(dataset)
    return filter_assignments(dataset, state, joined[list(dataset.assignments.columns)]).index.to_numpy()


def select(dataset: Dataset, state: FilterState) -> Selection:
    """The records, places and sources that ``state`` selects from ``dataset``."""
    rows = _selected_rows(dataset, state)
    counts = _column(dataset, rows, "place_id").value_counts(sort=False)
    at = pd.Index(counts.index).get_indexer(dataset.places["id"])
    places = dataset.places[at >= 0].copy()
    places["n_records"] = counts.to_numpy()[at[at >= 0]].astype(int)
    places["n_pending"] = _pending_counts(dataset, rows, places["id"])
    # A place drawn at its parent's point needs the parent on the map to make sense.
    parents = places.loc[places["precision"] == "parent", "parent_id"].dropna()
    parents = parents[~is_one_of(parents, places["id"])]
    unnamed = ~_named_places(dataset) if not state.places else False
    landmarks = dataset.places[is_one_of(dataset.places["id"], parents) | unnamed].copy()
    landmarks["context"] = landmarks["id"].isin(parents)
    cited = _cited_sources(dataset, _column(dataset, rows, "source_id"), _column(dataset, rows, "date_source_id"))
    containing = containing_areas(state.places, dataset.places) if state.places and state.containing else {}
    places = _mark_containing(places, containing, dataset)
    return Selection(places.reset_index(drop=True), landmarks.reset_index(drop=True), cited, state, dataset, rows,
                     containing)


def _pending_counts(dataset: Dataset, rows: np.ndarray | None, place_ids: pd.Series) -> np.ndarray:
    """How many of each place's selected records await review (a column at a time)."""
    pending = _column(dataset, rows, REVIEW).ne(REVIEWED).to_numpy()
    if not pending.any():
        return np.zeros(len(place_ids), dtype=int)
    counts = _column(dataset, rows, "place_id")[pending].value_counts()
    return counts.reindex(place_ids.to_numpy()).fillna(0).astype(int).to_numpy()


def _mark_containing(places: pd.DataFrame, containing: dict[str, list[str]], dataset: Dataset) -> pd.DataFrame:
    """``contains``: for a place drawn because it contains a chosen place, the names of those it contains."""
    names = dict(zip(dataset.places["id"], dataset.places["name"]))
    inside = {area: ", ".join(names.get(i, i) for i in chosen) for area, chosen in containing.items()}
    return places.assign(contains=pd.Series(places["id"].map(inside), index=places.index, dtype="string"))
