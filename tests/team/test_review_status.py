"""Records awaiting review, once loaded: their column, the filter, the map's marks and every export's column."""

from __future__ import annotations

import csv
import io
import json

import pytest

from border_atlas import FilterState, load_dataset, select
from border_atlas.exports import records_csv, records_geojson
from border_atlas.exports.kml_export import places_kml
from border_atlas.filters.caption import describe
from border_atlas.filters.link import Link, ViewOptions
from border_atlas.loading.dataset import DATA_DIR
from border_atlas.mapview.compact import compact_payload
from border_atlas.mapview.legend_html import data_legend_html, legend_content
from border_atlas.mapview.markers import marker_html, popup_html
from border_atlas.readers import SqlTables
from border_atlas.store import DataStore
from tests.databases import sqlite_url
from tests.store.store_helpers import sample_save

NEW = "example-duty-a"


@pytest.fixture(scope="module")
def pending(tmp_path_factory):
    """The bundled data and one analyst's save awaiting review (example-duty-a at example-place-a)."""
    store = DataStore(sqlite_url(tmp_path_factory.mktemp("pending")))
    store.import_folder(DATA_DIR, user="setup")
    sample_save(store, user="ana")
    yield store
    store.close()


@pytest.fixture(scope="module")
def dataset(pending):
    return load_dataset(SqlTables(pending))


def test_the_loaded_records_say_which_await_review(dataset, pending):
    review = dict(zip(dataset.assignments["id"], dataset.assignments["review"]))
    assert review[NEW] == "pending" and {v for k, v in review.items() if k != NEW} == {"reviewed"}
    pending.send_back(user="ben", rows=[("assignments", NEW)], comment="which year?")
    assert dict(zip(*load_dataset(SqlTables(pending)).assignments[["id", "review"]].T.values))[NEW] == "sent back"


def test_reviewed_only_hides_the_pending_record_and_says_how_many(dataset):
    everything, reviewed = select(dataset, FilterState()), select(dataset, FilterState(reviewed=True))
    assert everything.count == 22 and reviewed.count == 21
    assert "Reviewed records only (1 pending hidden)" in describe(FilterState(reviewed=True), dataset)
    # Among the records another filter keeps: none of Mirim's is pending.
    assert "Reviewed records only" in describe(FilterState(reviewed=True, orgs=("mirim",)), dataset)
    assert "hidden" not in describe(FilterState(reviewed=True, orgs=("mirim",)), dataset)


def test_the_briefing_leaves_pending_records_out_unless_the_link_says_otherwise(dataset):
    params = {"briefing": ["1"]}
    assert select(dataset, Link.from_query_params(params, dataset).selected).count == 21
    assert select(dataset, Link.from_query_params({**params, "reviewed": ["0"]}, dataset).selected).count == 22
    assert select(dataset, Link.from_query_params({"reviewed": ["1"]}, dataset).selected).count == 21
    assert Link(view=ViewOptions()).selected.reviewed is None  # the map: pending records shown, marked
    assert Link.from_query_params({"reviewed": ["1"]}, dataset).to_query_params() == {"reviewed": "1"}


def test_the_map_marks_a_place_with_pending_records_and_the_legend_explains_it(dataset):
    selection = select(dataset, FilterState())
    place = next(p for p in selection.place_list if p.id == "example-place-a")
    assert place.n_pending == 1 and all(p.n_pending == 0 for p in selection.place_list if p is not place)
    html = marker_html(place, [])
    assert "kind-town approx pending" in html and 'class="ba-pending" title="1 record awaiting review"' in html
    record = next(r for r in selection.record_list if r.id == NEW)
    assert "Pending review: saved, not yet approved" in popup_html(place, [record], {})
    legend = data_legend_html(legend_content({}, selection.place_list, [], names={}, uncertainty=False))
    assert "records awaiting review (pending)" in legend
    plain = data_legend_html(legend_content({}, select(dataset, FilterState(reviewed=True)).place_list, [],
                                            names={}, uncertainty=False))
    assert "awaiting review" not in plain
    payload = compact_payload(selection)
    assert [payload["i"][k] for k in payload["p"]] == [dataset.places["id"].tolist().index("example-place-a")]


def test_every_export_carries_the_review_column(dataset):
    selection = select(dataset, FilterState())
    rows = list(csv.DictReader(io.StringIO(records_csv(selection).decode("utf-8-sig"))))
    assert {r["id"]: r["review"] for r in rows}[NEW] == "pending" and rows[0]["review"] == "reviewed"
    features = json.loads(records_geojson(selection))["features"]
    assert {f["id"]: f["properties"]["review"] for f in features}[NEW] == "pending"
    kml = places_kml(selection)
    assert kml.count('<Data name="review"><value>pending</value></Data>') == 1
    assert kml.count('<Data name="review"><value>reviewed</value></Data>') == 21
