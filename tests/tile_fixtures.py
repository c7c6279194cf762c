"""Small tile archives for the tests, drawn here from the bundled GSHHG lines with Pillow (nothing downloaded).

Each archive has a ground colour of its own, so a test can tell from a screenshot which basemap
is drawn: the built-in basemap never uses these colours.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

from PIL import Image, ImageDraw
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import write

from border_atlas.places.basemap import load_basemap
from border_atlas.tiles.embedding import TILE_PX, world_px

# Around Hyesan: the region every test view lies in.
BOUNDS = ((40.9, 127.5), (41.9, 128.9))
ZOOMS = range(7, 12)
MBTILES_GROUND = (40, 90, 60)  # dark green
PMTILES_GROUND = (60, 60, 120)  # slate blue
LINE = (250, 235, 120)


def tile_range(zoom: int, bounds=BOUNDS) -> list[tuple[int, int]]:
    (south, west), (north, east) = bounds
    x0, y0 = (int(v // TILE_PX) for v in world_px(north, west, zoom))
    x1, y1 = (int(v // TILE_PX) for v in world_px(south, east, zoom))
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def draw_tile(z: int, x: int, y: int, ground: tuple[int, int, int], fmt: str = "PNG") -> bytes:
    """A 256 px tile: the ground colour, with the border and rivers drawn as they run through it."""
    image = Image.new("RGB", (TILE_PX, TILE_PX), ground)
    draw = ImageDraw.Draw(image)
    basemap = load_basemap()
    for run in basemap.border + basemap.rivers:
        points = [world_px(lat, lon, z) for lon, lat in run]
        draw.line([(px - x * TILE_PX, py - y * TILE_PX) for px, py in points], fill=LINE, width=3)
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def make_mbtiles(path: Path, *, ground=MBTILES_GROUND, name="Test imagery (MBTiles)",
                 attribution="Test tiles drawn from GSHHG", bounds=BOUNDS, zooms=ZOOMS) -> Path:
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE metadata (name TEXT, value TEXT);"
                     "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
                     "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);")
    meta = {"name": name, "format": "png", "minzoom": str(min(zooms)), "maxzoom": str(max(zooms)),
            "attribution": attribution}
    db.executemany("INSERT INTO metadata VALUES (?, ?)", meta.items())
    for z in zooms:
        db.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                       [(z, x, (1 << z) - 1 - y, draw_tile(z, x, y, ground)) for x, y in tile_range(z, bounds)])
    db.commit()
    db.close()
    return path


def make_pmtiles(path: Path, *, ground=PMTILES_GROUND, name="Test imagery (PMTiles)",
                 attribution="Test tiles drawn from GSHHG, PMTiles", bounds=BOUNDS, zooms=ZOOMS) -> Path:
    tiles = sorted((zxy_to_tileid(z, x, y), z, x, y) for z in zooms for x, y in tile_range(z, bounds))
    (south, west), (north, east) = bounds
    with write(path) as writer:
        for tile_id, z, x, y in tiles:
            writer.write_tile(tile_id, draw_tile(z, x, y, ground))
        writer.finalize({
            "tile_type": TileType.PNG, "tile_compression": Compression.NONE,
            "min_lon_e7": int(west * 1e7), "min_lat_e7": int(south * 1e7), "max_lon_e7": int(east * 1e7),
            "max_lat_e7": int(north * 1e7), "center_zoom": 9, "center_lon_e7": int((west + east) / 2 * 1e7),
            "center_lat_e7": int((south + north) / 2 * 1e7),
        }, {"name": name, "attribution": attribution})
    return path


def settings_text(entries: list[dict]) -> str:
    """A basemaps.toml listing ``entries`` (each a dict of the keys a [[basemap]] table takes)."""
    lines = []
    for entry in entries:
        lines.append("[[basemap]]")
        lines += [f"{key} = {value!r}".replace("'", '"') for key, value in entry.items()]
        lines.append("")
    return "\n".join(lines)


def tile_count() -> int:
    return sum(len(tile_range(z)) for z in ZOOMS)


