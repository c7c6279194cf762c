"""The gazetteer as the report's place finder, and bodies named by what they are."""

from __future__ import annotations

import pytest

from border_atlas.ingest import gazetteer_place_finder, propose_organisations, propose_unnamed_bodies, recognise
from border_atlas.ingest import report_from_text as text_report
from border_atlas.ingest.highlight import highlights
from border_atlas.loading.dataset import load_dataset
from border_atlas.places.gazetteer import Gazetteer
from border_atlas.places.reference_places import load_reference_places


@pytest.fixture(scope="module")
def finder():
    return gazetteer_place_finder(Gazetteer(load_dataset().places))


def test_places_of_the_table_and_of_geonames_are_found_with_their_coordinates(finder):
    table, reference = finder("Traders from Hyesan went to Kapsan-ŭp.")
    assert (table.place_id, table.precision, table.place.source) == ("hyesan", "point",
                                                                     "places table (coordinates: geonames)")
    kapsan = next(p for p in load_reference_places() if p.geonames_id == reference.geonames_id)
    assert (reference.place_id, reference.name, reference.place.lat, reference.place.lon) == (
        None, kapsan.name, kapsan.lat, kapsan.lon)
    assert reference.to_dict()["source"].startswith(f"GeoNames {kapsan.geonames_id}")


def test_a_shared_name_gets_candidates_and_no_coordinate(finder):
    (found,) = finder("A market in Liudaogou.")
    assert found.place is None and found.to_dict()["lat"] is None
    assert len(found.candidates) == 2 and all(c.geonames_id for c in found.candidates)
    assert "2 places have this name" in found.label


def test_highlights_label_places_with_their_source(finder):
    found = recognise(text_report("T\nThe MSS went to Kapsan."), organisations=[], place_finder=finder)
    (mark,) = [m for m in highlights(found.paragraph(1)) if m[2] == "place"]
    assert mark[3].startswith("Kapsan-ŭp (GeoNames ")


@pytest.mark.parametrize(("text", "bodies"), [
    ("It ordered units in Hyetan and troops in Kangan to help.", ["units in Hyetan", "troops in Kangan"]),
    ("the local MSS office and regional security offices approve it", ["local MSS office",
                                                                        "regional security offices"]),
    ("private companies and institutions pay", ["private companies and institutions"]),
    ("units in the area; local offices; a private car; troops in China", []),
])
def test_unnamed_bodies_are_proposed_by_what_they_are(text, bodies):
    assert [m.text for m in propose_unnamed_bodies(text)] == bodies


def test_an_owner_is_not_part_of_a_ministrys_name_and_its_abbreviation_is_kept():
    (found,) = propose_organisations("South Korea’s Ministry of Unification (MOU) said")
    assert (found.text, found.short_name) == ("Ministry of Unification", "MOU")
    (army,) = propose_organisations("the 10th Corps of the Korean People’s Army")
    assert army.text == "10th Corps of the Korean People’s Army"
