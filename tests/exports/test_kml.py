"""KML for Google Earth: styles by organisation, known periods, folders, display offsets, hostile text."""

from __future__ import annotations

import dataclasses
import gc
from pathlib import Path

import fastkml
import lxml.html
import pytest
from geopy.distance import geodesic
from helpers import with_values
from lxml import etree

from border_atlas import FilterState, select
from border_atlas.exports import places_kml
from border_atlas.exports.kml_export import (
    DISPLAY_FOLDER,
    DISPLAY_OFFSET_M,
    WHITE_CIRCLE_ICON,
    collector_paused,
    known_span,
    places_kml_bytes,
)
from border_atlas.exports.records import flat_records
from border_atlas.exports.xml_text import escape_attribute, extended_data, html_text, leaf, xml_escape, xml_text
from border_atlas.loading.dates import known_period
from border_atlas.views.colours import org_colours

NS = {"k": "http://www.opengis.net/kml/2.2"}
SCHEMA_FILE = Path(fastkml.__file__).parent / "schema" / "ogckml22.xsd"
HOSTILE = "<script>alert('x')</script> & ]]> \"q\" \x00\x01\x08\x0b\x1b \u202eevil\u202c \u2069tail"
CLEANED = "<script>alert('x')</script> & ]]> \"q\" \ufffd\ufffd\ufffd\ufffd\ufffd \u202eevil\u202c \u2069tail"


def parse(text: str) -> etree._Element:
    return etree.fromstring(text.encode("utf-8"))


def folders(root) -> dict[str, etree._Element]:
    return {f.findtext("k:name", namespaces=NS): f for f in root.iterfind("k:Document/k:Folder", NS)}


def data(element) -> dict[str, str | None]:
    return {d.get("name"): d.findtext("k:value", namespaces=NS) for d in element.iterfind("k:ExtendedData/k:Data", NS)}


def record_placemarks(root) -> dict[str, etree._Element]:
    """Record id -> placemark, from every folder but the display one."""
    return {data(p)["record_id"]: p for name, folder in folders(root).items() if name != DISPLAY_FOLDER
            for p in folder.iterfind("k:Placemark", NS)}


def display_placemarks(root) -> dict[str, etree._Element]:
    folder = folders(root).get(DISPLAY_FOLDER)
    return {} if folder is None else {data(p)["place_id"]: p for p in folder.iterfind("k:Placemark", NS)}


def point(element, path: str = "k:Point/k:coordinates") -> tuple[float, float]:
    """(lat, lon) of a KML coordinate tuple, which is written lon,lat."""
    lon, lat = (float(v) for v in element.findtext(path, namespaces=NS).split(","))
    return lat, lon


def style(root, url: str) -> etree._Element:
    [found] = root.iterfind(f"k:Document/k:Style[@id='{url.lstrip('#')}']", NS)
    return found


def expected_moved(selection) -> set[str]:
    """Places sharing a point with another, less the one that stays: the first whose position is its own."""
    places = selection.places.dropna(subset=["lat", "lon"])
    moved = set()
    for _, group in places.groupby([places["lat"].round(5), places["lon"].round(5)]):
        if len(group) > 1:
            rows = sorted(group.itertuples(), key=lambda p: (p.precision == "parent", p.name, p.id))
            moved |= {p.id for p in rows[1:]}
    return moved


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))


@pytest.fixture
def everything(dataset):
    return select(dataset, FilterState())


def test_one_style_per_organisation_in_its_colour(dataset, everything):
    root = parse(places_kml(everything))
    colours = org_colours(dataset.organisations)
    names = dataset.organisations.set_index("id")["name"]
    placemarks = record_placemarks(root)
    assert placemarks
    for record in everything.records.itertuples():
        placemark = placemarks[record.id]
        hex_colour = colours[record.org_id]
        bbggrr = (hex_colour[5:7] + hex_colour[3:5] + hex_colour[1:3]).lower()
        chosen = style(root, placemark.findtext("k:styleUrl", namespaces=NS))
        icon = chosen.findtext("k:IconStyle/k:color", namespaces=NS)
        label = chosen.findtext("k:LabelStyle/k:color", namespaces=NS)
        assert label == "ff" + bbggrr, record.id
        exact = record.place_precision == "point"
        assert icon == ("ff" if exact else "80") + bbggrr, record.id  # approximate: half transparent
        assert placemark.findtext("k:name", namespaces=NS) == (record.place_name if exact else f"≈ {record.place_name}")
        assert placemark.getparent().findtext("k:name", namespaces=NS) == names[record.org_id]


def test_default_names_no_icon_file_and_an_icon_can_be_chosen(everything):
    plain = parse(places_kml(everything))
    assert plain.findall(".//k:IconStyle", NS) and not plain.findall(".//k:Icon", NS)
    chosen = parse(places_kml(everything, icon_href=WHITE_CIRCLE_ICON))
    hrefs = {e.text for e in chosen.iterfind(".//k:IconStyle/k:Icon/k:href", NS)}
    assert hrefs == {WHITE_CIRCLE_ICON}


def test_time_spans_follow_the_known_period(everything):
    placemarks = record_placemarks(parse(places_kml(everything)))
    for record in everything.records.itertuples():
        start, end = (None if v is None or v != v else v for v in (record.start, record.end))
        first, last = known_period(start, end, record.reported)
        placemark = placemarks[record.id]
        if first == last:
            assert placemark.findtext("k:TimeStamp/k:when", namespaces=NS) == first.isoformat()
            continue
        begin = placemark.findtext("k:TimeSpan/k:begin", namespaces=NS)
        written = start or end or record.reported
        assert begin == written[: len(begin)] and len(begin) == len(written)  # the precision as written
        assert first.isoformat().startswith(begin)
        assert placemark.findtext("k:TimeSpan/k:end", namespaces=NS) == last.isoformat()


@pytest.mark.parametrize(("record", "begin", "end"), [
    ("pairing-2018-hyetan", "2018-02-28", None),  # "recently": known on the report date only
    ("crackdown-25bde-hyesan", "2018-02-28", None),  # "until recently": the same
    ("mss-minister-dismissed", "2017-01", "2017-01-31"),
    ("mss-border-control-covid", "2020-01-22", "2025-10-27"),
    ("customs-blocked-2018", "2018-02-28", None),  # neither bound: known on the report date only
])
def test_time_of_named_records(everything, record, begin, end):
    placemark = record_placemarks(parse(places_kml(everything)))[record]
    if end is None:
        assert placemark.findtext("k:TimeStamp/k:when", namespaces=NS) == begin
        assert placemark.find("k:TimeSpan", NS) is None
    else:
        assert placemark.findtext("k:TimeSpan/k:begin", namespaces=NS) == begin
        assert placemark.findtext("k:TimeSpan/k:end", namespaces=NS) == end
    assert data(placemark)["known_to"] == (end or begin)


@pytest.mark.parametrize("state", [FilterState(), FilterState(era="post-covid"), FilterState(orgs=("office-39",))])
def test_one_folder_per_organisation_and_one_placemark_per_record(dataset, state):
    selection = select(dataset, state)
    root = parse(places_kml(selection))
    found = folders(root)
    names = set(selection.records["org_name"])
    assert set(found) - {DISPLAY_FOLDER} == names
    placemarks = record_placemarks(root)
    assert sorted(placemarks) == sorted(selection.records["id"])
    for record in selection.records.itertuples():
        assert placemarks[record.id].getparent() is found[record.org_name]


def test_true_coordinates_stay_in_the_record_placemarks(dataset, everything):
    places = dataset.places.set_index("id")
    for record_id, placemark in record_placemarks(parse(places_kml(everything))).items():
        place = places.loc[data(placemark)["place_id"]]
        assert point(placemark) == (place["lat"], place["lon"]), record_id
        values = data(placemark)
        assert (float(values["lat"]), float(values["lon"])) == (place["lat"], place["lon"])
        assert values["precision"] == place["precision"]
        if place["uncertainty_m"] == place["uncertainty_m"]:
            assert float(values["uncertainty_m"]) == place["uncertainty_m"]
        else:
            assert "uncertainty_m" not in values  # not recorded: left out, not written as a number


@pytest.mark.parametrize("state", [FilterState(), FilterState(orgs=("brigade-25",)), FilterState(orgs=("mirim",))])
def test_display_copies_only_for_places_that_share_a_point(dataset, state):
    selection = select(dataset, state)
    root = parse(places_kml(selection))
    copies = display_placemarks(root)
    assert set(copies) == expected_moved(selection)
    places = dataset.places.set_index("id")
    for place_id, copy in copies.items():
        true = (places.loc[place_id, "lat"], places.loc[place_id, "lon"])
        shown = point(copy, "k:MultiGeometry/k:Point/k:coordinates")
        assert geodesic(true, shown).meters == pytest.approx(DISPLAY_OFFSET_M, abs=0.5)
        leader = copy.findtext("k:MultiGeometry/k:LineString/k:coordinates", namespaces=NS).split()
        assert [tuple(float(v) for v in c.split(","))[::-1] for c in leader] == [shown, true]
        assert (float(data(copy)["lat"]), float(data(copy)["lon"])) == true
        text = lxml.html.fromstring(copy.findtext("k:description", namespaces=NS)).text_content()
        assert f"Drawn {DISPLAY_OFFSET_M:g} m" in text and "for legibility only" in text
    shown = [point(c, "k:MultiGeometry/k:Point/k:coordinates") for c in copies.values()]
    assert all(geodesic(a, b).meters > 100 for i, a in enumerate(shown) for b in shown[i + 1:])


def test_display_offset_can_be_chosen(everything):
    copies = display_placemarks(parse(places_kml(everything, offset_m=750)))
    assert copies
    for copy in copies.values():
        true = (float(data(copy)["lat"]), float(data(copy)["lon"]))
        shown = point(copy, "k:MultiGeometry/k:Point/k:coordinates")
        assert geodesic(true, shown).meters == pytest.approx(750, abs=0.5)


def test_extended_data_keeps_citation_paragraphs_grade_and_precision(everything):
    placemarks = record_placemarks(parse(places_kml(everything)))
    for row in flat_records(everything):
        values = data(placemarks[row["id"]])
        assert values["citation"] == row["citation"]
        assert values["paragraphs"] == row["paragraphs"]
        assert values["grade"] == row["grade"]
        assert values["precision"] == row["location_precision"]


def _hostile(dataset):
    places = dataset.places.copy()
    places.loc[places["id"] == "hyetan", "name"] = HOSTILE
    orgs = dataset.organisations.copy()
    orgs.loc[orgs["id"] == "units-hyetan", "name"] = HOSTILE
    orgs.loc[orgs["id"] == "units-hyetan", "colour"] = "red;background:url(x)"
    assignments = dataset.assignments.copy()
    assignments.loc[assignments["id"] == "pairing-2018-hyetan", "summary"] = HOSTILE
    assignments.loc[assignments["id"] == "pairing-2018-hyetan", "id"] = "1 <no> ID"
    return dataclasses.replace(dataset, places=places, organisations=orgs, assignments=assignments)


@pytest.mark.parametrize("state", [FilterState(), FilterState(era="post-covid"), FilterState(orgs=("mirim",))])
def test_valid_against_the_ogc_kml_schema(dataset, schema, state):
    root = parse(places_kml(select(dataset, state)))
    assert schema.validate(root), schema.error_log


def test_hostile_values_come_back_as_text(dataset, schema):
    text = places_kml(select(_hostile(dataset), FilterState()))
    assert "\x00" not in text and "<![CDATA[" not in text and "<script>" not in text
    root = parse(text)  # well-formed despite NUL and other C0 controls
    assert schema.validate(root), schema.error_log
    placemark = record_placemarks(root)["1 <no> ID"]
    assert placemark.findtext("k:name", namespaces=NS) == f"≈ {CLEANED}"
    assert placemark.getparent().findtext("k:name", namespaces=NS) == CLEANED
    assert data(placemark)["organisation"] == CLEANED and data(placemark)["place_name"] == CLEANED
    html = lxml.html.fromstring(placemark.findtext("k:description", namespaces=NS))
    assert not html.xpath("//script") and "url(x)" not in etree.tostring(html, encoding="unicode")
    content = html.text_content()
    isolated = "\u2068" + CLEANED.replace("\u2069", "") + "\u2069"  # an override cannot reach past it
    assert content.count(isolated) == 3  # organisation, summary, place
    colour = style(root, placemark.findtext("k:styleUrl", namespaces=NS)).findtext("k:LabelStyle/k:color",
                                                                                      namespaces=NS)
    assert colour == "ff7a6e54"  # an unreadable colour falls back to the default grey


def test_records_without_a_position_are_listed_not_drawn(dataset, schema):
    places = dataset.places.copy()
    places.loc[places["id"] == "kangan", "lat"] = float("inf")
    broken = dataclasses.replace(dataset, places=places[places["id"] != "samsu"])
    selection = select(broken, FilterState(orgs=("brigade-25",)))
    root = parse(places_kml(selection))
    assert schema.validate(root), schema.error_log
    drawn = record_placemarks(root)
    unplaced = {"crackdown-25bde-samsu", "crackdown-25bde-kangan"}
    assert set(drawn) == set(selection.records["id"]) - unplaced
    document = root.find("k:Document", NS)
    assert data(document)["records_without_position"] == "2"
    assert set(data(document)["record_ids_without_position"].split(", ")) == unplaced
    listed = lxml.html.fromstring(document.findtext("k:description", namespaces=NS)).text_content()
    assert "2 records have no known position" in listed and "samsu" in listed and "Kangan" in listed
    assert set(display_placemarks(root)) == {"yonbong"}  # Kangan, not drawn, no longer shares Hyesan's point


def test_bytes_are_the_text_as_utf8(everything):
    assert places_kml_bytes(everything) == places_kml(everything).encode("utf-8")


def has_position(row: dict) -> bool:
    """A finite latitude and longitude in range: the records that are drawn."""
    lat, lon = row["lat"], row["lon"]
    return lat is not None and lon is not None and abs(lat) <= 90 and abs(lon) <= 180


def _expected_data(row: dict, moved: bool) -> dict[str, str]:
    """A record's ExtendedData as the flat row gives it: every value as text, none where empty."""
    span = known_span(row["start"], row["end"], row["reported"])
    uncertainty = row["uncertainty_m"]
    values = {
        "record_id": row["id"], "org_id": row["org_id"], "organisation": row["organisation"], "role": row["role"],
        "partner": row["partner"], "ordered_by": row["ordered_by"], "place_id": row["place_id"],
        "place_name": row["place_name"], "place_name_ko": row["place_name_ko"], "lat": repr(row["lat"]),
        "lon": repr(row["lon"]), "precision": row["location_precision"],
        "uncertainty_m": None if uncertainty is None else str(int(uncertainty)) if uncertainty.is_integer()
        else repr(uncertainty),
        "display_offset_m": f"{DISPLAY_OFFSET_M:g}" if moved else None, "reported_start": row["start"],
        "reported_end": row["end"], "report_date": row["reported"],
        "known_from": span and span[1].isoformat(), "known_to": span and span[2].isoformat(),
        "citation": row["citation"], "paragraphs": row["paragraphs"], "grade": row["grade"], "review": row["review"],
        "note": row["note"],
    }
    return {name: value for name, value in values.items() if value}


def test_every_record_carries_its_whole_row_on_a_sparse_archive(sparse, schema):
    selection = select(sparse, FilterState())
    root = parse(places_kml(selection))
    assert schema.validate(root), schema.error_log
    placemarks = record_placemarks(root)
    moved = set(display_placemarks(root))
    rows = [r for r in flat_records(selection) if has_position(r)]
    assert len(placemarks) == len(rows) > 1000
    for row in rows:
        placemark = placemarks[row["id"]]
        assert data(placemark) == _expected_data(row, row["place_id"] in moved), row["id"]
        assert point(placemark) == (row["lat"], row["lon"])
    unplaced = data(root.find("k:Document", NS))["record_ids_without_position"].split(", ")
    assert sorted(unplaced) == sorted(r["id"] for r in flat_records(selection) if r["id"] not in placemarks)


WRITTEN = "Kangan $[name] `${x}` & <b>\r\n tab\t end"


def test_text_comes_back_exactly_with_returns_and_no_earth_substitution(dataset, schema):
    hostile = with_values(dataset, "assignments", "pairing-2018-hyetan", summary=WRITTEN, note=WRITTEN)
    hostile = with_values(hostile, "places", "hyetan", name=WRITTEN)
    root = parse(places_kml(select(hostile, FilterState())))
    assert schema.validate(root), schema.error_log
    placemark = record_placemarks(root)["pairing-2018-hyetan"]
    assert data(placemark)["note"] == WRITTEN and data(placemark)["place_name"] == WRITTEN  # \r survives parsing
    assert placemark.findtext("k:name", namespaces=NS) == f"≈ {WRITTEN}"
    description = placemark.findtext("k:description", namespaces=NS)
    assert "$[" not in description and "${" not in description  # Earth substitutes neither
    assert WRITTEN.replace("\r\n", "\n") in lxml.html.fromstring(description).text_content().replace("\r\n", "\n")


@pytest.mark.parametrize("value", ["\ud800", "a\udfffb", "\x00", "\ufffe", "]]>", "<script>x</script>", "&amp;",
                                   "\u202eevil", '"\'', "\r"])
def test_the_writer_keeps_any_text_well_formed(value):
    """Lone surrogates cannot reach a selection (Arrow refuses them) but the writer replaces them all the same."""
    document = ('<kml xmlns="http://www.opengis.net/kml/2.2"><Document id="d">'
                + leaf("name", value, "") + f'<Snippet maxLines="1">{xml_escape(value)}</Snippet>'
                + leaf("description", f"<p>{html_text(value)}</p>", "")
                + extended_data({"note": value}, "") + f'<Folder id="{escape_attribute(value)}"/></Document></kml>')
    root = etree.fromstring(document.encode("utf-8"))
    cleaned = xml_text(value)
    assert root.findtext("k:Document/k:name", namespaces=NS) == cleaned
    assert data(root.find("k:Document", NS))["note"] == cleaned
    assert root.find("k:Document/k:Folder", NS).get("id") == cleaned
    assert not lxml.html.fromstring(root.findtext("k:Document/k:description", namespaces=NS)).xpath("//script")


def test_the_collector_is_left_as_it_was_found():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # switched off by someone else: left off
    finally:
        gc.enable()


def test_the_document_counts_its_records_in_words(dataset):
    one = places_kml(select(dataset, FilterState(orgs=("mirim",), exact_orgs=True)))
    assert "1 record drawn," in one and "1 records" not in one
    assert "21 records drawn," in places_kml(select(dataset, FilterState()))


ROUND_TRIP = "a]]>b <c/> & \"d\" 'e' \x01\x08\x0b\x0c\x1f\x7f f\r\ng\th ]]&gt; <![CDATA[x]]> &#0;"
ROUND_TRIP_CLEANED = "a]]>b <c/> & \"d\" 'e' \ufffd\ufffd\ufffd\ufffd\ufffd\x7f f\r\ng\th ]]&gt; <![CDATA[x]]> &#0;"


def test_a_value_with_a_cdata_end_controls_quotes_and_markup_round_trips_through_a_parse(dataset, schema):
    hostile = with_values(dataset, "assignments", "pairing-2018-hyetan", summary=ROUND_TRIP, note=ROUND_TRIP)
    hostile = with_values(hostile, "places", "hyetan", name=ROUND_TRIP, name_ko=ROUND_TRIP)
    hostile = with_values(hostile, "organisations", "units-hyetan", name=ROUND_TRIP)
    written = places_kml_bytes(select(hostile, FilterState()))
    assert b"<![CDATA[" not in written and b"<!DOCTYPE" not in written and b"\x01" not in written
    root = etree.fromstring(written, etree.XMLParser(resolve_entities=False, no_network=True))
    assert schema.validate(root), schema.error_log
    placemark = record_placemarks(root)["pairing-2018-hyetan"]
    values = data(placemark)
    assert {name: values[name] for name in ("note", "place_name", "place_name_ko", "organisation")} == \
           dict.fromkeys(("note", "place_name", "place_name_ko", "organisation"), ROUND_TRIP_CLEANED)
    assert placemark.findtext("k:name", namespaces=NS) == f"≈ {ROUND_TRIP_CLEANED}"
    assert placemark.getparent().findtext("k:name", namespaces=NS) == ROUND_TRIP_CLEANED
    description = lxml.html.fromstring(placemark.findtext("k:description", namespaces=NS))
    assert not description.xpath("//c") and not description.xpath("//script")  # markup in a value stays text
    shown = description.text_content().replace("\r\n", "\n")
    assert shown.count(ROUND_TRIP_CLEANED.replace("\r\n", "\n")) == 5  # organisation, summary, place, Korean, note
