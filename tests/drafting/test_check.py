"""The draft is checked with the very rules the data is loaded with, and its problems named by its own rows."""

from __future__ import annotations

import pytest
from helpers import read_rows, write_rows

from border_atlas.drafting import Draft, check_draft, frame_of
from border_atlas.loading.dataset import DATA_DIR, load_dataset
from border_atlas.loading.validation import empty_table
from border_atlas.readers import CsvFolder, FrameReader

RECORD = {"id": "mss-kapsan-2024", "org_id": "mss", "role": "order", "place_id": "hyesan",
          "summary": "Ordered a new post.", "reported": "2024-04-02", "source_id": "nkinsider-2025-10-27",
          "paragraphs": "1", "reliability": "C", "credibility": "3"}


def records(*rows) -> Draft:
    return Draft.empty().replace(assignments=frame_of("assignments", list(rows)))


def test_a_valid_record_has_no_problem_and_joins_the_data():
    check = check_draft(records(RECORD), CsvFolder(DATA_DIR))
    assert check.problems == () and check.ok
    assert "mss-kapsan-2024" in set(check.dataset.assignments["id"])
    assert len(check.dataset.assignments) == len(load_dataset().assignments) + 1


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"place_id": "atlantis"}, "place_id", "names 'atlantis', which is not an id in places.csv"),
    ({"id": "mss-order-2018"}, "id", "repeats an id already used on an earlier row"),
    ({"paragraphs": "19"}, "paragraphs", "cites paragraph 19, but nkinsider-2025-10-27 has 18"),
    ({"start": "2025-01", "end": "2024-02"}, "end", "ends (2024-02) before it starts (2025-01)"),
    ({"reliability": "Z"}, "reliability", "must be one of"),
    ({"summary": None}, "summary", "is empty but a value is required"),
    ({"reported": "2024-02-30"}, "reported", "date"),
])
def test_each_rule_of_the_data_applies_to_new_rows_and_names_the_draft_row(change, field, message):
    check = check_draft(records(RECORD, {**RECORD, "id": "second", **change}), CsvFolder(DATA_DIR))
    assert [(p.table, p.row, p.field) for p in check.problems] == [("new assignments", 2, field)]
    assert message in check.problems[0].message and not check.ok
    assert str(check.problems[0]).startswith(f"new assignments, row 2, field '{field}': ")


def test_problems_the_data_already_has_are_not_the_drafts(data_copy):
    lines = (data_copy / "places.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (data_copy / "places.csv").write_text("".join(lines + ["broken,Broken,,,,nowhere,,KP,1,1,point,,geonames,\n"]),
                                          encoding="utf-8")
    base = load_dataset(CsvFolder(data_copy))
    assert base.errors  # the file's own problem...
    assert check_draft(records(RECORD), CsvFolder(data_copy)).problems == ()  # ...is not the draft's


def test_new_rows_may_name_each_other_across_tables():
    draft = Draft.empty().replace(
        sources=frame_of("sources", [{"id": "weekly-2024", "kind": "report", "outlet": "Weekly", "title": "Notes",
                                      "published": "2024", "paragraphs": 3}]),
        organisations=frame_of("organisations", [{"id": "new-unit", "name": "New Unit", "type": "border guard",
                                                  "source_id": "weekly-2024", "paragraphs": "2"}]),
        places=frame_of("places", [{"id": "wiyon", "name": "Wiyon", "kind": "neighbourhood", "parent_id": "hyesan",
                                    "coord_source_id": "weekly-2024"}]),
        assignments=frame_of("assignments", [{**RECORD, "org_id": "new-unit", "place_id": "wiyon",
                                              "source_id": "weekly-2024", "paragraphs": "3"}]))
    check = check_draft(draft, CsvFolder(DATA_DIR))
    assert check.problems == ()
    wiyon = check.dataset.places.set_index("id").loc["wiyon"]
    hyesan = check.dataset.places.set_index("id").loc["hyesan"]
    assert (wiyon["lat"], wiyon["lon"], wiyon["precision"], wiyon["country"]) == (hyesan["lat"], hyesan["lon"],
                                                                                 "parent", "KP")


def test_a_place_of_unknown_position_without_parent_and_an_unsure_match_are_problems():
    draft = Draft.empty().replace(places=frame_of("places", [
        {"id": "somewhere", "name": "Somewhere", "kind": "town", "coord_source_id": "geonames"},
        {"id": "songwon", "name": "Songwon", "kind": "town", "country": "KP", "lat": 40.4, "lon": 125.9,
         "precision": "point", "coord_source_id": "geonames", "confirmed": False}]))
    found = {(p.row, p.field) for p in check_draft(draft, CsvFolder(DATA_DIR)).problems}
    assert found == {(1, "parent_id"), (2, "confirmed")}


def test_a_typed_coordinate_needs_its_precision_and_source():
    draft = Draft.empty().replace(places=frame_of("places", [
        {"id": "post-7", "name": "Post 7", "kind": "facility", "country": "KP", "lat": 41.41, "lon": 128.2}]))
    found = {(p.row, p.field) for p in check_draft(draft, CsvFolder(DATA_DIR)).problems}
    assert found == {(1, "precision"), (1, "coord_source_id")}


def test_a_value_in_a_column_the_file_lacks_is_refused(data_copy):
    header, rows = read_rows(data_copy / "places.csv")
    header.remove("uncertainty_m")
    write_rows(data_copy / "places.csv", header, [{k: v for k, v in row.items() if k in header} for row in rows])
    draft = Draft.empty().replace(places=frame_of("places", [
        {"id": "post-7", "name": "Post 7", "kind": "facility", "parent_id": "hyesan", "uncertainty_m": 50,
         "coord_source_id": "geonames"}]))
    problems = check_draft(draft, CsvFolder(data_copy)).problems
    assert any(p.field == "uncertainty_m" and "has no column" in p.message for p in problems)


def test_a_frame_reader_serves_as_the_base_too():
    frames = {name: empty_table(name).drop(columns="file_row") for name in
              ("sources", "places", "organisations", "eras", "events", "figures", "assignments")}
    problems = check_draft(records(RECORD), FrameReader(frames)).problems
    # As when loading, the first unknown reference leaves the row out.
    assert [(p.table, p.row, p.field) for p in problems] == [("new assignments", 1, "org_id")]


def test_a_new_place_given_only_its_parent_beside_one_with_a_coordinate_is_drawn_at_the_parent():
    """Both kinds of place in one draft, as the grid hands them over: the coordinate is filled in, no crash."""
    typed = {"id": "post-7", "name": "Post 7", "kind": "facility", "country": "KP", "lat": 41.3065, "lon": 128.19,
             "precision": "point", "coord_source_id": "geonames"}
    draft = Draft.empty().replace(places=frame_of("places", [
        typed,
        {"id": "wiyon", "name": "Wiyon", "kind": "neighbourhood", "parent_id": "hyesan", "coord_source_id": "geonames"},
        {"id": "post-7-gate", "name": "Gate", "kind": "facility", "parent_id": "post-7",
         "coord_source_id": "geonames"}]))
    check = check_draft(draft, CsvFolder(DATA_DIR))
    assert check.problems == ()
    places = check.prepared.places.set_index("id")
    hyesan = load_dataset().places.set_index("id").loc["hyesan"]
    def position(place_id):
        row = places.loc[place_id]
        return float(row["lat"]), float(row["lon"]), row["precision"], row["country"]
    assert position("wiyon") == (hyesan["lat"], hyesan["lon"], "parent", "KP")
    assert position("post-7-gate") == (41.3065, 128.19, "parent", "KP")
    assert position("post-7") == (41.3065, 128.19, "point", "KP")
