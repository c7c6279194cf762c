"""The analyst's basemaps on every map: served in the app, carried inside standalone pages, chosen by a link."""

from __future__ import annotations

import base64
import re

import pytest
from tile_fixtures import MBTILES_GROUND, PMTILES_GROUND, draw_tile, settings_text

from border_atlas import FilterState, select
from border_atlas.filters.link import BriefingText, Link
from border_atlas.mapview import MapOptions, assemble_map
from border_atlas.tiles import embedding
from border_atlas.tiles.catalog import BUILTIN_NAME, chosen_basemap, current_catalog
from border_atlas.tiles.settings import SETTINGS_ENV
from border_atlas.views.briefing import briefing_document, map_document
from border_atlas.views.comparison import comparison_document

DATA_URI = re.compile(r'"(\d+/\d+/\d+)":"data:image/png;base64,([^"]+)"')


@pytest.fixture
def configured(archives, tmp_path, monkeypatch):
    settings = tmp_path / "basemaps.toml"
    settings.write_text(settings_text([
        {"id": "m", "name": "Hyesan <2019>", "kind": "mbtiles", "path": str(archives[0]),
         "attribution": "<img src=x onerror=alert(1)>"},
        {"id": "p", "name": "Hyesan 2024", "kind": "pmtiles", "path": str(archives[1])},
    ]))
    monkeypatch.setenv(SETTINGS_ENV, str(settings))
    return current_catalog()


def embedded_tiles(html: str) -> dict[str, bytes]:
    return {key: base64.b64decode(data) for key, data in DATA_URI.findall(html)}


def test_the_app_s_map_lists_every_basemap_and_draws_the_chosen_one_under_the_lines(dataset, configured):
    options = MapOptions(basemap=configured.get("p"), basemaps=configured.basemaps)
    html = assemble_map(select(dataset, FilterState()), options=options).get_root().render()
    assert "../../basemap-tiles/m/{z}/{x}/{y}" in html and "../../basemap-tiles/p/{z}/{x}/{y}" in html
    # The layer control offers the built-in basemap and both archives, names escaped.
    assert all(name in html for name in (BUILTIN_NAME, "Hyesan \\u0026lt;2019\\u0026gt;", "Hyesan 2024"))
    assert "<img src=x" not in html and "Hyesan <2019>" not in html
    # The chosen one is added to the map, the other only offered; the built-in lines stay an overlay.
    added = re.findall(r"(tile_layer_\w+)\.addTo\(map_", html)
    declared = re.findall(r"var (tile_layer_\w+) = L\.tileLayer\(\s*\"([^\"]+)\"", html)
    assert [url for name, url in declared if name in added] == ["../../basemap-tiles/p/{z}/{x}/{y}"]
    assert "L.polyline(data.border, style.border)" in html


def test_without_a_configured_basemap_the_map_is_as_before(dataset):
    html = assemble_map(select(dataset, FilterState())).get_root().render()
    assert "basemap-tiles" not in html and BUILTIN_NAME not in html


def test_a_standalone_briefing_carries_the_tiles_of_its_view(dataset, configured):
    selection = select(dataset, FilterState(places=("hyesan",)))
    html = briefing_document(selection, BriefingText(basemap="m"))
    tiles = embedded_tiles(html)
    assert tiles, "no tile inside the page"
    for key, data in tiles.items():
        z, x, y = map(int, key.split("/"))
        assert data == draw_tile(z, x, y, MBTILES_GROUND)
    assert "basemap-tiles" not in html  # nothing to fetch: the page's policy forbids it anyway
    # The slide's picture and the comparison (two basemaps, one per era) carry theirs.
    assert embedded_tiles(map_document(selection, basemap="p"))
    comparison = comparison_document(selection, basemaps=("m", "p"))
    grounds = {data == draw_tile(*map(int, key.split("/")), PMTILES_GROUND)
               for key, data in ((k, base64.b64decode(d)) for k, d in DATA_URI.findall(comparison))}
    assert grounds == {True, False}  # the left map carries the MBTiles archive's tiles, the right one the PMTiles


def test_a_page_too_large_to_carry_its_tiles_says_which_basemap_it_needs(dataset, configured, monkeypatch):
    monkeypatch.setattr(embedding, "MAX_TILES", 3)
    html = briefing_document(select(dataset, FilterState()), BriefingText(basemap="p"))
    assert not embedded_tiles(html)
    assert "Hyesan 2024" in html and "(id p) not included (" in html and "drawn with the built-in basemap" in html


def test_the_choice_travels_in_the_link(dataset, configured):
    link = Link.from_query_params({"basemap": ["m"], "basemap2": ["p"]}, dataset,
                                  basemaps={b.id for b in configured.basemaps})
    assert (link.view.basemap, link.view.basemap_right, link.briefing.basemap) == ("m", "p", "m")
    assert link.to_query_params() == {"basemap": "m", "basemap2": "p"} and link.notes == ()
    elsewhere = Link.from_query_params({"basemap": ["m"]}, dataset, basemaps=set())
    assert elsewhere.view.basemap == "" and "not configured here" in elsewhere.notes[0]
    hostile = Link.from_query_params({"basemap": ["<script>"]}, dataset)
    assert hostile.view.basemap == "" and hostile.notes


def test_an_export_asks_for_a_basemap_by_id(configured):
    assert chosen_basemap("p").name == "Hyesan 2024" and chosen_basemap("") is None and chosen_basemap("x") is None
