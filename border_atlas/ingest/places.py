"""Places a report names, found by the offline gazetteer: the finder that :func:`recognise` takes.

Each mention says which place it is (a row of the places table, or a GeoNames place of the
reference gazetteer), the name as matched, the score, the coordinate and its precision. A name
shared by several places gets no coordinate: its ``candidates`` are listed for the analyst,
never a guess.

>>> from border_atlas import load_dataset
>>> from border_atlas.places.gazetteer import Gazetteer
>>> finder = gazetteer_place_finder(Gazetteer(load_dataset().places))
>>> [(p.text, p.place_id, p.geonames_id, p.precision) for p in finder("Traders in Hyesan and Kapsan.")]
[('Hyesan', 'hyesan', 2043837, 'point'), ('Kapsan', None, 2043531, 'point')]
"""

from __future__ import annotations

from dataclasses import dataclass

from geopy.location import Location

from border_atlas.ingest.recognise import PlaceFinder
from border_atlas.places.gazetteer import Gazetteer
from border_atlas.places.place_mentions import find_place_mentions


@dataclass(frozen=True)
class PlaceChoice:
    """One place a name may mean, as the gazetteer describes it."""

    place_id: str | None  # a row of the places table
    geonames_id: int | None
    name: str
    kind: str
    country: str
    lat: float
    lon: float
    precision: str
    score: float
    source: str

    @classmethod
    def of(cls, location: Location) -> PlaceChoice:
        raw = location.raw
        return cls(raw["id"], raw["geonames_id"], raw["name"], raw["kind"], raw["country"], raw["lat"], raw["lon"],
                   raw["precision"], raw["score"], raw["source"])

    @property
    def label(self) -> str:
        """"Kapsan-ŭp (GeoNames 2043531)" or "Hyesan (places table: hyesan)"."""
        where = f"places table: {self.place_id}" if self.place_id else f"GeoNames {self.geonames_id}"
        return f"{self.name} ({where})"


@dataclass(frozen=True)
class FoundPlace:
    """A place name in a paragraph and the place it is, if the gazetteer is sure.

    ``place`` is None when the name is shared: ``candidates`` holds every place it may mean.
    """

    start: int
    end: int
    text: str  # the name as matched in the paragraph
    place: PlaceChoice | None
    candidates: tuple[PlaceChoice, ...]
    match: str  # "exact" or "qualified"

    @property
    def place_id(self) -> str | None:
        return self.place.place_id if self.place else None

    @property
    def geonames_id(self) -> int | None:
        return self.place.geonames_id if self.place else None

    @property
    def name(self) -> str:
        return self.place.name if self.place else self.text

    @property
    def label(self) -> str:
        if self.place:
            return self.place.label
        return f"{self.text}: {len(self.candidates)} places have this name; choose one"

    @property
    def precision(self) -> str | None:
        return self.place.precision if self.place else None

    def to_dict(self) -> dict:
        """Plain data: which place, the name as matched, score, coordinate and precision."""
        place = self.place
        return {"start": self.start, "end": self.end, "text": self.text, "match": self.match,
                "place_id": self.place_id, "geonames_id": self.geonames_id,
                "name": place.name if place else None, "score": place.score if place else None,
                "lat": place.lat if place else None, "lon": place.lon if place else None,
                "precision": self.precision, "source": place.source if place else None,
                "candidates": [] if place else [_choice_dict(c) for c in self.candidates]}


def _choice_dict(choice: PlaceChoice) -> dict:
    return {"place_id": choice.place_id, "geonames_id": choice.geonames_id, "name": choice.name, "lat": choice.lat,
            "lon": choice.lon, "precision": choice.precision, "score": choice.score, "source": choice.source}


def gazetteer_place_finder(gazetteer: Gazetteer) -> PlaceFinder:
    """A ``place_finder`` for :func:`~border_atlas.ingest.recognise`: names the gazetteer knows exactly."""

    def find(text: str) -> list[FoundPlace]:
        found = []
        for mention in find_place_mentions(text, gazetteer=gazetteer):
            choices = tuple(PlaceChoice.of(c) for c in mention.candidates)
            match = mention.candidates[0].raw["match"] if mention.candidates else "exact"
            place = PlaceChoice.of(mention.location) if mention.location is not None else None
            found.append(FoundPlace(mention.start, mention.end, mention.text, place, choices, match))
        return found

    return find
