"""Reading tiles from MBTiles, PMTiles and folders: the right tile for z/x/y, metadata, and clear refusals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tile_fixtures import MBTILES_GROUND, PMTILES_GROUND, ZOOMS, draw_tile, tile_range

from border_atlas.tiles.catalog import Catalog, open_basemap
from border_atlas.tiles.settings import BasemapSpec, parse_settings
from border_atlas.tiles.sources import FolderSource, MBTilesSource, PMTilesSource, SourceUnavailable, XYZSource


def test_mbtiles_gives_each_tile_from_its_flipped_row(archives):
    source = MBTilesSource(archives[0])
    for z in ZOOMS:
        x, y = tile_range(z)[-1]
        assert source.tile(z, x, y) == draw_tile(z, x, y, MBTILES_GROUND)
        # The row as stored counts from the south; asking for it as an XYZ row finds another tile or none.
        flipped = (1 << z) - 1 - y
        assert source.tile(z, x, flipped) != source.tile(z, x, y)
    assert source.tile(3, 0, 0) is None


def test_pmtiles_gives_each_tile(archives):
    source = PMTilesSource(archives[1])
    for z in ZOOMS:
        for x, y in tile_range(z)[:3]:
            assert source.tile(z, x, y) == draw_tile(z, x, y, PMTILES_GROUND)
    assert source.tile(3, 0, 0) is None


def test_metadata_gives_credit_and_zooms(archives):
    mbtiles, pmtiles = (open_basemap(BasemapSpec(k, k, k, str(p))) for k, p in zip(("mbtiles", "pmtiles"), archives))
    assert (mbtiles.attribution, mbtiles.min_zoom, mbtiles.max_zoom) == ("Test tiles drawn from GSHHG", 7, 11)
    assert (pmtiles.attribution, pmtiles.min_zoom, pmtiles.max_zoom) == ("Test tiles drawn from GSHHG, PMTiles", 7, 11)
    # The settings file's values win over the archive's.
    chosen = open_basemap(BasemapSpec("m", "m", "mbtiles", str(archives[0]), "Our credit", 8, 10))
    assert (chosen.attribution, chosen.min_zoom, chosen.max_zoom) == ("Our credit", 8, 10)
    x, y = tile_range(11)[0]
    assert chosen.tile(11, x, y) is None and chosen.tile(10, *tile_range(10)[0]) is not None


def test_a_folder_of_tiles(tmp_path):
    z, (x, y) = 9, tile_range(9)[0]
    (tmp_path / "9" / str(x)).mkdir(parents=True)
    (tmp_path / "9" / str(x) / f"{y}.png").write_bytes(draw_tile(z, x, y, MBTILES_GROUND))
    source = FolderSource(tmp_path)
    assert source.tile(z, x, y) == draw_tile(z, x, y, MBTILES_GROUND) and source.tile(z, x, y + 1) is None


@pytest.mark.parametrize(("kind", "content", "reason"), [
    ("mbtiles", None, "no such file"),
    ("pmtiles", None, "no such file"),
    ("mbtiles", b"this is text, not SQLite" * 10, "not a readable MBTiles file"),
    ("pmtiles", b"this is text, not PMTiles" * 10, "not a readable PMTiles file"),
    ("pmtiles", b"", "not a readable PMTiles file"),
])
def test_a_missing_or_broken_archive_is_named_with_the_reason(tmp_path, kind, content, reason):
    path = tmp_path / f"hyesan.{kind}"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(SourceUnavailable, match=reason) as raised:
        open_basemap(BasemapSpec("h", "Hyesan", kind, str(path)))
    assert str(path) in str(raised.value)


def test_vector_tiles_are_refused(tmp_path):
    path = tmp_path / "vector.mbtiles"
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE metadata (name, value); CREATE TABLE tiles (zoom_level, tile_column, tile_row, "
                     "tile_data); INSERT INTO metadata VALUES ('format', 'pbf');")
    db.commit()
    db.close()
    with pytest.raises(SourceUnavailable, match="vector tiles"):
        MBTilesSource(path)


def test_an_xyz_server_needs_an_http_url_with_z_x_y():
    with pytest.raises(SourceUnavailable, match=r"\{z\}"):
        XYZSource("file:///etc/passwd")
    assert XYZSource("http://tiles.internal/{z}/{x}/{y}.png").template.startswith("http://tiles.internal/")


def test_the_catalog_keeps_what_opens_and_says_why_the_rest_cannot(archives, tmp_path):
    specs = [BasemapSpec("good", "Good", "mbtiles", str(archives[0])),
             BasemapSpec("gone", "Gone", "pmtiles", str(tmp_path / "gone.pmtiles"))]
    catalog = Catalog.from_specs(specs)
    assert [b.id for b in catalog.basemaps] == ["good"]
    assert len(catalog.problems) == 1 and "Basemap 'Gone' cannot be used" in catalog.problems[0]
    assert "built-in basemap is drawn instead" in catalog.problems[0]


def test_settings_entries_that_cannot_be_used_are_named():
    text = """
[[basemap]]
name = "Hyesan 2019"
kind = "mbtiles"
path = "hyesan.mbtiles"
min_zoom = 8

[[basemap]]
name = "No kind"
path = "x"

[[basemap]]
name = "Hyesan 2019"
kind = "pmtiles"
path = "again.pmtiles"

[[basemap]]
name = "Zoom"
kind = "xyz"
url = "http://tiles.internal/{z}/{x}/{y}"
max_zoom = "deep"
"""
    specs, problems = parse_settings(text, folder=Path("/maps"), label="basemaps.toml")
    assert [(s.id, s.location, s.min_zoom) for s in specs] == [("hyesan-2019", "/maps/hyesan.mbtiles", 8)]
    assert [p.split(":")[0] for p in problems] == ["basemaps.toml, basemap 2", "basemaps.toml, basemap 3",
                                                  "basemaps.toml, basemap 4"]
    assert "kind must be one of" in problems[0] and "taken" in problems[1] and "max_zoom" in problems[2]
    assert parse_settings("[[basemap]\nname=", folder=Path("."))[1][0].startswith("basemaps.toml: not valid TOML")


def test_the_example_settings_file_in_the_docs_reads_without_a_problem():
    example = Path(__file__).resolve().parents[2] / "docs" / "basemaps.example.toml"
    specs, problems = parse_settings(example.read_text(encoding="utf-8"), folder=example.parent)
    assert problems == [] and [s.kind for s in specs] == ["mbtiles", "pmtiles", "folder", "xyz"]


def test_an_xyz_server_on_the_own_network_is_asked_by_the_app(tmp_path):
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    z, (x, y) = 9, tile_range(9)[0]
    (tmp_path / "9" / str(x)).mkdir(parents=True)
    (tmp_path / "9" / str(x) / f"{y}.png").write_bytes(draw_tile(z, x, y, PMTILES_GROUND))
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        basemap = open_basemap(BasemapSpec("t", "Terrain", "xyz",
                                           f"http://127.0.0.1:{server.server_port}/{{z}}/{{x}}/{{y}}.png"))
        assert basemap.tile(z, x, y) == draw_tile(z, x, y, PMTILES_GROUND)
        assert basemap.tile(z, x, y + 1) is None  # the server's 404
    finally:
        server.shutdown()
