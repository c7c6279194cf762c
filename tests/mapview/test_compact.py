"""The compact map: when it replaces the detailed one, what it ships, and how a click finds the records."""

from __future__ import annotations

import json
import re

import pytest
from helpers import read_rows, write_rows

from bench.synthetic import write_archive
from border_atlas import FilterState, load_dataset, select
from border_atlas.mapview import MapOptions, assemble_map
from border_atlas.mapview.compact import (
    COMPACT,
    DETAILED,
    DETAILED_LIMIT,
    clicked_place,
    compact_payload,
    dataset_token,
    map_mode,
)
from border_atlas.mapview.view import off_map_ids
from border_atlas.runtime.offline_assets import MARKERCLUSTER_JS, served_url
from border_atlas.text.escaping import esc, script_json

HOSTILE = '<img src=x onerror="alert(1)"> & </script><script>alert(2)</script> `${x}` \u2028'
PAYLOAD_START = re.compile(r"\}\)\((feature_group_[0-9a-f]+), ")


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """A synthetic archive with a few hundred places, one of them named with hostile text."""
    folder = write_archive(tmp_path_factory.mktemp("many"), n_records=1500, n_places=300)
    header, rows = read_rows(folder / "places.csv")
    rows[7]["name"] = HOSTILE
    write_rows(folder / "places.csv", header, rows)
    dataset = load_dataset(folder)
    assert dataset.problems == ()
    return dataset


@pytest.fixture(scope="module")
def many_selection(many):
    return select(many, FilterState())


def rendered(selection, **options) -> str:
    return assemble_map(selection, options=MapOptions(**options)).get_root().render()


def payload_in(html: str) -> dict:
    """The compact layer's payload, read back from the page as a browser's JSON parser would."""
    found = PAYLOAD_START.search(html)
    assert found, "the page holds a compact layer"
    value, _ = json.JSONDecoder().raw_decode(html, found.end())
    return value


def click(payload: dict, k: int) -> dict:
    """What streamlit-folium returns when the k-th point of the layer is clicked."""
    return {"last_active_drawing": {"type": "Feature", "geometry": {"type": "Point", "coordinates": [
        payload["lon"][k] / payload["scale"], payload["lat"][k] / payload["scale"]]},
        "properties": {"place": payload["i"][k], "dataset": payload["dataset"]}}}


def test_the_bundled_dataset_keeps_its_detailed_map(dataset):
    selection = select(dataset, FilterState())
    assert map_mode(selection) == DETAILED
    html = rendered(selection)
    assert "markerClusterGroup" not in html
    assert html.count("L.popup(") == len(selection.places) + len(selection.landmarks)


@pytest.mark.parametrize(("n_places", "mode"), [(DETAILED_LIMIT, DETAILED), (DETAILED_LIMIT + 1, COMPACT)])
def test_the_map_turns_compact_above_the_limit(tmp_path, n_places, mode):
    dataset = load_dataset(write_archive(tmp_path, n_records=2 * n_places, n_places=n_places))
    selection = select(dataset, FilterState())
    assert len(selection.places) + len(selection.landmarks) == n_places
    assert map_mode(selection) == mode
    html = rendered(selection)
    if mode == COMPACT:
        assert "markerClusterGroup" in html and "L.popup(" not in html and "ba-marker ba-" not in html
        assert len(payload_in(html)["n"]) == n_places
    else:
        assert "markerClusterGroup" not in html and html.count("ba-marker ba-") == n_places


def test_a_filter_that_leaves_few_places_brings_the_detailed_map_back(many, many_selection):
    busiest = many_selection.places.sort_values("n_records", ascending=False)["id"].iloc[0]
    narrow = select(many, FilterState(places=(busiest,)))
    assert map_mode(many_selection) == COMPACT
    assert map_mode(narrow) == DETAILED


def test_no_record_text_is_shipped_in_the_compact_map(many_selection):
    html = rendered(many_selection)
    for summary in many_selection.records["summary"].head(200):
        assert summary not in html
    for note in ("benchmark data and not a fact", "smuggling approval"):
        assert note not in html


def test_every_selected_record_is_counted_at_its_place(many, many_selection):
    payload = payload_in(rendered(many_selection))
    ids = many.places["id"].to_numpy()[payload["i"]]
    counts = many_selection.records.groupby("place_id").size()
    assert list(payload["n"]) == [int(counts.get(ident, 0)) for ident in ids]
    assert sum(payload["n"]) == many_selection.count
    assert payload["n"] == sorted(payload["n"], reverse=True)


def test_place_names_reach_the_page_as_escaped_text(many, many_selection):
    hostile = many.places["name"].iloc[7]
    assert "</script><script>" in hostile
    html = rendered(many_selection)
    for raw in ("</script><script>", '<img src=x onerror="alert(1)">', "\u2028"):
        assert raw not in html
    names = payload_in(html)["name"]
    assert esc(hostile) in names
    assert "<img" not in "".join(names)


def test_a_click_names_the_place_whose_records_the_page_lists(many, many_selection):
    payload = payload_in(rendered(many_selection))
    for k in (0, 1, len(payload["n"]) // 2, len(payload["n"]) - 1):
        place_id = clicked_place(click(payload, k), many)
        place = many.places.set_index("id").loc[place_id]
        assert (round(place["lat"] * payload["scale"]), round(place["lon"] * payload["scale"])) == (
            payload["lat"][k], payload["lon"][k])
        here = many_selection.records[many_selection.records["place_id"] == place_id]
        assert len(here) == payload["n"][k] > 0
        assert set(here["place_name"]) == {place["name"]}


GOOD = object()  # stands for the dataset's own token


@pytest.mark.parametrize("properties", [
    {"place": 3},  # no token
    {"place": 3, "dataset": "0" * 12},  # another table's rows
    {"place": -1, "dataset": GOOD},
    {"place": 10_000, "dataset": GOOD},
    {"place": "3", "dataset": GOOD},
    {"place": True, "dataset": GOOD},
    {"place": 3.0, "dataset": GOOD},
    {"dataset": GOOD},
    "not a dict",
])
def test_a_forged_click_names_no_place(many, properties):
    if isinstance(properties, dict):
        properties = {k: dataset_token(many) if v is GOOD else v for k, v in properties.items()}
    assert clicked_place({"last_active_drawing": {"properties": properties}}, many) is None
    assert clicked_place({"last_active_drawing": {"properties": {"place": 3, "dataset": dataset_token(many)}}},
                         many) == many.places["id"].iloc[3]


def test_a_click_from_another_archive_names_no_place(many, dataset):
    payload = compact_payload(select(many, FilterState()))
    assert clicked_place(click(payload, 0), dataset) is None


def test_the_payload_grows_with_places_not_records(tmp_path):
    sizes = {}
    for n_records in (400, 4000):
        dataset = load_dataset(write_archive(tmp_path / str(n_records), n_records=n_records, n_places=200))
        sizes[n_records] = len(script_json(compact_payload(select(dataset, FilterState())), compact=True))
    assert sizes[4000] / 200 <= 60
    # Ten times the records add only the digits of the larger counts.
    assert sizes[4000] - sizes[400] < 200 * 2


def test_the_legend_names_the_colours_drawn_and_the_note_counts_far_places(many_selection):
    html = rendered(many_selection)
    legend = json.loads(re.search(r'\}\)\(map_[0-9a-f]+, ("(?:[^"\\]|\\.)*"), ("(?:[^"\\]|\\.)*")\);', html)
                        .group(1))
    organisations = many_selection.dataset.organisations.set_index("id")
    by_place = many_selection.records.groupby("place_id")["org_id"]
    main = by_place.agg(lambda orgs: orgs.value_counts().sort_index().idxmax())
    for ident, name in organisations["name"].items():
        assert (esc(name) in legend) == (ident in set(main)), name
    assert "grouped at this zoom" in legend
    note = re.search(r'\}\)\(map_[0-9a-f]+, "(?:[^"\\]|\\.)*", ("(?:[^"\\]|\\.)*")\);', html).group(1)
    assert off_map_ids(many_selection) and note == '""'  # the first view holds every place


def test_the_first_view_holds_every_place(many_selection):
    html = rendered(many_selection)
    bounds = json.loads(re.search(r"\}\)\(map_[0-9a-f]+, (\[\[[^\]]+\], \[[^\]]+\]\])\);", html).group(1))
    places = many_selection.places
    assert bounds == [[places["lat"].min(), places["lon"].min()], [places["lat"].max(), places["lon"].max()]]


def test_the_cluster_script_comes_from_the_app_or_the_page_itself(many_selection):
    served = rendered(many_selection)
    assert f'src="{served_url(MARKERCLUSTER_JS)}"' in served
    assert MARKERCLUSTER_JS.file.is_file()
    inline = rendered(many_selection, assets="inline")
    assert "leaflet.markercluster" not in re.sub(r"<script>.*?</script>", "", inline, flags=re.S).split("<body>")[0]
    assert "L.MarkerClusterGroup" in inline and "http://" not in inline.split("<body>")[0].replace(
        "http://www.w3.org", "")
