"""Recall and precision of the draft: ingesting each report from its text alone, against data holding only the
eras, proposes every place and organisation the project's data cites from it, and nothing the text does not name."""

from __future__ import annotations

import pytest

from border_atlas.ingest import OrganisationIndex
from border_atlas.places.gazetteer import name_form
from border_atlas.text.names import normalise, split_list
from tests.ingest.tables import REPORT_IDS, table

from .conftest import draft_of


def names_of(row: dict, fold) -> set[str]:
    return {fold(name) for name in [row["name"], *split_list(row.get("alt_names"))]}


def cited_places(source_id: str) -> set[str]:
    return {row["place_id"] for row in table("assignments") if row["source_id"] == source_id and row["place_id"]}


def cited_organisations(source_id: str) -> set[str]:
    return {row["id"] for row in table("organisations") if row["source_id"] == source_id}


def matched_place(proposal: dict) -> str | None:
    """The data's place this proposed row is, by any of its names (as written, else without a generic word)."""
    for fold in (normalise, lambda name: name_form(name)[0]):
        found = [row["id"] for row in table("places") if names_of(row, fold) & names_of(proposal, fold)]
        if found:
            return found[0] if len(found) == 1 else None
    return None


def matched_organisation(proposal: dict, index: OrganisationIndex) -> str | None:
    """The data's organisation whose name, short name or alias is exactly the proposed name."""
    found = index.find(proposal["name"])
    whole = [m for m in found if m.start == 0 and m.end == len(proposal["name"])]
    return whole[0].org_id if whole else None


def scores(source_id, report_texts, eras_only):
    draft, _ = draft_of(report_texts[source_id], eras_only)
    index = OrganisationIndex.from_rows(table("organisations"))  # the data's own names, no reference aliases
    places = {row["id"]: matched_place(row) for row in draft.places.to_dict("records")}
    orgs = {row["id"]: matched_organisation(row, index) for row in draft.organisations.to_dict("records")}
    return draft, places, orgs


@pytest.mark.parametrize("source_id", REPORT_IDS)
def test_every_place_and_organisation_the_data_cites_is_proposed(report_texts, eras_only, source_id):
    _, places, orgs = scores(source_id, report_texts, eras_only)
    assert cited_places(source_id) - set(places.values()) == set()
    assert cited_organisations(source_id) - set(orgs.values()) == set()


@pytest.mark.parametrize("source_id", REPORT_IDS)
def test_every_proposal_is_a_name_the_text_gives(report_texts, eras_only, source_id):
    draft, places, orgs = scores(source_id, report_texts, eras_only)
    text = normalise(" ".join(report_texts[source_id].paragraphs))
    for row in [*draft.places.to_dict("records"), *draft.organisations.to_dict("records")]:
        names = [row["name"], *split_list(row.get("alt_names"))]
        assert any(normalise(name) in text for name in names), row
    precision = sum(v is not None for v in [*places.values(), *orgs.values()]) / (len(places) + len(orgs))
    assert precision >= 0.75, (places, orgs)


@pytest.mark.parametrize("source_id", REPORT_IDS)
def test_the_proposals_cite_the_paragraphs_that_name_them(report_texts, eras_only, source_id):
    draft, _, _ = scores(source_id, report_texts, eras_only)
    paragraphs = report_texts[source_id].paragraphs
    for row in draft.organisations.to_dict("records"):
        named = [n for n in map(int, row["paragraphs"].split(";"))
                 if normalise(row["name"]) in normalise(paragraphs[n - 1])
                 or (row["short_name"] and row["short_name"] in paragraphs[n - 1])]
        assert named == list(map(int, row["paragraphs"].split(";"))), row
