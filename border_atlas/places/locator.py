"""The Korean peninsula as a small inline SVG, for a locator inset.

``data/basemap/peninsula.geojson`` is derived from GSHHG by ``scripts/build_locator.py``.
The drawing is in Web Mercator, like the map, so that the map's view can be drawn on it as
a rectangle; :class:`InsetFrame` holds the projection and :func:`inset_svg` the drawing.

>>> frame = InsetFrame((124.0, 33.0, 131.0, 43.0), width=140)
>>> frame.height
255
>>> [round(v, 1) for v in frame.project(127.5, 38.0)]
[70.0, 131.6]
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from border_atlas.text.escaping import esc

PENINSULA_FILE = Path(__file__).resolve().parent.parent.parent / "data" / "basemap" / "peninsula.geojson"

# Where the words are printed on the inset (lon, lat): placement of a label, not a location.
INSET_LABELS = (("CHINA", 125.6, 42.2), ("N. KOREA", 126.7, 40.3), ("S. KOREA", 127.9, 36.4))
MIN_STEP_PX = 0.6  # vertices closer than this to the previous one add bytes and nothing visible


@dataclass(frozen=True)
class Peninsula:
    land: list[list[list[list[float]]]]  # polygons, each a list of rings of [lon, lat]
    border: list[list[list[float]]]  # China-North Korea, runs of [lon, lat]
    koreas: list[list[list[float]]]  # between the two Koreas
    russia: list[list[list[float]]]  # Russia's borders with China and North Korea
    bbox: tuple[float, float, float, float]  # west, south, east, north
    provenance: str


@cache
def load_peninsula(path: Path = PENINSULA_FILE) -> Peninsula:
    collection = json.loads(path.read_text(encoding="utf-8"))
    layers = {f["properties"]["layer"]: f["geometry"]["coordinates"] for f in collection["features"]}
    return Peninsula(layers["land"], layers["border"], layers["koreas"], layers["russia"],
                     tuple(collection["bbox"]), collection["provenance"])


def mercator(lat: float) -> float:
    """Web Mercator's northing in radians (the same formula as the inset's script)."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


@dataclass(frozen=True)
class InsetFrame:
    """A Web Mercator frame: ``bbox`` (west, south, east, north) drawn ``width`` pixels wide."""

    bbox: tuple[float, float, float, float]
    width: int = 140

    def __post_init__(self):
        west, south, east, north = self.bbox
        if not (west < east and -85 < south < north < 85):
            raise ValueError(f"bbox must be (west, south, east, north) with west < east, south < north: {self.bbox}")
        if self.width < 40:
            raise ValueError(f"width must be at least 40 px, not {self.width}")

    @property
    def scale(self) -> float:
        """Pixels per radian."""
        return self.width / math.radians(self.bbox[2] - self.bbox[0])

    @property
    def height(self) -> int:
        return round((mercator(self.bbox[3]) - mercator(self.bbox[1])) * self.scale)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """Pixel (x, y) of a point, from the frame's top-left corner."""
        return (math.radians(lon - self.bbox[0]) * self.scale, (mercator(self.bbox[3]) - mercator(lat)) * self.scale)

    def js_params(self) -> dict:
        """What the inset's script needs to project the map's bounds the same way."""
        west, south, east, north = self.bbox
        return {"west": west, "east": east, "top": mercator(north), "bottom": mercator(south),
                "width": self.width, "height": self.height}


def svg_path(runs, frame: InsetFrame, *, closed: bool = False) -> str:
    """SVG path data for runs of [lon, lat], with vertices under ``MIN_STEP_PX`` apart dropped.

    >>> svg_path([[[124, 43], [124.001, 43], [125, 42]]], InsetFrame((124, 42, 126, 43), width=100))
    'M0 0L50 67.8'
    """
    parts = []
    for run in runs:
        points: list[tuple[float, float]] = []
        for lon, lat in run:
            x, y = frame.project(lon, lat)
            if not points or math.hypot(x - points[-1][0], y - points[-1][1]) >= MIN_STEP_PX:
                points.append((x, y))
        if len(points) < 2:
            continue
        text = "L".join(f"{_number(x)} {_number(y)}" for x, y in points)
        parts.append(f"M{text}{'Z' if closed else ''}")
    return "".join(parts)


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def inset_svg(peninsula: Peninsula, frame: InsetFrame, *, labels: bool = True) -> str:
    """The inset's SVG: sea, land, the borders, optional country names, and an empty view rectangle.

    The rectangle (class ``ba-locator-view``) is placed by the map's script.
    """
    land = svg_path([ring for polygon in peninsula.land for ring in polygon], frame, closed=True)
    words = ""
    if labels:
        words = "".join(
            f'<text x="{x:.0f}" y="{y:.0f}">{esc(text)}</text>'
            for text, lon, lat in INSET_LABELS
            for x, y in [frame.project(lon, lat)]
            if 0 <= x <= frame.width and 0 <= y <= frame.height
        )
    return (
        f'<svg class="ba-locator-map" viewBox="0 0 {frame.width} {frame.height}" width="{frame.width}" '
        f'height="{frame.height}" role="img" aria-label="Where the map is on the Korean peninsula">'
        f'<rect class="sea" width="{frame.width}" height="{frame.height}"/>'
        f'<path class="land" d="{land}"/>'
        f'<path class="russia" d="{svg_path(peninsula.russia, frame)}"/>'
        f'<path class="koreas" d="{svg_path(peninsula.koreas, frame)}"/>'
        f'<path class="border" d="{svg_path(peninsula.border, frame)}"/>'
        f'<g class="words">{words}</g>'
        '<rect class="ba-locator-view" x="0" y="0" width="0" height="0" visibility="hidden"/>'
        "</svg>"
    )
