"""Drafting a report against the full data: known places and organisations keep their ids, records are proposed
as the data records them, new places get honest positions, and a shared name is settled by the analyst."""

from __future__ import annotations

import pytest

from border_atlas.drafting import Draft, SourceDetails, check_draft, draft_from_report
from border_atlas.drafting.place_lookup import choices_for, place_row_for_name, settle_place
from border_atlas.ingest import gazetteer_place_finder, recognise, report_from_text
from border_atlas.loading.dataset import DATA_DIR, load_dataset
from border_atlas.places.gazetteer import Gazetteer
from border_atlas.readers import CsvFolder
from tests.ingest.tables import table

from .conftest import draft_of


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def gazetteer(dataset):
    return Gazetteer(dataset.places)


def test_the_daily_nk_report_proposes_the_records_the_data_holds_for_paragraph_8(report_texts):
    draft, _ = draft_of(report_texts["dailynk-2018-02-28"], DATA_DIR, report_date="2018-02-28")
    assert draft.places.empty and set(draft.organisations["name"]) == {"United Nations Security Council",
                                                                        "troops in Ryanggang Province"}
    proposed = {(r["org_id"], r["place_id"], r["partner_org_id"] or "") for r in draft.assignments.to_dict("records")}
    recorded = {(r["org_id"], r["place_id"], r["partner_org_id"]) for r in table("assignments")
                if r["source_id"] == "dailynk-2018-02-28" and "8" in r["paragraphs"].split(";")}
    assert recorded <= proposed
    crackdowns = draft.assignments[draft.assignments["org_id"] == "brigade-25"]
    assert set(crackdowns["role"]) == {"crackdown"}
    assert crackdowns["end"].isna().all()  # "until recently" gives no date: the data's rows leave it empty too
    assert set(draft.assignments["reliability"] + draft.assignments["credibility"]) == {"C3"}


def test_the_source_row_counts_paragraphs_and_is_named_by_outlet_and_date(report_texts, dataset):
    report = report_texts["nkinsider-2025-10-27"]
    details = SourceDetails(outlet="NK Insider", title=report.title, published="2025-10-28")
    draft = draft_from_report(recognise(report, organisations=dataset.organisations), dataset, details=details)
    source = draft.sources.iloc[0]
    assert (source["id"], source["kind"], source["paragraphs"]) == ("nkinsider-2025-10-28", "report", 18)
    taken = draft_from_report(recognise(report, organisations=dataset.organisations), dataset,
                              details=SourceDetails(outlet="NK Insider", title="t", published="2025-10-27"))
    assert taken.sources.iloc[0]["id"] == "nkinsider-2025-10-27-2"  # an id in use is never reused


def test_a_geonames_place_keeps_its_id_precision_and_coordinate(dataset, gazetteer):
    report = report_from_text("Notes\nThe MSS opened a post in Kapsan.")
    found = recognise(report, organisations=dataset.organisations, place_finder=gazetteer_place_finder(gazetteer))
    draft = draft_from_report(found, dataset, details=SourceDetails("Weekly", "Notes", "2024"))
    (kapsan,) = draft.places.to_dict("records")
    geonames = next(c for c in choices_for("Kapsan", gazetteer=gazetteer))
    assert (kapsan["lat"], kapsan["lon"], kapsan["precision"]) == (geonames.lat, geonames.lon, geonames.precision)
    assert (kapsan["coord_source_id"], kapsan["coord_note"]) == ("geonames", f"GeoNames {geonames.geonames_id}.")
    assert kapsan["parent_id"] == "ryanggang"  # GeoNames puts it in the province the table links to KP.13
    problems = check_draft(draft, CsvFolder(DATA_DIR), base=dataset).problems
    assert {(p.table, p.field) for p in problems} == {("new assignments", "role"), ("new assignments", "summary")}


def test_a_new_place_named_by_the_text_has_no_position_until_given_a_parent(dataset, gazetteer):
    report = report_from_text("Notes\nUnits in Haebit-dong were told to help.")  # a name no gazetteer knows
    found = recognise(report, organisations=dataset.organisations, place_finder=gazetteer_place_finder(gazetteer))
    draft = draft_from_report(found, dataset, details=SourceDetails("Weekly", "Notes", "2024"))
    (wiyon,) = draft.places.to_dict("records")
    assert (wiyon["name"], wiyon["kind"], wiyon["lat"], wiyon["precision"]) == ("Haebit-dong", "neighbourhood", None,
                                                                              "parent")
    problems = check_draft(draft, CsvFolder(DATA_DIR), base=dataset).problems
    assert ("new places", 1, "parent_id") in {(p.table, p.row, p.field) for p in problems}
    placed = draft.replace(places=draft.places.assign(parent_id="hyesan"))
    ready = check_draft(placed, CsvFolder(DATA_DIR), base=dataset).prepared.places.iloc[0]
    hyesan = dataset.places.set_index("id").loc["hyesan"]
    assert (ready["lat"], ready["lon"], ready["precision"], ready["coord_note"]) == (
        hyesan["lat"], hyesan["lon"], "parent", "Position within Hyesan unknown; drawn at its point.")


def test_a_shared_name_is_settled_by_the_analysts_choice(dataset, gazetteer):
    row, said = place_row_for_name("Liudaogou", gazetteer=gazetteer, dataset=dataset, draft=Draft.empty())
    assert row["confirmed"] is False and row.get("lat") is None and "2 places may be meant" in said
    draft = Draft.empty().with_rows("places", [row])
    first, second = choices_for("Liudaogou", gazetteer=gazetteer)
    settled = settle_place(draft, 0, second, dataset=dataset).places.iloc[0]
    assert (settled["lat"], settled["lon"], settled["coord_note"], bool(settled["confirmed"])) == (
        second.lat, second.lon, f"GeoNames {second.geonames_id}.", True)


def test_settling_on_a_place_of_the_table_points_the_records_at_it(dataset, gazetteer):
    draft = Draft.empty().with_rows("places", [{"id": "hyesan-2", "name": "Hyesan", "confirmed": False}]) \
        .with_rows("assignments", [{"id": "r", "place_id": "hyesan-2"}])
    table_place = next(c for c in choices_for("Hyesan", gazetteer=gazetteer) if c.place_id)
    settled = settle_place(draft, 0, table_place, dataset=dataset)
    assert settled.places.empty and settled.assignments.loc[0, "place_id"] == "hyesan"
