"""An organisation's profile: who it is, what it is under, its sanctions status, its records by era."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from border_atlas.filters import FilterState
from border_atlas.filters.rules import by_era, by_organisation
from border_atlas.loading.dataset import Dataset
from border_atlas.loading.hierarchy import ancestors
from border_atlas.text.names import split_list
from border_atlas.text.wording import names_of, source_citation, text

SANCTIONS = {"reported": "designation reported, not confirmed", "confirmed": "confirmed"}
FIRST_CHOICE = "mss"


@dataclass(frozen=True)
class Profile:
    org_id: str
    name: str
    facts: pd.DataFrame  # two columns: what, value
    note: str | None
    by_era: pd.DataFrame  # era, records


def profile_choice(dataset: Dataset, state: FilterState, current: str | None) -> str | None:
    """The organisation to profile: the one already chosen, else the first filtered one, else the MSS."""
    ids = list(dataset.organisations["id"])
    for candidate in (current, *state.orgs, FIRST_CHOICE):
        if candidate in ids:
            return candidate
    return ids[0] if ids else None


def records_by_era(dataset: Dataset, org_id: str) -> pd.DataFrame:
    """How many records name the organisation (in any role), per era."""
    rows = by_organisation(dataset.assignments, dataset.organisations, [org_id], exact=True)
    return pd.DataFrame({"era": list(dataset.eras["name"]),
                         "records": [len(by_era(rows, dataset.eras, era)) for era in dataset.eras["id"]]})


def organisation_profile(dataset: Dataset, org_id: str) -> Profile:
    """The profile of one organisation of the dataset.

    >>> from border_atlas import load_dataset
    >>> dict(organisation_profile(load_dataset(), "mirim").facts.values)["Under"]
    'Office 39'
    """
    row = dataset.organisations.set_index("id").loc[org_id]
    umbrella = [a for a in reversed(ancestors(org_id, dataset.organisations))]
    facts = [
        ("Korean name", text(row["name_ko"]) or "—"),
        ("Also called", ", ".join(split_list(row["aliases"])) or "—"),
        ("Type", row["type"]),
        ("Under", " › ".join(names_of([a], dataset.organisations) for a in umbrella) or "—"),
        ("Sanctions status", SANCTIONS.get(text(row["sanctions_status"]), "none reported")),
        ("Source", source_citation(dataset.sources, row["source_id"], row["paragraphs"])),
    ]
    return Profile(org_id, row["name"], pd.DataFrame(facts, columns=["what", "value"]), text(row["note"]),
                   records_by_era(dataset, org_id))


def profile_filters(state: FilterState, org_id: str) -> FilterState:
    """The records of one organisation, in any era, under the other filters."""
    return state.without_time().with_(orgs=(org_id,), exact_orgs=True)
