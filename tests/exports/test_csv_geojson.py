"""Exports: CSV safe from formulas, valid RFC 7946 GeoJSON holding what the Record model gives."""

from __future__ import annotations

import csv
import io
import json

import geojson
import pytest
from exports.reference import model_rows
from helpers import with_values, without_rows

from border_atlas import FilterState, select
from border_atlas.exports import records_csv, records_geojson
from border_atlas.exports.csv_export import neutralise

HOSTILE = {
    "pairing-2018-samsu": "=HYPERLINK(\"http://evil.example\",\"click\")",
    "pairing-2018-kangan": "+cmd|' /C calc'!A0",
    "pairing-2018-hyetan": "-2+3",
    "mss-order-2018": "@SUM(1,1)",
}


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets then read hangul as UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_every_record_with_its_citation_and_grade(dataset):
    rows = read_csv(records_csv(select(dataset, FilterState(orgs=("office-39",)))))
    assert {r["id"] for r in rows} == {"pairing-2018-hyetan", "pairing-2018-kangan", "pairing-2018-samsu",
                                      "mss-order-2018"}
    samsu = next(r for r in rows if r["id"] == "pairing-2018-samsu")
    assert samsu["citation"].startswith("Daily NK (English), “North Korean intel agency")
    assert samsu["citation"].endswith("2018-02-28, paragraphs 2, 8 and 9")
    assert samsu["paragraphs"] == "2, 8, 9" and samsu["grade"] == "C3"
    assert samsu["place_name_ko"] == "삼수군" and samsu["location_precision"] == "centroid"


def test_csv_neutralises_formulas(dataset):
    hostile = dataset
    for record, text in HOSTILE.items():
        hostile = with_values(hostile, "assignments", record, summary=text)
    rows = {r["id"]: r for r in read_csv(records_csv(select(hostile, FilterState(orgs=("office-39",)))))}
    for record, text in HOSTILE.items():
        assert rows[record]["summary"] == "'" + text
    for row in rows.values():
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value


def test_numbers_stay_numbers():
    assert neutralise(41.4) == 41.4 and neutralise("Hyesan") == "Hyesan" and neutralise("\t=1") == "'\t=1"


def test_geojson_is_valid_rfc7946_and_round_trips(dataset):
    text = records_geojson(select(dataset, FilterState()))
    parsed = geojson.loads(text)
    assert parsed.is_valid, parsed.errors()
    data = json.loads(text)
    assert "crs" not in data
    assert len(data["features"]) == len(dataset.assignments)
    samsu = next(f for f in data["features"] if f["id"] == "pairing-2018-samsu")
    assert samsu["geometry"]["coordinates"] == [127.9858, 41.2284]  # longitude first
    assert samsu["properties"]["citation"].startswith("Daily NK")
    assert samsu["properties"]["grade"] == "C3"
    again = geojson.loads(geojson.dumps(parsed))
    assert again == parsed


def test_geojson_gives_no_invented_point_for_a_record_without_position(dataset):
    broken = without_rows(dataset, "places", "samsu")
    data = json.loads(records_geojson(select(broken, FilterState(orgs=("mirim",)))))
    assert data["features"][0]["geometry"] is None
    assert geojson.loads(json.dumps(data)).is_valid


def reference_geojson(selection) -> dict:
    """The document as it was written from the Record model, one property per column but lat and lon."""
    features = []
    for row in model_rows(selection):
        geometry = None
        if row["lat"] is not None and row["lon"] is not None:
            geometry = {"type": "Point", "coordinates": [round(row["lon"], 6), round(row["lat"], 6)]}
        properties = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "id": row["id"], "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


@pytest.mark.parametrize("archive", ["dataset", "sparse"])
def test_geojson_holds_the_record_model_document_one_feature_per_line(request, archive):
    selection = select(request.getfixturevalue(archive), FilterState())
    text = records_geojson(selection)
    data = json.loads(text)
    reference = reference_geojson(selection)
    assert data == reference
    assert [list(f["properties"]) for f in data["features"]] == [list(f["properties"]) for f in reference["features"]]
    lines = text.splitlines()
    assert lines[0] == '{"type":"FeatureCollection","features":[' and lines[-1] == "]}"
    assert [json.loads(line.removesuffix(",")) for line in lines[1:-1]] == reference["features"]


def test_geojson_of_no_record_is_an_empty_collection(dataset):
    selection = select(dataset, FilterState(orgs=("mirim",), era="post-covid", exact_orgs=True))
    assert json.loads(records_geojson(selection)) == {"type": "FeatureCollection", "features": []}


def test_csv_neutralises_a_leading_tab_or_carriage_return(dataset):
    records = list(select(dataset, FilterState()).records["id"])[:2]
    hostile = with_values(dataset, "assignments", records[0], summary="\t=1+1")
    hostile = with_values(hostile, "assignments", records[1], summary="\r=1+1")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(records_csv(select(hostile, FilterState())).decode(
        "utf-8-sig"), newline=""))}
    assert [rows[r]["summary"] for r in records] == ["'\t=1+1", "'\r=1+1"]
