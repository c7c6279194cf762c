"""Finding known place names in running text: spans, longest names, and the two reports."""

from __future__ import annotations

import pytest
from helpers import SHARED_SOURCES

from border_atlas.places.gazetteer import Gazetteer
from border_atlas.places.place_mentions import find_place_mentions

REPORTS = {"dailynk-2018-02-28": "000_0fe90757cfa603df.txt", "nkinsider-2025-10-27": "003_667500a42c227af6.txt"}


@pytest.fixture(scope="module")
def gazetteer(dataset):
    return Gazetteer(dataset.places)


def found(text, gazetteer):
    return [(m.text, m.location.raw["id"] or m.location.raw["geonames_id"]) for m in
            find_place_mentions(text, gazetteer=gazetteer)]


def test_spans_point_at_the_names(gazetteer):
    text = "Troops in Kangan and Hyetan, north of Samsu."
    mentions = find_place_mentions(text, gazetteer=gazetteer)
    assert [(m.start, m.end) for m in mentions] == [(10, 16), (21, 27), (38, 43)]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_the_longest_name_wins(gazetteer):
    assert found("The Hyesan Customs Office was blocked.", gazetteer) == [("Hyesan Customs Office", "hyesan-customs")]
    assert found("In North Hamgyong and Ryanggang Province.", gazetteer) == [
        ("North Hamgyong", "north-hamgyong"), ("Ryanggang Province", "ryanggang")]
    assert found("the Changbai–Hyesan International Bridge", gazetteer) == [
        ("Changbai–Hyesan International Bridge", "changbai-hyesan-bridge")]


def test_possessives_and_hyphenated_generic_words(gazetteer):
    assert found("Hyesan's market and Samsu-gun's fields", gazetteer) == [("Hyesan", "hyesan"), ("Samsu-gun", "samsu")]
    assert found("a Hyesan-based trader", gazetteer) == [("Hyesan", "hyesan")]
    assert found("in Hyesan city", gazetteer) == [("Hyesan city", "hyesan")]


def test_an_english_word_after_a_name_is_not_a_generic_word(gazetteer):
    # "do" and "up" are also Korean generic words (-do, province; -up, town).
    assert found("Traders in Hyesan do not pay; Kapsan up north", gazetteer) == [
        ("Hyesan", "hyesan"), ("Kapsan", 2043531)]


def test_no_name_inside_a_longer_word_or_in_lower_case(gazetteer):
    assert found("Hyesanite samsu Kanganese Pyongyangers", gazetteer) == []


def test_names_do_not_run_across_punctuation(gazetteer):
    assert found("Hyesan, Yonbong. Kangan\nSamsu", gazetteer) == [
        ("Hyesan", "hyesan"), ("Yonbong", "yonbong"), ("Kangan", "kangan"), ("Samsu", "samsu")]


def test_hangul_and_geonames_names_in_english_text(gazetteer):
    assert found("Hyesan (혜산) faces Changbai; goods go on to Kanggye.", gazetteer) == [
        ("Hyesan", "hyesan"), ("혜산", "hyesan"), ("Changbai", "changbai"), ("Kanggye", 2043572)]


def test_a_shared_name_is_a_mention_without_a_single_place(gazetteer):
    [mention] = find_place_mentions("Smugglers crossed at Liudaogou.", gazetteer=gazetteer)
    assert mention.text == "Liudaogou" and mention.location is None
    assert sorted(c.raw["geonames_id"] for c in mention.candidates) == [2036045, 2036046]


def test_never_a_near_spelling(gazetteer):
    assert found("Units in Hyesn and Hyetn.", gazetteer) == []


def test_airport_codes_are_not_places_in_prose(gazetteer):
    assert gazetteer.geocode("FNJ") is not None  # GeoNames lists Pyongyang's airport code as a name
    assert found("FNJ and DDG flights", gazetteer) == []


@pytest.mark.skipif(not SHARED_SOURCES.exists(), reason="../shared/sources is not beside the project")
@pytest.mark.parametrize("source_id", sorted(REPORTS))
def test_the_reports_name_the_places_their_records_cite(dataset, gazetteer, source_id):
    text = (SHARED_SOURCES / REPORTS[source_id]).read_text(encoding="utf-8")
    mentions = find_place_mentions(text, gazetteer=gazetteer)
    assert all(text[m.start : m.end] == m.text for m in mentions)
    # In these two reports every name is one of the project's places, and none is a guess.
    assert all(m.location is not None and m.location.raw["table"] == "places" for m in mentions)
    named = {m.location.raw["id"] for m in mentions}
    records = dataset.assignments[dataset.assignments["source_id"] == source_id]
    assert set(records["place_id"].dropna()) <= named


@pytest.mark.skipif(not SHARED_SOURCES.exists(), reason="../shared/sources is not beside the project")
def test_the_first_report_in_detail(gazetteer):
    text = (SHARED_SOURCES / REPORTS["dailynk-2018-02-28"]).read_text(encoding="utf-8")
    mentions = find_place_mentions(text, gazetteer=gazetteer)
    ids = [m.location.raw["id"] for m in mentions]
    assert ids.count("hyesan-customs") == 2 and ids.count("hyesan") == 1  # "Hyesan Customs Office" twice
    assert {m.text for m in mentions if m.location.raw["id"] == "ryanggang"} == {"Ryanggang Province"}
    local = [i for i in ids if i in {"hyesan", "yonbong", "kangan", "samsu", "hyetan"}]
    assert local == ["hyesan", "yonbong", "kangan", "samsu", "hyetan", "kangan", "samsu"]


def test_a_border_river_is_no_place_of_a_record(gazetteer):
    # The place finder knows the Yalu; a record is about Hyesan and Pochon, not the river.
    text = "Goods crossed the Yalu River near Hyesan and went on to Pochon."
    assert found(text, gazetteer) == [("Hyesan", "hyesan"), ("Pochon", 2041994)]
    assert gazetteer.geocode("Yalu River").raw["kind"] == "river"
