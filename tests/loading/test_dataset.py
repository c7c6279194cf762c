"""Loading and validation: the bundled data is clean, and broken copies are reported precisely."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from helpers import read_rows, write_rows

from border_atlas.loading.dataset import DATA_DIR, load_dataset
from border_atlas.loading.schema import LOAD_ORDER

TABLE_SIZES = {"sources": 13, "places": 13, "organisations": 17, "eras": 2, "events": 7,
               "figures": 3, "assignments": 21}


def test_bundled_dataset_has_no_problems(dataset):
    assert dataset.problems == ()
    for name, size in TABLE_SIZES.items():
        assert len(dataset.table(name)) == size, name


def _break(folder: Path, table: str, row_number: int, field: str, value: str) -> None:
    header, rows = read_rows(folder / f"{table}.csv")
    rows[row_number - 2][field] = value  # spreadsheet row: the header is row 1
    write_rows(folder / f"{table}.csv", header, rows)


def _only_error(loaded):
    assert len(loaded.errors) == 1, [str(p) for p in loaded.problems]
    return loaded.errors[0]


@pytest.mark.parametrize(
    ("table", "row", "field", "value", "words"),
    [
        ("places", 3, "lat", "95.2", "between -90 and 90"),
        ("places", 4, "lon", "east", "not a number"),
        ("places", 5, "kind", "village", "must be one of"),
        ("organisations", 6, "parent_id", "office-40", "not an id in organisations.csv"),
        ("organisations", 3, "type", "", "value is required"),
        ("assignments", 10, "place_id", "atlantis", "not an id in places.csv"),
        ("assignments", 12, "start", "2018-02-30", "not a date"),
        ("assignments", 2, "reported", "last spring", "not a date"),
        ("assignments", 7, "reliability", "G", "must be one of"),
        ("assignments", 8, "credibility", "7", "must be one of"),
        ("assignments", 9, "paragraphs", "40", "has 12"),
        ("sources", 4, "published", "2013-13", "not a date"),
        ("eras", 2, "end", "2020-01-xx", "not a date"),
        ("events", 3, "source_id", "nobody", "not an id in sources.csv"),
        ("figures", 2, "amount_max", "ten", "not a number"),
        ("figures", 3, "era_id", "medieval", "not an id in eras.csv"),
        ("places", 9, "coord_source_id", "hearsay", "not an id in sources.csv"),
        ("places", 10, "lat", "", "value is required"),
    ],
)
def test_broken_value_is_reported_with_file_row_and_field(data_copy, table, row, field, value, words):
    _break(data_copy, table, row, field, value)
    loaded = load_dataset(data_copy)
    problem = _only_error(loaded)
    assert (problem.file, problem.row, problem.field) == (f"{table}.csv", row, field)
    assert words in problem.message
    assert f"{table}.csv, row {row}, field '{field}'" in str(problem)
    # The other rows of the table are still there; the broken one is not.
    assert len(loaded.table(table)) == TABLE_SIZES[table] - 1
    assert row not in set(loaded.table(table)["file_row"])


@pytest.mark.parametrize("table", LOAD_ORDER)
def test_duplicate_id_keeps_the_first_row(data_copy, table):
    header, rows = read_rows(data_copy / f"{table}.csv")
    write_rows(data_copy / f"{table}.csv", header, [*rows, dict(rows[0])])
    loaded = load_dataset(data_copy)
    problem = _only_error(loaded)
    assert (problem.file, problem.row, problem.field) == (f"{table}.csv", len(rows) + 2, "id")
    assert "repeats an id" in problem.message
    assert len(loaded.table(table)) == TABLE_SIZES[table]
    assert list(loaded.table(table)["file_row"]) == list(range(2, len(rows) + 2))


@pytest.mark.parametrize("table", LOAD_ORDER)
def test_missing_required_column_is_reported_in_the_header(data_copy, table):
    header, rows = read_rows(data_copy / f"{table}.csv")
    column = header[1]
    write_rows(data_copy / f"{table}.csv", [h for h in header if h != column],
               [{k: v for k, v in row.items() if k != column} for row in rows])
    loaded = load_dataset(data_copy)
    ours = [p for p in loaded.problems if p.file == f"{table}.csv"]
    assert [(p.row, p.field) for p in ours] == [(1, column)]
    assert "required column is missing" in ours[0].message


def test_missing_optional_column_keeps_every_row(data_copy):
    header, rows = read_rows(data_copy / "places.csv")
    write_rows(data_copy / "places.csv", [h for h in header if h != "coord_note"],
               [{k: v for k, v in row.items() if k != "coord_note"} for row in rows])
    loaded = load_dataset(data_copy)
    assert loaded.errors == ()
    assert [(p.file, p.row, p.field, p.severity) for p in loaded.problems] == [
        ("places.csv", 1, "coord_note", "warning")]
    assert len(loaded.places) == TABLE_SIZES["places"]


def test_several_problems_are_all_reported_together(data_copy):
    _break(data_copy, "places", 3, "lat", "200")
    _break(data_copy, "places", 6, "lon", "x")
    _break(data_copy, "assignments", 4, "role", "smuggling")
    loaded = load_dataset(data_copy)
    assert {(p.file, p.row, p.field) for p in loaded.errors} == {
        ("places.csv", 3, "lat"), ("places.csv", 6, "lon"), ("assignments.csv", 4, "role")}


def test_a_place_with_a_bad_coordinate_keeps_its_records_and_children(data_copy):
    # Row 3 is Hyesan: its neighbourhoods name it as parent and records are placed in it.
    _break(data_copy, "places", 3, "lat", "north")
    loaded = load_dataset(data_copy)
    assert [(p.file, p.row, p.field) for p in loaded.errors] == [("places.csv", 3, "lat")]
    assert "hyesan" not in set(loaded.places["id"])
    assert {"kangan", "yonbong", "hyetan"} <= set(loaded.places["id"])
    assert len(loaded.assignments) == TABLE_SIZES["assignments"]


def test_reversed_period_is_reported(data_copy):
    _break(data_copy, "assignments", 15, "start", "2019")  # the minister was dismissed in 2017-01
    problem = _only_error(load_dataset(data_copy))
    assert (problem.row, problem.field) == (15, "end")
    assert "before it starts" in problem.message


def test_parent_cycle_is_reported(data_copy):
    _break(data_copy, "organisations", 4, "parent_id", "kumgang-office")  # Office 39 under its own company
    loaded = load_dataset(data_copy)
    assert {(p.file, p.field) for p in loaded.errors} >= {("organisations.csv", "parent_id")}


def test_unreadable_and_missing_files_do_not_crash(data_copy):
    (data_copy / "figures.csv").unlink()
    (data_copy / "events.csv").write_bytes(b"\xff\xfe\x00bad")
    loaded = load_dataset(data_copy)
    messages = {p.file: p.message for p in loaded.errors}
    assert messages["figures.csv"] == "file is missing"
    assert "cannot be read" in messages["events.csv"]
    assert len(loaded.assignments) == TABLE_SIZES["assignments"]


def test_loading_never_changes_the_files(data_copy):
    _break(data_copy, "places", 3, "lat", "95")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_copy.glob("*.csv")}
    load_dataset(data_copy)
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_copy.glob("*.csv")}
    assert before == after


def test_bundled_folder_is_the_default():
    assert load_dataset().origin == str(DATA_DIR)
