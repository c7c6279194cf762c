"""An offline geocoder over the places table, with geopy's ``Geocoder`` interface.

Exact names, Korean and Chinese names and alternative spellings match first; then the same
names without a generic suffix ("-dong", "Province", "시"); then fuzzy matches scored by
rapidfuzz. An exact name always wins, so "Hyetan" never resolves to Hyesan.

>>> from border_atlas import load_dataset
>>> gazetteer = Gazetteer(load_dataset().places)
>>> gazetteer.geocode("Ryonbong").raw["id"]
'yonbong'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from rapidfuzz import fuzz, process

from border_atlas.geodesy import distance_km
from border_atlas.text import normalise, split_list

# Generic words that do not tell one place from another ("Samsu County" == "Samsu").
_SUFFIXES = re.compile(
    r"(province|county|city|town|dong|gun|si|do|district|bridge|"
    r"[동시군도리구])$"
)
DEFAULT_MIN_SCORE = 80.0


@dataclass(frozen=True)
class _Key:
    text: str
    place_id: str
    label: str
    exact: bool


class Gazetteer(Geocoder):
    """Resolve place names against the bundled places table, with no network access.

    :param places: the places table of a :class:`~border_atlas.dataset.Dataset`.
    :param min_score: the lowest fuzzy score (0-100) accepted as a match.
    """

    def __init__(self, places: pd.DataFrame, *, min_score: float = DEFAULT_MIN_SCORE):
        super().__init__()
        if not 0 <= min_score <= 100:
            raise ValueError(f"min_score must be between 0 and 100, not {min_score!r}")
        self.min_score = min_score
        self._places = places.set_index("id")
        self._keys = self._index(places)
        self._exact: dict[str, str] = {}
        self._loose: dict[str, str] = {}
        for key in self._keys:
            table = self._exact if key.exact else self._loose
            table.setdefault(key.text, key.place_id)

    @staticmethod
    def _index(places: pd.DataFrame) -> list[_Key]:
        keys: list[_Key] = []
        for row in places.itertuples():
            labels = [row.name, row.name_ko, row.name_zh, *split_list(row.alt_names)]
            for label in labels:
                if not isinstance(label, str) or not label:
                    continue
                text = normalise(label)
                keys.append(_Key(text, row.id, label, True))
                loose = _SUFFIXES.sub("", text)
                if loose and loose != text:
                    keys.append(_Key(loose, row.id, label, False))
        return keys

    def _location(self, place_id: str, *, score: float, match: str, matched: str) -> Location:
        row = self._places.loc[place_id]
        raw = {
            "id": place_id,
            "name": row["name"],
            "kind": row["kind"],
            "precision": row["precision"],
            "uncertainty_m": None if pd.isna(row["uncertainty_m"]) else float(row["uncertainty_m"]),
            "score": round(float(score), 1),
            "match": match,
            "matched": matched,
        }
        return Location(row["name"], (float(row["lat"]), float(row["lon"])), raw)

    def geocode(self, query: str, *, exactly_one: bool = True, limit: int = 5):
        """Find a place by name.

        :returns: a :class:`geopy.location.Location` whose ``raw`` holds the place id, the
            match kind ("exact", "suffix", "fuzzy") and its score; a list of them when
            ``exactly_one`` is False; None (or []) when nothing matches.
        """
        text = normalise(query or "")
        if not text:
            return None if exactly_one else []
        for table, match in ((self._exact, "exact"), (self._loose, "suffix")):
            for candidate in (text, _SUFFIXES.sub("", text)):
                if candidate in table:
                    kind = match if candidate == text else "suffix"
                    found = self._location(table[candidate], score=100.0, match=kind, matched=query)
                    return found if exactly_one else [found]
        choices = [key.text for key in self._keys]
        scored = process.extract(text, choices, scorer=fuzz.ratio, score_cutoff=self.min_score, limit=None)
        results: list[Location] = []
        seen: set[str] = set()
        for _, score, index in scored:
            key = self._keys[index]
            if key.place_id in seen:
                continue
            seen.add(key.place_id)
            results.append(self._location(key.place_id, score=score, match="fuzzy", matched=key.label))
        if exactly_one:
            return results[0] if results else None
        return results[:limit]

    def reverse(self, query, *, exactly_one: bool = True, limit: int = 5):
        """The nearest places to a (lat, lon) point, by geodesic distance."""
        point = (float(query[0]), float(query[1]))
        ranked = sorted(
            ((distance_km(point, (row.lat, row.lon)), row.id) for row in self._places.reset_index().itertuples()),
        )
        found = [
            self._location(place_id, score=100.0, match="nearest", matched=f"{km:.1f} km")
            for km, place_id in ranked[: 1 if exactly_one else limit]
        ]
        return (found[0] if found else None) if exactly_one else found
