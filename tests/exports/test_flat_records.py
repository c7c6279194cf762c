"""The flat rows built column-wise hold exactly what the Record model gives, row by row."""

from __future__ import annotations

import pytest
from exports.reference import model_rows

from border_atlas import FilterState, select
from border_atlas.exports.records import COLUMNS, flat_columns, flat_records


def same_rows(ours: list[dict], reference: list[dict]) -> None:
    """Equal row for row, value for value, type for type (a float is not an int, None is not NaN)."""
    assert len(ours) == len(reference)
    for mine, theirs in zip(ours, reference):
        assert list(mine) == COLUMNS
        assert mine == theirs, mine["id"]
        assert [type(v) for v in mine.values()] == [type(v) for v in theirs.values()], mine["id"]


@pytest.mark.parametrize("state", [FilterState(), FilterState(era="post-covid"), FilterState(orgs=("mirim",))])
def test_same_rows_as_the_record_model_on_the_bundled_data(dataset, state):
    selection = select(dataset, state)
    same_rows(flat_records(selection), model_rows(selection))


@pytest.mark.parametrize("state", [FilterState(), FilterState(orgs=("office-39",))])
def test_same_rows_as_the_record_model_on_a_sparse_synthetic_archive(sparse, state):
    selection = select(sparse, state)
    rows = flat_records(selection)
    assert len(rows) > 100
    same_rows(rows, model_rows(selection))
    # The gaps are there to be compared: records without position, without note, with an untitled source.
    assert any(r["lat"] is None for r in rows) and any(r["note"] is None for r in rows)
    assert any(r["place_name"] is None for r in rows) and any(r["uncertainty_m"] is None for r in rows)
    assert len({r["citation"] for r in rows}) > 1


def test_columns_are_lists_of_one_value_per_record(sparse):
    selection = select(sparse, FilterState(orgs=("office-39",)))
    columns = flat_columns(selection)
    assert list(columns) == COLUMNS
    assert {len(values) for values in columns.values()} == {selection.count}
    assert columns["id"] == list(selection.records["id"])


def test_an_empty_selection_has_no_rows(dataset):
    selection = select(dataset, FilterState(orgs=("mirim",), era="post-covid", exact_orgs=True))
    assert selection.count == 0
    assert flat_records(selection) == [] and all(v == [] for v in flat_columns(selection).values())
