"""The offline basemap: the China-North Korea border and rivers, from bundled GeoJSON.

``data/basemap/border_region.geojson`` is derived from GSHHG by ``scripts/build_basemap.py``.
The Chinese side is shaded as a polygon built here from the border line and the edges of
the region, so the file stays a list of lines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from border_atlas.places.areas import CREDIT as AREAS_CREDIT

BASEMAP_FILE = Path(__file__).resolve().parent.parent.parent / "data" / "basemap" / "border_region.geojson"
# Shown wherever the basemap is: the map's attribution, the briefing's footer, the slide.
CREDIT = f"Border and rivers: GSHHG 2.3.6 (LGPL-3.0); {AREAS_CREDIT}"


@dataclass(frozen=True)
class Basemap:
    border: list[list[list[float]]]  # runs of [lon, lat]
    rivers: list[list[list[float]]]
    bbox: tuple[float, float, float, float]  # west, south, east, north
    provenance: str

    def china_polygon(self) -> dict:
        """GeoJSON Polygon of the Chinese side: the border run closed along the north edge.

        The run goes from the region's east edge to its west edge (GSHHG order), and all of
        the region north of it is China.
        """
        run = max(self.border, key=len)
        west, _, east, north = self.bbox
        if run[0][0] < run[-1][0]:
            run = run[::-1]
        ring = [*run, [west, run[-1][1]], [west, north], [east, north], [east, run[0][1]], run[0]]
        return {"type": "Polygon", "coordinates": [ring]}


@cache
def load_basemap(path: Path = BASEMAP_FILE) -> Basemap:
    collection = json.loads(path.read_text(encoding="utf-8"))
    layers = {f["properties"]["layer"]: f["geometry"]["coordinates"] for f in collection["features"]}
    return Basemap(layers["border"], layers["rivers"], tuple(collection["bbox"]), collection["provenance"])
