"""Bulk imports: records from CSV and XLSX, places from KML, KMZ and GeoJSON; every file treated as hostile."""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import pytest

from border_atlas.drafting import check_draft
from border_atlas.drafting.bulk import draft_from_placemarks, draft_from_records
from border_atlas.drafting.placemarks import read_placemarks
from border_atlas.drafting.spreadsheet import read_records
from border_atlas.drafting.uploads import MAX_UNPACKED, FileRefused
from border_atlas.loading.dataset import DATA_DIR, load_dataset
from border_atlas.places.gazetteer import Gazetteer
from border_atlas.readers import CsvFolder

HEADER = ["id", "org_id", "role", "place_id", "summary", "reported", "source_id", "paragraphs", "reliability",
          "credibility"]
ROW = ["mss-samsu-2025", "mss", "border control", "samsu", "Took sole control there.", "2025-10-27",
       "nkinsider-2025-10-27", "5", "C", "3"]


def kml(*placemarks: str) -> bytes:
    body = "".join(placemarks)
    return f'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>{body}</Document></kml>'.encode()


def point(name: str, lon: float, lat: float) -> str:
    return f"<Placemark><name>{name}</name><Point><coordinates>{lon},{lat},0</coordinates></Point></Placemark>"


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def gazetteer(dataset):
    return Gazetteer(dataset.places)


@pytest.mark.parametrize("make", [
    lambda: (",".join(HEADER) + "\n" + ",".join(f'"{v.replace(chr(34), chr(34) * 2)}"' for v in ROW) + "\n").encode(),
    lambda: xlsx([HEADER, ROW]),
], ids=["csv", "xlsx"])
def test_records_in_the_assignments_layout_are_checked_like_the_data(make, dataset):
    name = "records.csv" if make().startswith(b"id,") else "records.xlsx"
    frame, notes = read_records(make(), filename=name)
    assert notes == [] and frame.loc[0, "summary"] == "Took sole control there."
    check = check_draft(draft_from_records(frame, file_name=name), CsvFolder(DATA_DIR), base=dataset)
    assert check.problems == ()
    assert check.prepared.assignments.loc[0, "id"] == "mss-samsu-2025"


def test_a_formula_is_never_evaluated():
    csv_frame, _ = read_records(b'id,summary\nx,"=HYPERLINK(""http://x"")"\n', filename="f.csv")
    assert csv_frame.loc[0, "summary"] == '=HYPERLINK("http://x")'  # text as written
    xlsx_frame, _ = read_records(xlsx([["id", "summary"], ["x", '=HYPERLINK("http://x")']]), filename="f.xlsx")
    assert xlsx_frame.loc[0, "summary"] is None  # a formula's value is only what Excel last saved: none here


def test_xlsx_dates_become_partial_dates_and_wrong_rows_are_named(dataset):
    from datetime import datetime

    frame, _ = read_records(xlsx([HEADER, [*ROW[:5], datetime(2025, 10, 27), *ROW[6:8], "Q", 3]]),
                            filename="r.xlsx")
    assert frame.loc[0, "reported"] == "2025-10-27" and frame.loc[0, "credibility"] == "3"
    check = check_draft(draft_from_records(frame, file_name="r.xlsx"), CsvFolder(DATA_DIR), base=dataset)
    assert [(p.table, p.row, p.field) for p in check.problems] == [("new assignments", 1, "reliability")]


def test_an_xlsx_declaring_entities_is_refused_unread():
    data = xlsx([HEADER, ROW])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + content
            target.writestr(item, content)
    with pytest.raises(FileRefused, match="declares a document type or entities"):
        read_records(out.getvalue(), filename="evil.xlsx")


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"", "r.csv", "r.csv is empty."),
    (b"\x00\x01\x02binary" * 100, "r.xlsx", "not a Excel (.xlsx) file"),
    (b"name,colour\nx,red\n", "r.csv", "does not look like the assignments table"),
    (b"id,org_id\n", "r.txt", "records are imported from .csv or .xlsx"),
])
def test_files_that_are_not_records_are_refused_with_a_message(data, name, message):
    with pytest.raises(FileRefused, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        read_records(data, filename=name)


def test_kml_points_become_places_resolved_by_the_gazetteer(dataset, gazetteer):
    data = kml(point("Hyesan", 128.178, 41.401), point("Kapsan", 128.2933, 41.0903), point("Liudaogou", 126.9, 41.5),
               point("Post 7 &lt;script&gt;alert(1)&lt;/script&gt;", 128.19, 41.41),
               "<Placemark><name>Road</name><LineString><coordinates>1,1 2,2</coordinates></LineString></Placemark>")
    marks, notes = read_placemarks(data, filename="sites.kml")
    assert [m.name for m in marks] == ["Hyesan", "Kapsan", "Liudaogou", "Post 7 <script>alert(1)</script>"]
    assert notes == ["sites.kml, placemark 5 (Road) is not a single point; left out"]
    imported = draft_from_placemarks(marks, dataset=dataset, gazetteer=gazetteer, file_name="sites.kml")
    assert imported.known[0].startswith("Hyesan (placemark 1) is already in the places table as 'hyesan'")
    places = imported.draft.places.set_index("name")
    assert bool(places.loc["Kapsan", "confirmed"]) and "GeoNames 2043531" in places.loc["Kapsan", "coord_note"]
    assert (places.loc["Kapsan", "lat"], places.loc["Kapsan", "lon"]) == (41.0903, 128.2933)  # the file's point
    assert not places.loc["Liudaogou", "confirmed"]  # two GeoNames places share the name: the analyst decides
    assert bool(places.loc["Post 7 <script>alert(1)</script>", "confirmed"])
    source = imported.draft.sources.iloc[0]
    assert (source["kind"], source["title"]) == ("reference", "sites.kml")
    assert set(imported.draft.places["coord_source_id"]) == {source["id"]}


def test_a_far_namesake_is_left_to_confirm(dataset, gazetteer):
    marks, _ = read_placemarks(kml(point("Kapsan", 126.0, 39.0)), filename="far.kml")
    (row,) = draft_from_placemarks(marks, dataset=dataset, gazetteer=gazetteer, file_name="far.kml").draft.places \
        .to_dict("records")
    assert row["confirmed"] is False and "km away: same place?" in row["found"]


@pytest.mark.parametrize("declaration", [
    '<!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE kml SYSTEM "http://example.invalid/kml.dtd">',
])
def test_kml_with_entities_or_a_document_type_is_refused_unread(declaration):
    data = kml(point("&x;", 1, 1)).replace(b"?>", f"?>{declaration}".encode(), 1)
    with pytest.raises(FileRefused, match="declares a document type or entities"):
        read_placemarks(data, filename="evil.kml")
    with pytest.raises(FileRefused, match="declares a document type or entities"):
        read_placemarks(data.decode().encode("utf-16"), filename="evil16.kml")


def kmz(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_kmz_reads_its_kml_and_bounds_what_it_unpacks():
    marks, _ = read_placemarks(kmz({"doc.kml": kml(point("Kapsan", 128.29, 41.09)), "images/a.png": b"x"}),
                               filename="sites.kmz")
    assert [m.name for m in marks] == ["Kapsan"]
    bomb = kmz({"doc.kml": b"<kml>" + b" " * (MAX_UNPACKED + 10) + b"</kml>"})
    assert len(bomb) < 1_000_000
    with pytest.raises(FileRefused, match="unpacks to more than"):
        read_placemarks(bomb, filename="bomb.kmz")
    with pytest.raises(FileRefused, match="holds 1,001 files"):
        read_placemarks(kmz({f"{n}.txt": b"" for n in range(1001)}), filename="many.kmz")
    with pytest.raises(FileRefused, match="no KML file in it"):
        read_placemarks(kmz({"a.txt": b"x"}), filename="none.kmz")


def test_geojson_points_and_what_is_left_out():
    document = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Kapsan"},
         "geometry": {"type": "Point", "coordinates": [128.29, 41.09]}},
        {"type": "Feature", "properties": {"name": "Far"}, "geometry": {"type": "Point", "coordinates": [500, 41]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [128, 41]}},
        {"type": "Feature", "properties": {"name": "Line"}, "geometry": {"type": "LineString", "coordinates": []}}]}
    marks, notes = read_placemarks(json.dumps(document).encode(), filename="sites.geojson")
    assert [(m.name, m.lat, m.lon) for m in marks] == [("Kapsan", 41.09, 128.29)]
    assert len(notes) == 3
    with pytest.raises(FileRefused, match="not GeoJSON"):
        read_placemarks(b"[" * 100_000, filename="deep.geojson")
