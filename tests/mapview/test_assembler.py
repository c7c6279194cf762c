"""The assembled map: filtered markers, pairings, approximate positions, escaping, no outside assets."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from helpers import with_values, without_rows

from border_atlas import FilterState, select
from border_atlas.mapview import MapOptions, assemble_map, data_layers, focus_bounds, legend_html
from border_atlas.mapview.view import off_map_ids

# What a browser would fetch: script, stylesheet and image sources, CSS url()s, tile templates.
ASSET_REF = re.compile(
    r"""<(?:script|img|iframe)[^>]*\ssrc\s*=\s*["']?https?://|<link[^>]*\shref\s*=\s*["']?https?://"""
    r"""|url\(\s*["']?https?://"""
)
TILE_URL = re.compile(r"https?://[^\"'\s]*\{z\}")


def render(dataset, state=FilterState(), **options) -> str:
    """The page's HTML, with the JSON escapes of marker HTML (\\u21c4, \\") undone for reading."""
    html = assemble_map(select(dataset, state), options=MapOptions(**options)).get_root().render()
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), html).replace('\\"', '"')


def marker_classes(html: str) -> set[str]:
    return set(re.findall(r'"className": "ba-marker ba-([a-z0-9-]+)"', html))


def test_markers_for_the_filtered_places_only(dataset):
    html = render(dataset, FilterState(orgs=("mirim",), exact_orgs=True))
    assert marker_classes(html) == {"samsu"}
    html = render(dataset, FilterState(era="post-covid"))
    assert marker_classes(html) == {"ryanggang", "north-hamgyong", "jagang"}
    html = render(dataset, FilterState(places=("hyesan",), containing=False))
    assert marker_classes(html) == {"hyesan", "kangan", "yonbong", "hyetan", "hyesan-customs"}
    html = render(dataset, FilterState(places=("hyesan",)))  # with the province that contains Hyesan
    assert marker_classes(html) == {"hyesan", "kangan", "yonbong", "hyetan", "hyesan-customs", "ryanggang"}


@pytest.mark.parametrize(("company", "place", "chip"), [
    ("kumgang-office", "hyetan", "Kumgang Office ⇄ border units"),
    ("flo-727", "kangan", "Foreign Liaison Office Company 7.27 ⇄ border units"),
    ("mirim", "samsu", "Mirim Shipping Company ⇄ border units"),
])
def test_pairing_is_drawn_on_the_map_when_its_company_is_chosen(dataset, company, place, chip):
    chosen = render(dataset, FilterState(orgs=(company,)))
    assert chip in chosen
    assert place in marker_classes(chosen)
    other = render(dataset, FilterState(orgs=("brigade-25",)))
    assert chip not in other


def test_office_39_shows_all_three_pairings(dataset):
    html = render(dataset, FilterState(orgs=("office-39",)))
    for chip in ("Kumgang Office ⇄", "Foreign Liaison Office Company 7.27 ⇄", "Mirim Shipping Company ⇄"):
        assert chip in html
    assert marker_classes(html) == {"hyetan", "kangan", "samsu", "ryanggang"}


def test_approximate_places_are_drawn_as_approximate(dataset):
    html = render(dataset, FilterState(places=("hyesan",)), legend=False)
    assert html.count("ba-sym circle kind-neighbourhood approx") == 3
    assert "position unknown, shown at Hyesan" in html
    assert '"dashArray": "6 6"' in html  # the uncertainty circle
    # Hyesan's own position is known: drawn solid.
    assert "ba-sym circle kind-city filled" in html


def test_places_sharing_a_point_are_displaced_on_screen_not_in_the_data(dataset):
    sel = select(dataset, FilterState(places=("hyesan",)))
    [lat] = set(sel.places.loc[sel.places["precision"] == "parent", "lat"])
    assert lat == sel.places.set_index("id").loc["hyesan", "lat"]
    html = assemble_map(sel).get_root().render()
    lefts = re.findall(r'ba-pin\\" style=\\"left:(\d+)px;top:(-?\d+)px', html)
    assert lefts
    displaced = {pos for pos in lefts if pos != ("0", "0")}
    assert len(displaced) == 4  # Kangan, Yonbong, Hyetan, the customs office: four distinct spots


def test_popup_lists_records_with_source_and_grade(dataset):
    html = render(dataset, FilterState(orgs=("mirim",)))
    assert "Told by the MSS to work with Mirim Shipping Company" in html
    assert "Daily NK (English), 2018-02-28, ¶ 2, 8, 9" in html
    assert "C3" in html
    assert "ordered by <b>Ministry of State Security</b>" in html


def test_tooltip_names_place_in_english_and_hangul(dataset):
    html = render(dataset, FilterState(places=("samsu",)))
    assert "<b>Samsu County</b> · 삼수군" in html


def hostile_dataset(dataset):
    evil = "<img src=x onerror=alert(1)>`${alert(2)}`"
    hostile = with_values(dataset, "places", "samsu", name=evil)
    hostile = with_values(hostile, "organisations", "mirim", name=evil, short_name=evil)
    return with_values(hostile, "assignments", "pairing-2018-samsu", summary="</script><script>alert(3)</script>")


def test_hostile_names_are_escaped(dataset):
    html = render(hostile_dataset(dataset), FilterState(places=("samsu",)))
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "${alert(2)}" not in html and "`${" not in html
    assert "<script>alert(3)" not in html and "</script><script>" not in html


@pytest.mark.parametrize("assets", ["served", "inline"])
def test_no_outside_asset_when_online_layers_are_off(dataset, assets):
    html = render(dataset, assets=assets)
    assert ASSET_REF.findall(html) == []
    assert not TILE_URL.search(html)
    assert "cdn.jsdelivr" not in html and "code.jquery" not in html


def test_served_assets_point_at_the_apps_own_server(dataset):
    html = render(dataset)
    assert '<script src="../border_atlas.ui.offline.assets/leaflet/data/leaflet.js">' in html
    assert "../border_atlas.ui.offline.assets/jquery/data/jquery.min.js" in html


def test_online_layers_only_when_asked(dataset):
    html = render(dataset, online_basemap=True)
    assert "tile.openstreetmap.org" in html
    assert "OpenStreetMap (online)" in html


def test_legend_scale_bar_north_arrow_locator_and_context(dataset):
    html = render(dataset)
    assert "ba-legend-data" in html and "Mirim Shipping Company" in html and "approximate position" in html
    assert '"controlScale": true' in html or "L.control.scale" in html
    assert "ba-north" in html and "ba-locator" in html
    assert "Border and rivers (GSHHG)" in html  # a layer in the layer control
    # Towns from GeoNames give context; those the data draws itself (Changbai) are not drawn twice.
    assert "Context: towns and names" in html and 'data-geonameid="' in html
    assert 'data-geonameid="2038185"' not in html


@pytest.mark.parametrize(("state", "listed", "not_listed"), [
    (FilterState(orgs=("mirim",), exact_orgs=True), {"Mirim Shipping Company"},
     {"Kumgang Office", "Ministry of State Security"}),
    (FilterState(era="post-covid"), {"Ministry of State Security", "Private companies (unnamed)"},
     {"Mirim Shipping Company"}),
])
def test_the_legend_lists_only_what_is_drawn(dataset, state, listed, not_listed):
    legend = legend_html(select(dataset, state))
    assert all(name in legend for name in listed)
    assert not any(name in legend for name in not_listed)


def test_view_focuses_on_the_border_region_and_names_the_rest(dataset):
    sel = select(dataset, FilterState())
    (south, west), (north, east) = focus_bounds(sel)
    assert south >= 41.2 and north <= 41.5  # Pyongyang, Jagang and North Hamgyong are left out of the fit
    assert set(off_map_ids(sel)) == {"pyongyang", "jagang", "north-hamgyong"}
    html = render(dataset)
    assert "fitBounds" in html and "Also, off this map:" in html and "1 record at Pyongyang" in html
    only_far = select(dataset, FilterState(places=("pyongyang",)))
    assert focus_bounds(only_far)[0][0] == pytest.approx(39.03385) and off_map_ids(only_far) == []


def test_a_link_view_replaces_the_fit(dataset):
    html = assemble_map(select(dataset, FilterState()), options=MapOptions(centre=(41.3, 128.1), zoom=11))
    rendered = html.get_root().render()
    assert "fitBounds" not in rendered and "[41.3, 128.1]" in rendered


def test_empty_selection_still_draws_a_map(dataset):
    sel = select(dataset, FilterState(orgs=("mirim",), era="post-covid"))
    layers = data_layers(sel)
    assert [layer.layer_name for layer in layers] == ["Areas with records", "Location uncertainty",
                                                       "Places with records", "Landmarks (no records)"]
    assert marker_classes(assemble_map(sel).get_root().render()) == set()


def test_records_whose_place_has_no_position_are_not_drawn(dataset):
    broken = without_rows(dataset, "places", "samsu")
    sel = select(broken, FilterState(orgs=("mirim",)))
    assert sel.count == 1 and sel.places.empty
    assert pd.isna(sel.records.loc[0, "place_lat"])
    assert marker_classes(assemble_map(sel).get_root().render()) == set()


def test_the_asset_check_catches_a_stock_folium_map():
    import folium

    assert ASSET_REF.search(folium.Map().get_root().render())
