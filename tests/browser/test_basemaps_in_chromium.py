"""The analyst's basemaps in the real app: tiles drawn from the app's own host, the choice kept in a link,
the briefing PNG drawn on them, and a broken archive named while the built-in map is drawn."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from browser_helpers import GEOMETRY, MAP_FRAME, artifact, check_controls, start_app, stop_app
from playwright.sync_api import expect
from tile_fixtures import MBTILES_GROUND, PMTILES_GROUND, make_mbtiles, make_pmtiles, settings_text

from border_atlas import FilterState, select
from border_atlas.exports.png_export import briefing_png
from border_atlas.filters.link import BriefingText
from border_atlas.tiles.settings import SETTINGS_ENV

pytestmark = pytest.mark.browser
BROKEN_MESSAGE = "Basemap 'Broken archive' cannot be used"


@pytest.fixture(scope="module")
def basemaps(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("basemaps")
    make_mbtiles(folder / "hyesan-2019.mbtiles")
    make_pmtiles(folder / "hyesan-2024.pmtiles")
    (folder / "broken.pmtiles").write_bytes(b"PMTiles\x07 damaged on the way")
    settings = folder / "basemaps.toml"
    settings.write_text(settings_text([
        {"id": "test-mbtiles", "name": "Hyesan test imagery 2019", "kind": "mbtiles", "path": "hyesan-2019.mbtiles"},
        {"id": "test-pmtiles", "name": "Hyesan test imagery 2024", "kind": "pmtiles", "path": "hyesan-2024.pmtiles"},
        {"id": "broken", "name": "Broken archive", "kind": "pmtiles", "path": "broken.pmtiles"},
    ]))
    return settings


@pytest.fixture(scope="module")
def tiles_app(chromium, basemaps):
    url, process = start_app(env={SETTINGS_ENV: str(basemaps)})
    yield url
    stop_app(process)


def share(png: bytes, colour: tuple[int, int, int], *, within: int = 30) -> float:
    """The share of a picture's pixels near ``colour`` (a tile's ground; the built-in map has nothing near it).

    Near, not equal: the area layers' light hatching lies over part of the ground.
    """
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.thumbnail((480, 480), Image.Resampling.NEAREST)
    pixels = list(image.get_flattened_data())
    return sum(max(abs(a - b) for a, b in zip(p, colour)) <= within for p in pixels) / len(pixels)


def open_map(page, url: str):
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".ba-marker").first).to_be_attached(timeout=60_000)
    return frame


def tiles_of(frame) -> list[str]:
    frame.locator(".leaflet-tile-loaded").first.wait_for(state="attached", timeout=30_000)
    return frame.locator(".leaflet-tile-pane img.leaflet-tile-loaded").evaluate_all("els => els.map(e => e.src)")


def test_tiles_are_drawn_from_the_app_s_own_host_under_the_lines(page, tiles_app, requests_seen):
    frame = open_map(page, f"{tiles_app}/?basemap=test-mbtiles")
    sources = tiles_of(frame)
    assert sources and all(f"{tiles_app}/basemap-tiles/test-mbtiles/" in s for s in sources), sources[:3]
    page.wait_for_timeout(1500)
    assert share(page.locator(MAP_FRAME).screenshot(), MBTILES_GROUND) > 0.3
    # The GSHHG lines and the context layer are drawn over the tiles, not under them.
    order = frame.locator(".leaflet-map-pane").evaluate("""p => {
        const z = s => Number(getComputedStyle(p.querySelector(s)).zIndex);
        return [z(".leaflet-tile-pane"), z(".leaflet-overlay-pane"), z(".leaflet-marker-pane")]; }""")
    assert order[0] < order[1] < order[2]
    assert frame.locator(".leaflet-overlay-pane path").count() > 0
    hosts = {u.split("/")[2] for u in requests_seen if u.startswith(("http", "ws"))}
    assert hosts == {tiles_app.split("/")[2]}, hosts


def test_a_link_reopens_with_the_basemap_chosen_in_the_layer_control(page, tiles_app):
    frame = open_map(page, f"{tiles_app}/?basemap=test-pmtiles")
    assert all("/basemap-tiles/test-pmtiles/" in s for s in tiles_of(frame))
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_text("Hyesan test imagery 2019").click()
    frame.locator(".ba-copylink-button").click()
    link = frame.locator(".ba-copylink-url").input_value()
    assert "basemap=test-mbtiles" in link
    reopened = open_map(page, link)
    assert all("/basemap-tiles/test-mbtiles/" in s for s in tiles_of(reopened))
    reopened.locator(".leaflet-control-layers").hover()
    assert reopened.get_by_label("Hyesan test imagery 2019").is_checked()


def test_a_broken_archive_is_named_and_the_built_in_map_drawn(page, tiles_app):
    frame = open_map(page, f"{tiles_app}/?basemap=broken")
    expect(page.get_by_text(BROKEN_MESSAGE)).to_be_visible()
    expect(page.get_by_text("the built-in basemap is drawn").first).to_be_visible()
    page.wait_for_timeout(1500)
    assert frame.locator(".leaflet-tile-pane img").count() == 0
    # The built-in basemap: the shaded Chinese side and the lines, no tile ground colour anywhere.
    assert frame.locator(".leaflet-overlay-pane path").count() >= 3
    picture = page.locator(MAP_FRAME).screenshot()
    assert share(picture, MBTILES_GROUND) < 0.02 and share(picture, PMTILES_GROUND) < 0.02  # a few marker pixels


def test_the_briefing_png_is_drawn_on_the_basemap(dataset, basemaps, monkeypatch):
    monkeypatch.setenv(SETTINGS_ENV, str(basemaps))
    selection = select(dataset, FilterState(places=("hyesan",)))
    drawn = briefing_png(selection, BriefingText(basemap="test-mbtiles"), scale=1)
    artifact("basemap-briefing.png").write_bytes(drawn)
    assert share(drawn, MBTILES_GROUND) > 0.1
    assert share(briefing_png(selection, BriefingText(), scale=1), MBTILES_GROUND) < 0.02


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (1920, 1080), (390, 844)])
def test_screens_with_basemaps_at_three_sizes(page, tiles_app, width, height):
    page.set_viewport_size({"width": width, "height": height})
    frame = open_map(page, f"{tiles_app}/?basemap=test-pmtiles")
    tiles_of(frame)
    page.wait_for_timeout(2000)
    check_controls(frame.locator("body").evaluate(f"() => ({GEOMETRY})()"))
    page.screenshot(path=artifact(f"basemap-map-{width}.png"), full_page=False)
    page.goto(f"{tiles_app}/Before_and_after?basemap=test-mbtiles&basemap2=test-pmtiles")
    document = page.frame_locator('iframe[data-testid="stIFrame"]')
    document.locator(".leaflet-tile-loaded").first.wait_for(state="attached", timeout=60_000)
    sources = document.locator(".leaflet-tile-pane img").evaluate_all("els => els.map(e => e.src)")
    assert any("/test-mbtiles/" in s for s in sources) and any("/test-pmtiles/" in s for s in sources)
    page.wait_for_timeout(2000)
    page.screenshot(path=artifact(f"basemap-before-after-{width}.png"), full_page=True)


