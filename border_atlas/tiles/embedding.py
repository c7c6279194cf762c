"""The tiles of a view, for a page that must stand alone (the briefing's PNG and HTML, the slide, the comparison).

Such a page may fetch nothing, so the tiles it shows travel inside it as ``data:`` URIs. The view
is fitted in the browser, so the tiles around the view's bounds are taken at the three zooms the
fit can choose on a page up to 2000×1200 px; past :data:`MAX_TILES` or :data:`MAX_BYTES` nothing is
embedded and the page says which basemap it needs.

>>> sorted({x for _, x, _ in tiles_around([[41.3, 128.0], [41.5, 128.3]], zoom=10, size=(512, 512))})
[875, 876, 877]
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass

from border_atlas.tiles.catalog import TileBasemap
from border_atlas.tiles.sources import media_type

TILE_PX = 256
PAGE_PX = (2000, 1200)  # the largest map a standalone page draws (the briefing at 1920×1080 is smaller)
MAX_TILES = 400
MAX_BYTES = 24 * 1024 * 1024


def world_px(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel of a point at ``zoom`` (256 px tiles)."""
    scale = TILE_PX * (1 << zoom)
    lat = max(min(lat, 85.0511), -85.0511)
    y = (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2
    return (lon + 180) / 360 * scale, y * scale


def tiles_around(bounds, *, zoom: int, size: tuple[int, int] = PAGE_PX) -> list[tuple[int, int, int]]:
    """The tiles a ``size`` px window centred on ``bounds`` covers at ``zoom``."""
    (south, west), (north, east) = bounds
    x0, y0 = world_px(north, west, zoom)
    x1, y1 = world_px(south, east, zoom)
    cx, cy, last = (x0 + x1) / 2, (y0 + y1) / 2, (1 << zoom) - 1
    xs = range(max(0, int((cx - size[0] / 2) // TILE_PX)), min(last, int((cx + size[0] / 2) // TILE_PX)) + 1)
    ys = range(max(0, int((cy - size[1] / 2) // TILE_PX)), min(last, int((cy + size[1] / 2) // TILE_PX)) + 1)
    return [(zoom, x, y) for x in xs for y in ys]


def fit_zooms(bounds, *, size: tuple[int, int] = PAGE_PX, count: int = 3) -> list[int]:
    """The deepest zoom at which ``bounds`` fit ``size``, and the ``count - 1`` above it (smaller pages fit higher)."""
    (south, west), (north, east) = bounds
    deepest = 0
    for zoom in range(0, 19):
        x0, y0 = world_px(north, west, zoom)
        x1, y1 = world_px(south, east, zoom)
        if x1 - x0 <= size[0] and y1 - y0 <= size[1]:
            deepest = zoom
    return list(range(max(0, deepest - count + 1), deepest + 1))


@dataclass(frozen=True)
class Embedded:
    """Tiles as ``"z/x/y" -> data: URI`` for a page, or why they could not be embedded (``note``)."""

    tiles: dict[str, str]
    zooms: tuple[int, ...]
    note: str = ""


def embed_view(basemap: TileBasemap, bounds, *, zoom: int | None = None) -> Embedded:
    """The tiles around ``bounds`` (at ``zoom``, else at the zooms a fit may choose), within the limits."""
    wanted = [zoom] if zoom is not None else fit_zooms(bounds)
    zooms = sorted({min(max(z, basemap.min_zoom), basemap.max_zoom) for z in wanted})
    keys = [t for z in zooms for t in tiles_around(bounds, zoom=z, size=PAGE_PX if zoom is None else (2600, 1600))]
    if len(keys) > MAX_TILES:
        return Embedded({}, tuple(zooms), f"{len(keys)} tiles, more than the {MAX_TILES} a page may hold")
    tiles, total = {}, 0
    for z, x, y in keys:
        data = basemap.tile(z, x, y)
        kind = media_type(data) if data else None
        if kind is None:
            continue
        total += len(data)
        if total > MAX_BYTES:
            return Embedded({}, tuple(zooms), f"its tiles exceed the {MAX_BYTES // 2**20} MB a page may hold")
        tiles[f"{z}/{x}/{y}"] = f"data:{kind};base64,{base64.b64encode(data).decode()}"
    return Embedded(tiles, tuple(zooms))
