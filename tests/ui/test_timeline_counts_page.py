"""The Timeline page above its threshold: counted cells, no record text or per-record mark in its charts."""

from __future__ import annotations

import pyarrow as pa
from apptest_helpers import run_page

from bench.synthetic import write_archive
from border_atlas import load_dataset
from border_atlas.views.period_counts import ROW_LIMIT
from border_atlas.views.timeline_counts import DETAIL_LIMIT


def chart_tables(at) -> list[pa.Table]:
    charts = [el for el in at.main if type(el.proto).__name__ == "VegaLiteChart"]
    return [pa.ipc.open_stream(d.data.data).read_all() for chart in charts for d in chart.proto.datasets]


def test_a_large_selection_sends_counts_not_records(tmp_path, monkeypatch):
    folder = write_archive(tmp_path, n_records=DETAIL_LIMIT + 500, n_places=120)
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(folder))
    records = load_dataset(folder).assignments
    at = run_page("pages/2_Timeline.py")
    assert not at.exception
    at.radio(key="timeline_group").set_value("place").run()
    assert not at.exception
    tables = chart_tables(at)
    texts = {str(v) for table in tables for column in table.columns for v in column.to_pylist()}
    assert not texts & set(records["id"]) and not texts & set(records["summary"])
    grid = next(t for t in tables if "key" in t.column_names)
    places = set(grid.column("key").to_pylist())
    assert len(places) == ROW_LIMIT  # the busiest places only, and the page says so
    assert any(f"the {ROW_LIMIT} places with most records, of 120" in c.value for c in at.caption)
    months = set(grid.column("period").to_pylist())
    assert grid.num_rows <= len(places) * len(months)  # bounded by rows × months, whatever the records
