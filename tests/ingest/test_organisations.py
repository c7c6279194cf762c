"""Organisations in report text: every one the data cites is found, by any of its names."""

from __future__ import annotations

import pytest

from border_atlas.ingest import OrganisationIndex, load_aliases, propose_organisations
from border_atlas.ingest.unnamed_bodies import propose_unnamed_bodies

from .tables import REPORT_IDS, cited, table

# Bodies the reports name that the organisations table does not list (read from the two texts).
UNLISTED_BODIES = {"dailynk-2018-02-28": {"United Nations Security Council"},
                   "nkinsider-2025-10-27": {"Korean People’s Social Security Forces"}}


def cited_organisations(source_id: str) -> set[str]:
    ids = {row["id"] for row in table("organisations") if row["source_id"] == source_id}
    for row in table("assignments"):
        if row["source_id"] == source_id:
            ids |= {row[key] for key in ("org_id", "partner_org_id", "ordered_by_org_id") if row[key]}
    return ids


# Organisations a report names that no row of the data cites from it: "the border guards" (Daily NK,
# paragraph 10) are the Border Security Command's troops.
NAMED_NOT_CITED = {"dailynk-2018-02-28": {"border-security-command"}, "nkinsider-2025-10-27": set()}


@pytest.mark.parametrize("source_id", REPORT_IDS)
def test_every_organisation_the_data_cites_is_recognised_and_no_other(reports, org_index, source_id):
    found = {m.org_id for text in reports[source_id].paragraphs for m in org_index.find(text)}
    assert found == cited_organisations(source_id) | NAMED_NOT_CITED[source_id]


@pytest.mark.parametrize("source_id", REPORT_IDS)
def test_a_records_organisations_are_named_in_the_paragraphs_it_cites(reports, org_index, source_id):
    for row in table("assignments"):
        if row["source_id"] != source_id:
            continue
        texts = [reports[source_id].paragraph(n) for n in cited(row["paragraphs"])]
        named = {m.org_id for text in texts for m in org_index.find(text)}
        assert (named & {row["org_id"], row["partner_org_id"]}) or row["ordered_by_org_id"] in named, row["id"]


@pytest.mark.parametrize("source_id", REPORT_IDS)
def test_proposed_new_organisations_are_bodies_the_text_names(reports, org_index, source_id):
    proposed = set()
    for text in reports[source_id].paragraphs:
        known = org_index.find(text)
        for mention in propose_organisations(text, known=known):
            assert text[mention.start:mention.end] == mention.text and mention.is_new and mention.org_id is None
            assert not any(mention.start < k.end and k.start < mention.end for k in known)
            proposed.add(mention.text)
    assert proposed == UNLISTED_BODIES[source_id]


@pytest.mark.parametrize(
    ("text", "org_id", "matched"),
    [
        ("the Ministry of State Security's order", "mss", "Ministry of State Security"),
        ("MINISTRY OF STATE-SECURITY", "mss", "Ministry of State Security"),
        ("The MSS’s grip", "mss", "MSS"),
        ("agents of the State Security Department", "mss", "State Security Department"),
        ("(SSD) agents", "mss", "SSD"),
        ("the Bowibu arrested him", "mss", "Bowibu"),
        ("the State Security Ministry said", "mss", "State Security Ministry"),
        ("funds for Room 39", "office-39", "Room 39"),
        ("Bureau 39 earns currency", "office-39", "Bureau 39"),
        ("Office No. 39", "office-39", "Office No. 39"),
        ("the Ministry of People's Security", "ministry-social-security", "Ministry of People's Security"),
        ("10th Corps of the Korean People’s Army", "corps-10", "10th Corps of the Korean People's Army"),
        ("the 25th Brigade of the Border Guards", "brigade-25", "25th Brigade of the border guards"),
        ("Foreign Liaison Office Company 7.27", "flo-727", "Foreign Liaison Office Company 7.27"),
        ("bribes paid to the border guards", "border-security-command", "border guards"),
        ("the Border Guard turned back", "border-security-command", "border guard"),
        ("the Hyesan City Security Bureau arrested", "mss-local-offices", "city security bureau"),
        ("agents of the Kapsan County Security Bureau", "mss-local-offices", "county security bureau"),
    ],
)
def test_names_short_names_and_aliases_match_whatever_the_case_and_punctuation(org_index, text, org_id, matched):
    found = org_index.find(text)
    assert [(m.org_id, m.matched) for m in found] == [(org_id, matched)]
    assert text[found[0].start:found[0].end] == found[0].text
    assert not found[0].text.endswith(("'s", "’s"))


@pytest.mark.parametrize("text", ["guard posts in Hyesan were moved", "the border guard posts in Samsu",
                                  "a border-guard checkpoint near Kangan", "the City Security Bureau building"])
def test_a_structure_is_not_an_organisation(org_index, text):
    named = org_index.find(text)
    assert named == [] and propose_unnamed_bodies(text, known=named) == []


def test_abbreviations_only_match_in_capitals(org_index):
    assert org_index.find("the mss and ssd files") == []
    assert [m.org_id for m in org_index.find("the MSS and SSD files")] == ["mss", "mss"]


def test_how_each_name_matched_is_reported(org_index):
    found = org_index.find("MSS, Ministry of State Security, the intelligence agency, Bowibu, private companies")
    assert [m.how for m in found] == ["short name", "name", "alias", "reference alias", "name without its qualifier"]


def test_the_longest_name_wins():
    index = OrganisationIndex.from_rows(table("organisations"))
    found = index.find("Foreign Liaison Office Company 7.27 and the Foreign Liaison Office")
    assert [m.org_id for m in found] == ["flo-727", "foreign-liaison-office"]


def test_every_reference_alias_names_a_listed_organisation_and_cites_a_source():
    ids = {row["id"] for row in table("organisations")}
    aliases = load_aliases()
    assert aliases
    for row in aliases:
        assert row["org_id"] in ids, row
        assert row["alias"].strip() and row["source"].strip() and row["note"].strip(), row


def test_aliases_of_unlisted_organisations_are_left_out():
    index = OrganisationIndex.from_rows([{"id": "mss", "name": "Ministry of State Security"}],
                                        [{"org_id": "ghost", "alias": "Phantom Bureau"}])
    assert index.find("the Phantom Bureau") == []


def test_a_name_shared_by_two_organisations_names_both():
    index = OrganisationIndex.from_rows([{"id": "a", "name": "Unit One", "aliases": "the unit"},
                                         {"id": "b", "name": "Unit Two", "aliases": "the unit"}])
    (found,) = index.find("orders for the unit")
    assert (found.org_id, found.alternatives) == ("a", ("b",))


@pytest.mark.parametrize(
    ("text", "proposed"),
    [
        ("Staff of the Korean Ocean Shipping Company left.", ["Korean Ocean Shipping Company"]),
        ("It reports to the Ministry of External Economic Relations.", ["Ministry of External Economic Relations"]),
        ("the Reconnaissance General Bureau and Unit 121 met", ["Reconnaissance General Bureau", "Unit 121"]),
        ("Guards of the 27th Border Security Brigade said", ["27th Border Security Brigade"]),
        ("Kim Won Hong said in Hyesan on Monday.", []),
        ("The Supreme Leader visited North Hamgyong Province.", []),
    ],
)
def test_unknown_bodies_are_proposed_from_their_cue_words(text, proposed):
    assert [m.text for m in propose_organisations(text)] == proposed
