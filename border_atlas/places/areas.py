"""The outlines of areas (provinces, counties) that records are about, from bundled GeoJSON.

``data/basemap/areas.geojson`` holds Natural Earth's province outlines for the places that need
them (``scripts/build_areas.py``). A record about a whole area is drawn over its outline; an area
with no outline in the file is drawn at a point, and says so, rather than given an invented shape.

>>> outline = area_outline("ryanggang")
>>> outline.geometry["type"], outline.bounds[0][0] < 41.40167 < outline.bounds[1][0]
('MultiPolygon', True)
>>> area_outline("samsu") is None  # no openly licensed county outline is bundled
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

AREAS_FILE = Path(__file__).resolve().parent.parent.parent / "data" / "basemap" / "areas.geojson"
AREA_KINDS = ("province", "county")
# Shown wherever the outlines may be: the map's attribution, the briefing's footer, the slide.
CREDIT = "provinces: Natural Earth"


@dataclass(frozen=True)
class Outline:
    place_id: str
    geometry: dict  # GeoJSON MultiPolygon, [lon, lat]
    bounds: tuple[tuple[float, float], tuple[float, float]]  # ((south, west), (north, east))


def _bounds(geometry: dict) -> tuple[tuple[float, float], tuple[float, float]]:
    points = [p for polygon in geometry["coordinates"] for ring in polygon for p in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return (min(lats), min(lons)), (max(lats), max(lons))


@cache
def load_outlines(path: Path = AREAS_FILE) -> dict[str, Outline]:
    """Place id -> its outline."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    return {
        f["properties"]["place_id"]: Outline(f["properties"]["place_id"], f["geometry"], _bounds(f["geometry"]))
        for f in collection["features"]
    }


def is_area(kind: str | None) -> bool:
    return kind in AREA_KINDS


def area_outline(place_id: str) -> Outline | None:
    """The outline of a place, if one is bundled."""
    return load_outlines().get(place_id)
