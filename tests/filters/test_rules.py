"""The filter rules as the data says: the 2018 pairings, umbrellas, places, eras, dates, roles, grades, reports."""

from __future__ import annotations

from datetime import date

import pytest

from border_atlas.filters import FilterState, GradeRange
from border_atlas.filters import rules as filters
from border_atlas.filters.selection import filter_assignments

PAIRINGS = {("hyetan", "kumgang-office"), ("kangan", "flo-727"), ("samsu", "mirim")}


def pairs(rows):
    return {(p, o) for p, o in zip(rows["place_id"], rows["partner_org_id"]) if isinstance(o, str)}


def test_the_2018_pairings_come_out_of_the_organisation_filter(dataset):
    for place, company in PAIRINGS:
        rows = filters.by_organisation(dataset.assignments, dataset.organisations, [company])
        assert (place, company) in pairs(rows)
        assert set(rows["ordered_by_org_id"].dropna()) == {"mss"}
        assert set(rows["reported"]) == {"2018-02-28"}


def test_office_39_brings_all_three_companies(dataset):
    rows = filters.by_organisation(dataset.assignments, dataset.organisations, ["office-39"])
    assert pairs(rows) >= PAIRINGS
    exact = filters.by_organisation(dataset.assignments, dataset.organisations, ["office-39"], exact=True)
    assert pairs(exact) & PAIRINGS == set()
    assert set(exact["id"]) == {"mss-order-2018"}


def test_mss_brings_its_local_offices_and_its_orders(dataset):
    rows = filters.by_organisation(dataset.assignments, dataset.organisations, ["mss"])
    assert {"pairing-2018-hyetan", "holiday-approval-jagang", "mss-border-control-covid"} <= set(rows["id"])
    assert not rows["role"].eq("crackdown").any()


def test_hyesan_brings_its_neighbourhoods(dataset):
    rows = filters.by_place(dataset.assignments, dataset.places, ["hyesan"])
    assert {"hyesan", "kangan", "yonbong", "hyetan", "hyesan-customs"} == set(rows["place_id"])
    exact = filters.by_place(dataset.assignments, dataset.places, ["hyesan"], exact=True)
    assert set(exact["place_id"]) == {"hyesan"}


def test_eras_split_the_records_as_their_dates_say(dataset):
    pre = filters.by_era(dataset.assignments, dataset.eras, "pre-covid")
    post = filters.by_era(dataset.assignments, dataset.eras, "post-covid")
    assert set(pre["id"]).isdisjoint(post["id"])
    assert len(pre) + len(post) == len(dataset.assignments)
    assert (pre["known_to"] <= "2020-01-21").all()
    assert (post["known_from"] >= "2020-01-22").all()
    assert set(pre["role"]) >= {"crackdown", "smuggling cooperation"}
    assert set(post["org_id"]) == {"mss", "mss-local-offices"}


def test_era_bounds_come_from_the_data(dataset):
    eras = dataset.eras.copy()
    eras.loc[eras["id"] == "pre-covid", "end"] = "2017-12-31"
    assert filters.era_bounds(eras, "pre-covid") == (None, date(2017, 12, 31))
    pre = filters.by_era(dataset.assignments, eras, "pre-covid")
    assert set(pre["id"]) == {"mss-minister-dismissed"}


def test_date_range_counts_overlap_and_report_dates(dataset):
    # The MSS's control runs 2020-01-22 to the 2025 report: a 2022 range meets it.
    rows = filters.by_date_range(dataset.assignments, date(2022, 1, 1), date(2022, 12, 31))
    assert set(rows["id"]) == {"mss-border-control-covid"}
    # Holiday approvals are known only by the report date.
    rows = filters.by_date_range(dataset.assignments, date(2025, 10, 27), None)
    assert {"holiday-approval-ryanggang", "mss-border-control-covid"} <= set(rows["id"])
    assert filters.by_date_range(dataset.assignments, date(2025, 10, 28), None).empty


def test_role_and_grade(dataset):
    assert len(filters.by_role(dataset.assignments, ["crackdown"])) == 8
    assert set(filters.by_grade(dataset.assignments, GradeRange.at_least("C2"))["id"]) == {"mss-minister-dismissed"}
    assert len(filters.by_grade(dataset.assignments, GradeRange.at_least("C3"))) == len(dataset.assignments)
    assert filters.by_grade(dataset.assignments, GradeRange.at_least("B3")).empty
    with pytest.raises(ValueError):
        GradeRange.at_least("G9")


def test_a_grade_range_asks_for_records_worse_than_a_grade(dataset):
    # "Below C2": credibility 3 or worse. Every record but the confirmed dismissal.
    worse = filters.by_grade(dataset.assignments, GradeRange(("A", "F"), (3, 6)))
    assert len(worse) == len(dataset.assignments) - 1 and "mss-minister-dismissed" not in set(worse["id"])
    assert filters.by_grade(dataset.assignments, GradeRange(("D", "F"), (1, 6))).empty


def test_reports_filter_keeps_the_records_taken_from_them(dataset):
    rows = filters.by_source(dataset.assignments, ["nkinsider-2025-10-27"])
    assert len(rows) == 7 and set(rows["source_id"]) == {"nkinsider-2025-10-27"}


def test_filters_combine(dataset):
    state = FilterState(orgs=("office-39",), places=("hyesan",), era="pre-covid", containing=False)
    assert set(filter_assignments(dataset, state)["id"]) == {"pairing-2018-hyetan", "pairing-2018-kangan"}
    # With the areas containing Hyesan, the MSS's order to the whole province joins them.
    with_areas = set(filter_assignments(dataset, state.with_(containing=True))["id"])
    assert with_areas == {"pairing-2018-hyetan", "pairing-2018-kangan", "mss-order-2018"}
