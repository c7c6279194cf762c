"""Drafts an analyst can accept: parents from the sentence, every paragraph cited, periods with both ends,
organisations by what reports call them, and roles for what reports describe."""

from __future__ import annotations

import pytest

from border_atlas.drafting import SourceDetails, check_draft, draft_from_report
from border_atlas.drafting.prepare import prepare
from border_atlas.drafting.records import ROLE_CUES, role_of
from border_atlas.ingest import gazetteer_place_finder, recognise, report_from_text
from border_atlas.loading.dataset import DATA_DIR
from border_atlas.loading.schema import ROLES
from border_atlas.places.gazetteer import Gazetteer
from border_atlas.readers import CsvFolder


def draft(dataset, *paragraphs: str, published: str = "2024-10-15"):
    report = report_from_text("Notes\n" + "\n".join(paragraphs))
    found = recognise(report, organisations=dataset.organisations, events=dataset.events,
                      place_finder=gazetteer_place_finder(Gazetteer(dataset.places)), report_date=published)
    return draft_from_report(found, dataset, details=SourceDetails("Weekly", "Notes", published))


def test_a_new_place_named_with_its_province_is_drawn_at_the_provinces_point_as_approximate(dataset):
    made = draft(dataset, "Units in Haebit-dong, Ryanggang Province, were told to help.")  # a name no gazetteer knows
    (wiyon,) = made.places.to_dict("records")
    assert (wiyon["name"], wiyon["parent_id"], wiyon["country"]) == ("Haebit-dong", "ryanggang", "KP")
    assert "not the place's position" in wiyon["coord_note"]
    ready, problems = prepare(made, dataset)
    province = dataset.places.set_index("id").loc["ryanggang"]
    placed = ready.places.iloc[0]
    assert [float(placed["lat"]), float(placed["lon"])] == [province["lat"], province["lon"]]
    assert placed["precision"] == "parent"  # approximate: never the province's "centroid" as the place's own
    assert float(placed["uncertainty_m"]) == province["uncertainty_m"]
    assert not [p for p in problems if p.field == "parent_id"]


def test_a_province_in_another_sentence_gives_no_parent(dataset):
    made = draft(dataset, "Units in Haebit-dong were told to help. Ryanggang Province is cold.")
    (wiyon,) = made.places.to_dict("records")
    assert wiyon["parent_id"] is None and wiyon["country"] is None


def test_a_record_cites_every_paragraph_naming_its_organisation_and_place(dataset):
    made = draft(dataset, "The MSS opened an office in Hyesan.", "Hyesan is a border city. The MSS is feared there.",
                 "The MSS grew.", "Hyesan grew.")
    (row,) = made.assignments.to_dict("records")
    assert (row["org_id"], row["place_id"], row["paragraphs"]) == ("mss", "hyesan", "1;2")


@pytest.mark.parametrize(("sentence", "start", "end"), [
    ("The MSS took over smuggling in Hyesan in July.", "2024-07", "2024-07"),
    ("The MSS took over smuggling in Hyesan last year.", "2023", "2023"),
    ("The MSS took over smuggling in Hyesan in late 2022.", "2022-09", "2022-12"),
    ("The MSS ran smuggling in Hyesan in 2018–2020.", "2018", "2020"),
    ("The MSS has run smuggling in Hyesan since 2020.", "2020", None),
    ("The MSS ran smuggling in Hyesan until 2019.", None, "2019"),
    ("The MSS recently took over smuggling in Hyesan.", None, None),
])
def test_a_named_period_drafts_a_start_and_an_end(dataset, sentence, start, end):
    (row,) = draft(dataset, sentence).assignments.to_dict("records")
    assert (row["start"], row["end"]) == (start, end)


@pytest.mark.parametrize(("sentence", "org_id", "place_id"), [
    ("The border guards in Samsu took bribes.", "border-security-command", "samsu"),
    ("Agents of the Hyesan City Security Bureau took bribes.", "mss-local-offices", "hyesan"),
])
def test_organisations_by_what_reports_call_them(dataset, sentence, org_id, place_id):
    made = draft(dataset, sentence)
    assert made.organisations.empty  # known bodies: no new organisation to add
    assert [(r["org_id"], r["place_id"]) for r in made.assignments.to_dict("records")] == [(org_id, place_id)]


def test_guard_posts_are_not_an_organisation(dataset):
    made = draft(dataset, "Guard posts in Hyesan were moved, and border guard posts in Samsu too.")
    assert made.organisations.empty and made.assignments.empty


@pytest.mark.parametrize(("sentence", "role"), [
    ("Units must give the companies cars, transportation and help.", "transport"),
    ("Guards in Samsu protect the traders.", "protection"),
    ("Traders smuggle rice into Hyesan.", "smuggling operations"),
    ("Local offices must approve each smuggling list.", "smuggling approval"),
    ("The bureau approves travel permits.", "approval"),
    ("Troops ran crackdowns on smuggling.", "crackdown"),
])
def test_roles_cover_what_reports_describe(sentence, role):
    assert role_of(sentence) == role


def test_every_role_the_draft_proposes_is_one_the_loader_accepts(dataset):
    assert {role for role, _ in ROLE_CUES} <= set(ROLES)
    made = draft(dataset, "Border guards in Samsu carried goods by truck for the traders.")
    rows = made.assignments.assign(summary="Moved goods for traders.")
    assert set(rows["role"]) == {"transport"}
    checked = check_draft(made.replace(assignments=rows), CsvFolder(DATA_DIR), base=dataset)
    assert [p for p in checked.problems if p.field == "role"] == []


def test_a_place_put_in_its_province_beside_a_place_with_a_coordinate_is_prepared(dataset):
    made = draft(dataset, "The MSS opened a post in Kapsan.",
                 "Units in Haebit-dong, Ryanggang Province, were told to help.")
    ready, problems = prepare(made, dataset)
    placed = ready.places.set_index("id")
    province = dataset.places.set_index("id").loc["ryanggang"]
    assert float(placed.loc["haebit-dong", "lat"]) == province["lat"]
    assert placed.loc["haebit-dong", "precision"] == "parent"
    assert placed.loc["kapsan", "precision"] == "point"
    assert not [p for p in problems if p.table == "new places"]
