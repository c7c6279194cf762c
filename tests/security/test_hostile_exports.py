"""The hostile corpus (tests/security/hostile.py) in every free-text field: the CSV, GeoJSON and
KML exports parse, and every value comes back from them as the text that was written; values
with characters the loader refuses leave their row out with the cell named."""

from __future__ import annotations

import csv
import io
import json

import pytest
from lxml import etree
from security.hostile import REFUSED, VALUES, Cells, hostile_copy

from border_atlas import FilterState, load_dataset, select
from border_atlas.exports import EXPORTS
from border_atlas.loading.dataset import DATA_DIR

KML = "{http://www.opengis.net/kml/2.2}"
# Export column -> the table and field its text comes from, and the record's id column for that row.
TEXT_COLUMNS = {"place_name": ("places", "name", "place_id"), "place_name_ko": ("places", "name_ko", "place_id"),
                "organisation": ("organisations", "name", "org_id"), "summary": ("assignments", "summary", "id"),
                "note": ("assignments", "note", "id")}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Cells, dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("hostile") / "data"
    cells = hostile_copy(VALUES, DATA_DIR, folder)
    dataset = load_dataset(folder)
    assert [str(p) for p in dataset.problems] == []
    selection = select(dataset, FilterState())
    files = {e.key: e.build(selection, None) for e in EXPORTS if e.key in ("csv", "geojson", "kml")}
    return cells, files


def expected(cells: Cells, row: dict) -> dict[str, str]:
    return {column: cells[(table, row[key], field)] for column, (table, field, key) in TEXT_COLUMNS.items()}


def test_every_free_text_cell_holds_a_hostile_value(hostile):
    cells, _ = hostile
    written = " ".join(cells.values())
    assert all(value.text in written for value in VALUES)
    assert len({table for table, _, _ in cells}) == 7


def test_csv_gives_back_the_text_with_formulas_neutralised(hostile):
    cells, files = hostile
    rows = list(csv.DictReader(io.StringIO(files["csv"].decode("utf-8-sig"), newline="")))
    assert len(rows) >= 20
    for row in rows:
        for column, text in expected(cells, row).items():
            formula = text.startswith(("=", "+", "-", "@", "\t", "\r"))
            assert row[column] == ("'" + text if formula else text), (row["id"], column)
    assert not [v for row in rows for v in row.values() if v.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_geojson_gives_back_the_text(hostile):
    cells, files = hostile
    features = json.loads(files["geojson"])["features"]
    assert len(features) >= 20
    for feature in features:
        properties = {**feature["properties"], "id": feature["id"]}
        assert {c: properties[c] for c in TEXT_COLUMNS} == expected(cells, properties), feature["id"]


def test_kml_parses_without_a_doctype_and_gives_back_the_text(hostile):
    cells, files = hostile
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(files["kml"], parser)
    assert root.getroottree().docinfo.doctype == ""
    assert not any(isinstance(node, etree._Entity) for node in root.iter())
    placemarks = [p for p in root.iter(f"{KML}Placemark") if p.find(f".//{KML}Data[@name='record_id']") is not None]
    assert len(placemarks) >= 10
    for placemark in placemarks:
        data = {d.get("name"): d.findtext(f"{KML}value") or "" for d in placemark.iter(f"{KML}Data")}
        row = {"id": data["record_id"], "place_id": data["place_id"], "org_id": data["org_id"]}
        want = expected(cells, row)
        assert {c: data[c] for c in ("place_name", "place_name_ko", "organisation", "note")} == \
               {c: want[c] for c in ("place_name", "place_name_ko", "organisation", "note")}, row["id"]
        assert placemark.findtext(f"{KML}name").removeprefix("≈ ") == want["place_name"]
        assert "<script>" not in (placemark.findtext(f"{KML}description") or "")


@pytest.mark.parametrize("value", REFUSED, ids=str)
def test_a_refused_value_leaves_its_row_out_naming_the_cell(value, tmp_path):
    cells = hostile_copy([value], DATA_DIR, tmp_path / "data")
    problems = load_dataset(tmp_path / "data").problems
    named = {(p.file, p.row, p.field) for p in problems}
    rows = {table: {} for table, _, _ in cells}
    for table, ident, _ in cells:
        rows[table].setdefault(ident, len(rows[table]) + 2)
    missing = [(t, i, f) for t, i, f in cells if (f"{t}.csv", rows[t][i], f) not in named]
    assert missing == []
    assert all(p.severity == "error" for p in problems if p.field in {f for _, _, f in cells})
