"""The offline gazetteer: names, spellings, hangul, misspellings, and honest no-matches."""

from __future__ import annotations

import pytest
from geopy.geocoders.base import Geocoder

from border_atlas.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gazetteer(dataset):
    return Gazetteer(dataset.places)


@pytest.mark.parametrize(
    ("query", "place", "match"),
    [
        ("Hyetan", "hyetan", "exact"),
        ("Hyet'an-dong", "hyetan", "exact"),
        ("Ryonbong", "yonbong", "exact"),
        ("Ryŏnbong 2-dong", "yonbong", "exact"),
        ("Yeonbong", "yonbong", "exact"),
        ("혜산", "hyesan", "exact"),
        ("혜탄동", "hyetan", "exact"),
        ("Hyesan", "hyesan", "exact"),
        ("HYESAN CITY", "hyesan", "exact"),
        ("Yanggang", "ryanggang", "exact"),
        ("Samsu County", "samsu", "exact"),
        ("Kangan district", "kangan", "suffix"),
        ("Hyesn", "hyesan", "fuzzy"),
        ("Hyetn", "hyetan", "fuzzy"),
        ("Chagang", "jagang", "exact"),
    ],
)
def test_resolves(gazetteer, query, place, match):
    found = gazetteer.geocode(query)
    assert found is not None, query
    assert (found.raw["id"], found.raw["match"]) == (place, match)


def test_hyesan_does_not_swallow_hyetan(gazetteer):
    assert gazetteer.geocode("Hyetan").raw["id"] == "hyetan"
    assert gazetteer.geocode("Hyesan").raw["id"] == "hyesan"
    assert gazetteer.geocode("Hyesan-dong").raw["id"] == "hyesan-dong"


@pytest.mark.parametrize("query", ["Sinuiju", "Wonsan", "London", "", "   "])
def test_unknown_place_is_no_match(gazetteer, query):
    assert gazetteer.geocode(query) is None
    assert gazetteer.geocode(query, exactly_one=False) == []


def test_fuzzy_match_carries_its_score_and_position(gazetteer):
    found = gazetteer.geocode("Hyesn")
    assert 80 <= found.raw["score"] < 100
    assert (found.latitude, found.longitude) == (41.40167, 128.17778)


def test_neighbourhood_says_its_position_is_its_parents(gazetteer):
    found = gazetteer.geocode("Kangan")
    assert found.raw["precision"] == "parent"
    assert (found.latitude, found.longitude) == (41.40167, 128.17778)


def test_reverse_finds_the_nearest_place(gazetteer):
    assert gazetteer.reverse((41.2, 127.95)).raw["id"] == "samsu"


def test_is_a_geopy_geocoder_with_checked_configuration(dataset):
    assert isinstance(Gazetteer(dataset.places), Geocoder)
    with pytest.raises(ValueError, match="min_score"):
        Gazetteer(dataset.places, min_score=150)
