"""The tile route as the browser meets it: the tile with its image type, caching headers, 304, and 404."""

from __future__ import annotations

import pytest
from starlette.routing import Router
from starlette.testclient import TestClient
from tile_fixtures import MBTILES_GROUND, PMTILES_GROUND, draw_tile, settings_text, tile_range

from border_atlas.tiles.routes import tile_routes
from border_atlas.tiles.settings import SETTINGS_ENV


def get(path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """One GET through the routes, as the server would pass it on (in a thread of its own: a browser test's
    event loop may be running in this one)."""
    with TestClient(Router(routes=tile_routes())) as client:
        response = client.get(path, headers=headers or {})
    return response.status_code, dict(response.headers), response.content


@pytest.fixture
def configured(archives, tmp_path, monkeypatch):
    settings = tmp_path / "basemaps.toml"
    settings.write_text(settings_text([
        {"id": "m", "name": "MBTiles", "kind": "mbtiles", "path": str(archives[0])},
        {"id": "p", "name": "PMTiles", "kind": "pmtiles", "path": str(archives[1])},
    ]))
    monkeypatch.setenv(SETTINGS_ENV, str(settings))


def test_a_tile_is_served_with_its_type_and_caching_headers(configured):
    x, y = tile_range(9)[2]
    for ident, ground in (("m", MBTILES_GROUND), ("p", PMTILES_GROUND)):
        status, headers, body = get(f"/basemap-tiles/{ident}/9/{x}/{y}")
        assert status == 200 and body == draw_tile(9, x, y, ground)
        assert headers["content-type"] == "image/png" and headers["x-content-type-options"] == "nosniff"
        assert headers["cache-control"].startswith("private, max-age=") and headers["etag"].startswith('"')
        again = get(f"/basemap-tiles/{ident}/9/{x}/{y}", {"If-None-Match": headers["etag"]})
        assert again[0] == 304 and again[2] == b""


def test_what_is_not_there_is_404(configured):
    x, y = tile_range(9)[0]
    assert get(f"/basemap-tiles/unknown/9/{x}/{y}")[0] == 404
    assert get("/basemap-tiles/m/9/0/0")[0] == 404  # outside the archive
    assert get(f"/basemap-tiles/m/40/{x}/{y}")[0] == 404  # past the map's zooms
    assert get("/basemap-tiles/m/9/-1/0")[0] == 404  # not a route at all: the path does not match
    assert get(f"/basemap-tiles/../m/9/{x}/{y}")[0] == 404
