"""Records about a whole area: drawn over the area's outline, not as a point in a circle; an area
without an outline stays an honest point; the legend and the credit say so; the view holds them."""

from __future__ import annotations

import json
import re

import pytest

from border_atlas import FilterState, select
from border_atlas.mapview import MapOptions, assemble_map, legend_html
from border_atlas.mapview.area_layer import drawn_places
from border_atlas.mapview.markers import chips_for, marker_html
from border_atlas.mapview.view import focus_bounds, off_map_ids, union_bounds
from border_atlas.places.areas import AREAS_FILE, load_outlines
from border_atlas.views.colours import org_colours


def render(dataset, state: FilterState) -> str:
    html = assemble_map(select(dataset, state), options=MapOptions(assets="inline")).get_root().render()
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), html).replace('\\"', '"')


def outline_json(place_id: str) -> str:
    """The outline's coordinates as folium writes them into the page."""
    return json.dumps(load_outlines()[place_id].geometry["coordinates"])


def circle_radii(html: str) -> set[float]:
    return {float(r) for r in re.findall(r'"radius": ([0-9.]+)', html)}


def test_a_province_record_is_drawn_over_its_outline_and_not_in_a_circle(dataset):
    html = render(dataset, FilterState(orgs=("mss",), exact_orgs=True, era="post-covid"))
    assert outline_json("ryanggang") in html
    assert '"className": "ba-outline ba-outline-ryanggang"' in html
    # One organisation: its own colour, lightly shaded; the outline does not take the clicks.
    style = re.search(r'return (\{[^}]*"ba-outline ba-outline-ryanggang"[^}]*\})', html).group(1)
    assert json.loads(style)["color"] == "#c62828"
    assert '"fillOpacity": 0.08' in style and '"interactive": false' in style and "baStripes" not in style
    assert 30000.0 not in circle_radii(html)  # the province's 30 km circle is gone
    assert "ba-marker ba-ryanggang" in html  # its label and popup stay, at the label's point


def test_several_organisations_share_one_outline_over_stripes_of_their_colours(dataset):
    html = render(dataset, FilterState(era="post-covid"))
    style = re.search(r'return (\{[^}]*"ba-outline ba-outline-ryanggang"[^}]*\})', html).group(1)
    assert json.loads(style)["baStripes"] == ["#c62828", "#a1887f"]  # MSS, private companies
    assert json.loads(style)["color"] == "#37474f"
    assert "ba-stripes-" in html and "patternTransform" in html
    for place_id in ("ryanggang", "jagang", "north-hamgyong"):
        assert outline_json(place_id) in html


def test_an_area_without_an_outline_stays_a_point_without_a_circle(dataset):
    html = render(dataset, FilterState(orgs=("mirim",), exact_orgs=True))
    assert "ba-outline-samsu" not in html and '"MultiPolygon"' not in html.split("</script>")[-2]
    assert 10000.0 not in circle_radii(html)  # Samsu's 10 km circle read as a territory
    assert "no outline of it is available here, so it is drawn at a point" in html  # popup and tooltip
    assert "records about a whole area with no outline here: drawn at a point" in legend_html(
        select(dataset, FilterState(orgs=("mirim",), exact_orgs=True)))


def test_circles_stay_for_points_with_an_uncertainty(dataset):
    html = render(dataset, FilterState(places=("hyesan",)))
    assert circle_radii(html) == {5000.0}  # the neighbourhoods drawn at Hyesan's point


def test_the_legend_explains_records_about_a_whole_area(dataset):
    legend = legend_html(select(dataset, FilterState(era="post-covid")))
    assert "<h4>Areas</h4>" in legend and "records about a whole area: its outline" in legend
    assert "uncertainty radius" not in legend  # no circle is drawn
    assert "Areas" not in legend_html(select(dataset, FilterState(orgs=("kumgang-office",), exact_orgs=True)))


def test_the_credit_names_the_outlines_source(dataset):
    html = render(dataset, FilterState(era="post-covid"))
    assert "provinces: Natural Earth" in html and "GSHHG 2.3.6" in html


def test_an_outlined_area_is_not_marked_approximate(dataset):
    places = {p.id: p for p in drawn_places(select(dataset, FilterState()).place_list)}
    assert places["ryanggang"].area == "outline" and not places["ryanggang"].approximate
    assert places["samsu"].area == "point" and places["samsu"].approximate
    assert places["kangan"].area == "" and places["kangan"].approximate
    assert "≈" not in marker_html(places["ryanggang"], []) and "ba-sym square kind-province area" in marker_html(
        places["ryanggang"], [])


def test_the_view_holds_the_drawn_area_not_its_label_point(dataset):
    post = select(dataset, FilterState(era="post-covid"))
    (south, west), (north, east) = focus_bounds(post)
    assert north - south > 1.0 and east - west > 1.5  # Ryanggang, not 2 km around its label's point
    assert (south, west, north, east) == pytest.approx((40.4016, 126.8146, 42.0476, 128.9386))
    assert off_map_ids(post) == ["jagang", "north-hamgyong"]
    # Beside the other era's neighbourhoods the outline would shrink them to one spot: points decide.
    pre = select(dataset, FilterState(era="pre-covid"))
    (south, _), (north, _) = union_bounds(pre, post)
    assert north - south < 0.3


def test_the_outlines_are_small_sourced_and_for_known_provinces(dataset):
    raw = json.loads(AREAS_FILE.read_text(encoding="utf-8"))
    assert AREAS_FILE.stat().st_size < 100_000
    assert "Natural Earth" in raw["provenance"] and raw["licence"] == "public domain"
    kinds = dict(zip(dataset.places["id"], dataset.places["kind"]))
    assert {f["properties"]["place_id"] for f in raw["features"]} == {"ryanggang", "jagang", "north-hamgyong"}
    assert all(kinds[f["properties"]["place_id"]] == "province" for f in raw["features"])


def test_a_crowded_label_keeps_its_organisations(dataset):
    selection = select(dataset, FilterState())
    places = {p.id: p for p in selection.place_list}
    records = [r for r in selection.record_list if r.place_id == "kangan"]
    html = marker_html(places["kangan"], chips_for(records, org_colours(dataset.organisations)))
    line = re.search(r'<div class="ba-orgs">(.*?)</div>', html).group(1)
    assert "KPA 10th Corps" in line and "Foreign Liaison Office Company 7.27" in line


def test_an_area_without_an_outline_is_shown_with_room_around_it(dataset):
    # Samsu alone once gave a view 2 km across over empty land; its stated extent (10 km) sizes the view instead.
    (south, west), (north, east) = focus_bounds(select(dataset, FilterState(places=("samsu",), containing=False)))
    assert north - south == pytest.approx(2 * 10 / 111.2, rel=0.01) and east - west > north - south
