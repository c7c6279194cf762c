"""Links: filters, view and briefing text to and from query parameters; bad values named, never fatal."""

from __future__ import annotations

import re
from datetime import date

from border_atlas import select
from border_atlas.filters import DateRange, FilterState, GradeRange
from border_atlas.filters.link import BriefingText, Link, ViewOptions
from border_atlas.mapview import MapOptions, assemble_map


def test_round_trip_through_query_params(dataset):
    link = Link(FilterState(orgs=("office-39", "mss"), places=("hyesan",), era="pre-covid",
                            dates=DateRange(date(2017, 1, 1), date(2019, 12, 31)), roles=("crackdown",),
                            grades=GradeRange.at_least("C3"), exact_orgs=True, sources=("dailynk-2018-02-28",)),
                ViewOptions(briefing=True, landmarks=False), BriefingText(title="Hyesan 2018"))
    params = link.to_query_params()
    assert params["org"] == ["office-39", "mss"] and params["from"] == "2017-01-01" and params["grade"] == "C3"
    assert params["source"] == ["dailynk-2018-02-28"]
    restored = Link.from_query_params({k: v if isinstance(v, list) else [v] for k, v in params.items()}, dataset)
    assert restored == link and restored.notes == ()


def test_a_grade_range_travels_as_two_parameters(dataset):
    link = Link(FilterState(grades=GradeRange(("C", "F"), (3, 6))))
    assert link.to_query_params() == {"reliability": "C-F", "credibility": "3-6"}
    assert Link.from_query_params({"reliability": ["C-F"], "credibility": ["3-6"]}, dataset) == link


def test_default_link_is_empty():
    assert Link().to_query_params() == {}


def test_bad_parameters_are_dropped_with_a_note(dataset):
    link = Link.from_query_params(
        {"org": ["mss", "<script>"], "era": ["medieval"], "from": ["yesterday"], "grade": ["Z9"], "place": ["hyesan"],
         "nonsense": ["1"]}, dataset)
    assert link.filters == FilterState(orgs=("mss",), places=("hyesan",))
    assert len(link.notes) == 5
    assert any("'<script>'" in note for note in link.notes) and any("nonsense" in note for note in link.notes)


def test_huge_and_repeated_values_are_bounded(dataset):
    link = Link.from_query_params({"org": ["mss"] * 500 + ["x" * 10_000], "title": ["t" * 10_000]}, dataset)
    assert link.filters.orgs == ("mss",)
    assert len(link.briefing.title) == 200
    assert all(len(note) < 200 for note in link.notes)


def test_reversed_dates_in_a_link_are_ignored(dataset):
    link = Link.from_query_params({"from": ["2020-01-01"], "to": ["2019-01-01"]}, dataset)
    assert link.filters.dates == DateRange() and link.notes


def test_a_link_never_turns_on_the_online_basemap(dataset):
    link = Link.from_query_params({"online": ["1"]}, dataset)
    assert link.view.online_basemap is False and "online basemap" in link.notes[0]
    assert "online" not in Link(view=ViewOptions(online_basemap=True)).to_query_params()


def _map_zoom_range(html: str) -> tuple[int, int]:
    """The zoom range the rendered map gives Leaflet (its map options, not a tile layer's)."""
    options = re.search(r"L\.map\(\s*\"map_\w+\",\s*\{(.*?)\}\s*\)", html, re.S).group(1)
    return tuple(int(re.search(rf'"{name}": (\d+)', options).group(1)) for name in ("minZoom", "maxZoom"))


def test_a_link_carries_every_zoom_the_map_allows(dataset):
    # The map could be wheel-zoomed past the deepest zoom a link accepted, so its copied link was refused.
    html = assemble_map(select(dataset, FilterState()), options=MapOptions(assets="inline")).get_root().render()
    lowest, deepest = _map_zoom_range(html)
    for zoom in (lowest, deepest):
        link = Link(view=ViewOptions(centre=(41.40167, 128.17778), zoom=zoom))
        params = {k: [v] for k, v in link.to_query_params().items()}
        restored = Link.from_query_params(params, dataset)
        assert restored.view.zoom == zoom and restored.notes == ()
    for zoom in (lowest - 1, deepest + 1):
        refused = Link.from_query_params({"center": ["41.4,128.18"], "zoom": [str(zoom)]}, dataset)
        assert refused.view.zoom is None and len(refused.notes) == 1
