"""Records per organisation or place per month or year, against a count made record by record."""

from __future__ import annotations

import pandas as pd
import pytest

from bench.synthetic import write_archive
from border_atlas import FilterState, load_dataset, select
from border_atlas.loading.dates import first_day, last_day
from border_atlas.views.period_counts import ROW_LIMIT, cell_positions, period_counts


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    return load_dataset(write_archive(tmp_path_factory.mktemp("counts"), n_records=2_000, n_places=80))


def counted_one_by_one(selection, group_by: str, unit: str) -> dict[tuple[str, str], int]:
    """For every record, +1 in each month or year its known period overlaps, by the dates' own rule."""
    key = {"organisation": "org_id", "place": "place_id"}[group_by]
    counts: dict[tuple[str, str], int] = {}
    records = selection.records
    for ident, lo, hi in zip(records[key].fillna(""), records["known_from"], records["known_to"]):
        step = pd.offsets.MonthBegin() if unit == "month" else pd.offsets.YearBegin()
        at = lo.to_period("M" if unit == "month" else "Y").start_time
        while at <= hi:
            name = at.strftime("%Y-%m" if unit == "month" else "%Y")
            counts[(ident, name)] = counts.get((ident, name), 0) + 1
            at = at + step
    return counts


@pytest.mark.parametrize("unit", ["month", "year"])
@pytest.mark.parametrize("group_by", ["organisation", "place"])
def test_counts_follow_the_known_period_rule(dataset, synthetic, group_by, unit):
    for data in (dataset, synthetic):
        selection = select(data, FilterState())
        counts = period_counts(selection, group_by, unit)
        got = dict(zip(zip(counts.cells["key"], counts.cells["period"]), counts.cells["count"].tolist()))
        expected = counted_one_by_one(selection, group_by, unit)
        if counts.rows_total <= ROW_LIMIT:
            assert got == expected
        else:  # only the busiest rows are drawn, each counted in full
            assert {k: v for k, v in expected.items() if k[0] in set(counts.cells["key"])} == got


def test_the_mss_border_control_counts_from_the_closure(dataset):
    counts = period_counts(select(dataset, FilterState(orgs=("mss",), exact_orgs=True)), "organisation", "month")
    months = set(counts.cells.loc[counts.cells["key"] == "mss", "period"])
    assert "2020-01" in months and "2019-12" not in months  # the border control starts at the 2020-01-22 closure
    assert {str(first_day("2020-01"))[:7], str(last_day("2025-10"))[:7]} <= months


def test_rows_are_bounded_and_the_rest_said(synthetic):
    counts = period_counts(select(synthetic, FilterState()), "place", "year")
    assert counts.cells["key"].nunique() == ROW_LIMIT < counts.rows_total == 80
    per_place = synthetic.assignments["place_id"].value_counts()
    assert counts.records_left_out == int(per_place.sort_values(ascending=False, kind="stable").iloc[ROW_LIMIT:].sum())


def test_a_cell_lists_the_records_it_counts(synthetic):
    selection = select(synthetic, FilterState())
    counts = period_counts(selection, "place", "month")
    for cell in counts.cells.sample(20, random_state=0).itertuples():
        positions = cell_positions(selection, "place", "month", cell.key, cell.period)
        assert len(positions) == cell.count
        listed = selection.records_at(positions)
        assert {r.place_id for r in listed} == {cell.key}
        assert all(r.known_from.strftime("%Y-%m") <= cell.period <= r.known_to.strftime("%Y-%m") for r in listed)
    with pytest.raises(ValueError):
        cell_positions(selection, "place", "year", cell.key, cell.period)  # a month is not a year


def test_an_empty_selection_has_no_cells(dataset):
    counts = period_counts(select(dataset, FilterState(orgs=("mirim",), era="post-covid")), "place", "month")
    assert counts.cells.empty and counts.rows_total == 0
