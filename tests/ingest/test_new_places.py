"""Place proposals: the places the reports name are proposed, and nothing that is not a place they name."""

from __future__ import annotations

import pytest

from border_atlas.ingest import propose_places
from border_atlas.text.names import normalise, split_list

from .tables import REPORT_IDS, table


def place_names() -> dict[str, str]:
    """Every written form of every place in places.csv (also without its kind word), to its id."""
    names = {}
    for row in table("places"):
        for name in [row["name"], *split_list(row["alt_names"])]:
            names[normalise(name)] = row["id"]
            bare = name.removesuffix(" Province").removesuffix(" County")
            names[normalise(bare)] = row["id"]
    return names


def cited_places(source_id: str) -> set[str]:
    """Places the records of a report stand at, leaving out facilities (named as organisations)."""
    kinds = {row["id"]: row["kind"] for row in table("places")}
    return {row["place_id"] for row in table("assignments")
            if row["source_id"] == source_id and kinds[row["place_id"]] != "facility"}


def proposals(report):
    return [(text, p) for text in report.paragraphs for p in propose_places(text)]


@pytest.mark.parametrize("source_id", REPORT_IDS)
def test_the_places_a_reports_records_stand_at_are_proposed(reports, source_id):
    names = place_names()
    proposed = {names.get(normalise(p.name)) for _, p in proposals(reports[source_id])}
    missing = cited_places(source_id) - proposed
    assert missing == set()


@pytest.mark.parametrize("source_id", REPORT_IDS)
def test_every_proposal_is_a_place_the_text_names(reports, source_id):
    names = place_names()
    for text, proposal in proposals(reports[source_id]):
        assert text[proposal.start:proposal.end] == proposal.text == proposal.name
        assert normalise(proposal.name) in names, proposal
        assert proposal.needs_confirmation and proposal.position is None


def test_the_named_provinces_and_neighbourhoods_are_proposed_with_their_kind(reports):
    found = {(p.name, p.kind) for report in reports.values() for _, p in proposals(report)}
    for name, kind in [("Ryanggang Province", "province"), ("North Hamgyong", "province"), ("Jagang", "province"),
                       ("Yonbong", None), ("Hyetan", None)]:
        assert (name, kind) in found


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Smugglers in North Hamgyong, Ryanggang and Jagang provinces", ["North Hamgyong", "Ryanggang", "Jagang"]),
        ("the counties of Samsu and Kimjongsuk", ["Samsu", "Kimjongsuk"]),
        ("traders from Hyesan-si and Wiyon-dong met", ["Hyesan-si", "Wiyon-dong"]),
        ("its headquarters in Ryonbong 1-dong", ["Ryonbong 1-dong"]),
        ("the Hyesan area and the Pochon County border", ["Hyesan", "Pochon County"]),
        ("cities such as Hyesan, Manpo and Sinuiju", ["Hyesan", "Manpo", "Sinuiju"]),
        ("The city of Kanggye lies near Manpo.", ["Kanggye", "Manpo"]),
    ],
)
def test_cue_patterns_propose_the_names_they_mark(text, names):
    assert [p.name for p in propose_places(text)] == names


@pytest.mark.parametrize(
    "text",
    [
        "He was fired in January, in 2017, in Kim Jong Un's presence.",
        "Along the Chinese border region, in North Korea and in China.",
        "Sources in the Ministry of State Security and in Hyesan Customs Office said so.",
        "A North Korean saying; a talk in English; in Daily NK; in KCNA reports.",
        "In response, the source said In This way.",
        "Units in the MSS, in Office 39 and in Kumgang Office.",
    ],
)
def test_months_people_countries_demonyms_outlets_and_bodies_are_not_proposed(text):
    assert propose_places(text) == []


@pytest.mark.parametrize(("text", "kind"), [("Samsu County", "county"), ("the Hyesan area", None),
                                            ("Wiyon-dong", "neighbourhood"), ("Hyesan-si", "city"),
                                            ("Yanggang-do", "province"), ("Pochon-gun", "county"),
                                            ("the Kangan and Hyetan neighbourhoods", "neighbourhood")])
def test_the_kind_is_given_only_where_the_cue_names_one_the_places_table_uses(text, kind):
    assert {p.kind for p in propose_places(text)} == {kind}


def test_known_organisation_names_are_not_proposed_as_places():
    assert [p.name for p in propose_places("work in Mirim and in Samsu")] == ["Mirim", "Samsu"]
    assert [p.name for p in propose_places("work in Mirim and in Samsu", is_organisation=lambda n: n == "Mirim")] == [
        "Samsu"]
