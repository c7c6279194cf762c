"""Counts beside the filters' options: each equals a plain count of the records that the other
filters keep and that option alone selects, for every faceted filter, on generated filter states."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from helpers import with_values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.synthetic import write_archive
from border_atlas import load_dataset
from border_atlas.filters import BY_FIELD, DateRange, FilterState, GradeRange
from border_atlas.filters.facets import FACETED, count_facets, facet_counts
from border_atlas.filters.grades import CREDIBILITY, RELIABILITY
from border_atlas.filters.selection import filter_assignments
from border_atlas.loading.hierarchy import containing_areas
from border_atlas.playback.windows import LENGTHS, Window

BUNDLED = load_dataset()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    # 150 places: counties and cities with towns inside them, so containment has depth.
    return load_dataset(write_archive(tmp_path_factory.mktemp("facets"), n_records=600, n_places=150, seed=3))


def _ids(values) -> st.SearchStrategy:
    return st.lists(st.sampled_from(list(values)), max_size=3, unique=True).map(tuple)


@st.composite
def _grades(draw) -> GradeRange:
    letters = sorted(draw(st.lists(st.sampled_from(RELIABILITY), min_size=2, max_size=2)))
    numbers = sorted(draw(st.lists(st.sampled_from(CREDIBILITY), min_size=2, max_size=2)))
    return GradeRange(tuple(letters), tuple(numbers))


@st.composite
def _dates(draw) -> DateRange:
    start = draw(st.one_of(st.none(), st.dates(date(2015, 1, 1), date(2026, 1, 1))))
    length = draw(st.integers(0, 4000))
    end = draw(st.one_of(st.none(), st.just((start or date(2015, 1, 1)) + timedelta(days=length))))
    return DateRange(start, end)


def states(dataset) -> st.SearchStrategy:
    """Any filter state over ``dataset``: the options a link or the sidebar can hold."""
    options = {spec.field: spec.widget.options(dataset) for spec in FACETED if spec.widget.kind == "multiselect"}
    return st.builds(
        FilterState, orgs=_ids(options["orgs"]), exact_orgs=st.booleans(), places=_ids(options["places"]),
        containing=st.booleans(), era=st.sampled_from([None, *dataset.eras["id"]]), dates=_dates(),
        window=st.one_of(st.none(), st.builds(Window, st.sampled_from(LENGTHS), st.dates(date(2016, 1, 1),
                                                                                         date(2026, 1, 1)),
                                              st.booleans())),
        roles=_ids(options["roles"]), grades=_grades(), sources=_ids(options["sources"]))


def _plain_count(dataset, state: FilterState, field: str, option) -> tuple[int, int]:
    """Filter the table with every other filter and this option alone; count, and count apart the
    records about an area that contains the chosen place."""
    if field == "grades":
        part, value = option
        ranges = {"reliability": state.grades.reliability, "credibility": state.grades.credibility}
        chosen = GradeRange(**{**ranges, part: (value, value)})
    else:
        chosen = option if BY_FIELD[field].widget.kind == "radio" else (option,)
    rows = filter_assignments(dataset, state.with_(**{field: chosen}))
    if field != "places" or not state.containing:
        return len(rows), 0
    return len(rows), int(rows["place_id"].isin(list(containing_areas([option], dataset.places))).sum())


def _options(spec, dataset) -> list:
    if spec.field == "grades":
        return [("reliability", letter) for letter in RELIABILITY] + [("credibility", n) for n in CREDIBILITY]
    return spec.widget.options(dataset)


def _check_every_option(dataset, state: FilterState) -> None:
    counts = count_facets(dataset, state)
    assert set(counts) == {spec.field for spec in FACETED}
    for spec in FACETED:
        for option in _options(spec, dataset):
            assert counts[spec.field].count(option) == _plain_count(dataset, state, spec.field, option), \
                (spec.field, option, state)


def test_the_categorical_filters_have_counts():
    assert {spec.field for spec in FACETED} == {"orgs", "places", "era", "roles", "grades", "sources"}


@settings(max_examples=60, deadline=None)
@given(states(BUNDLED))
def test_counts_match_a_plain_count_on_the_bundled_data(state):
    _check_every_option(BUNDLED, state)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_counts_match_a_plain_count_on_a_synthetic_archive(synthetic, data):
    _check_every_option(synthetic, data.draw(states(synthetic)))


def test_kangan_after_covid_counts_the_provinces_records_apart():
    counts = count_facets(BUNDLED, FilterState(era="post-covid"))
    assert counts["places"].count("kangan") == (5, 5)  # 0 at Kangan, 5 about Ryanggang Province
    assert counts["orgs"].count("mss") == (7, 0)
    assert counts["orgs"].count("office-39") == (0, 0)
    assert count_facets(BUNDLED, FilterState(era="post-covid", containing=False))["places"].count("kangan") == (0, 0)


def test_an_umbrella_counts_a_record_naming_two_of_its_members_once():
    # The MSS minister's dismissal with the MSS's local offices as partner: the MSS twice over.
    dataset = with_values(BUNDLED, "assignments", BUNDLED.assignments["id"].iloc[13],
                          partner_org_id="mss-local-offices")
    counts = count_facets(dataset, FilterState())
    assert counts["orgs"].count("mss") == (12, 0)
    assert counts["orgs"].count("mss-local-offices") == (4, 0)
    assert counts["orgs"].count("mss") == _plain_count(dataset, FilterState(), "orgs", "mss")


def test_the_same_filters_are_not_counted_again():
    state = FilterState(era="pre-covid", roles=("crackdown",))
    first = facet_counts(BUNDLED, state)
    assert facet_counts(BUNDLED, FilterState(roles=("crackdown",), era="pre-covid")) is first
    assert facet_counts(BUNDLED, state.with_(era="post-covid")) is not first
