"""The active filters in words, for captions, briefings and exports."""

from __future__ import annotations

from border_atlas.dataset import Dataset
from border_atlas.state import FilterState


def count_label(n: int) -> str:
    """"1 record", "21 records"."""
    return f"{n} record" if n == 1 else f"{n} records"


def _names(ids, table) -> str:
    names = dict(zip(table["id"], table["name"]))
    return ", ".join(names.get(i, i) for i in ids)


def era_label(dataset: Dataset, era_id: str) -> str:
    row = dataset.eras.set_index("id").loc[era_id]
    start = row["start"] if isinstance(row["start"], str) else None
    end = row["end"] if isinstance(row["end"], str) else None
    span = f"{start or '…'} to {end or 'now'}" if start else f"until {end}"
    return f"{row['name']} ({span})"


def describe(state: FilterState, dataset: Dataset, *, with_time: bool = True) -> str:
    """E.g. "Organisations: Office 39 and its members · Places: all · Era: Pre-COVID (until 2020-01-21) · …"."""
    orgs = "all"
    if state.orgs:
        orgs = _names(state.orgs, dataset.organisations) + ("" if state.exact_orgs else " (with their members)")
    places = _names(state.places, dataset.places) + " (with places inside)" if state.places else "all"
    era = "all"
    if state.era and state.era in set(dataset.eras["id"]):
        era = era_label(dataset, state.era)
    dates = f"{state.date_from or '…'} to {state.date_to or '…'}" if state.date_from or state.date_to else "any"
    parts = [f"Organisations: {orgs}", f"Places: {places}"]
    if with_time:
        parts += [f"Era: {era}", f"Dates: {dates}"]
    if state.roles:
        parts.append(f"Roles: {', '.join(state.roles)}")
    if state.min_grade:
        parts.append(f"Grade: {state.min_grade} or better")
    return " · ".join(parts)
