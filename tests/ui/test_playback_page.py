"""The time window on the map page under AppTest: the widgets filter, the link reopens, the map gets its player."""

from __future__ import annotations

import json
import re
from datetime import date

from apptest_helpers import map_args, plain, record_count, run_page

PAYLOAD = re.compile(r"\}\)\([a-z_0-9]+, (\{\"mode\".*?\}), [a-z_0-9]+\);")


def player(at) -> dict:
    """The player's payload as the map's data layers carry it."""
    found = PAYLOAD.search(map_args(at)["feature_group"])
    assert found, "no player on the map"
    return json.loads(found.group(1))


def caption(at) -> str:
    return next(plain(m.value) for m in at.markdown if "Dates:" in plain(m.value))


def test_no_window_no_player():
    at = run_page()
    assert at.sidebar.selectbox(key="filter_window_length").value == ""
    assert "baPlayback" not in map_args(at)["feature_group"]


def test_choosing_a_window_filters_like_any_filter_and_goes_in_the_link():
    at = run_page()
    at.sidebar.selectbox(key="filter_window_length").set_value("year").run()
    assert not at.exception
    slider = at.sidebar.select_slider(key="filter_window_at")
    assert slider.value == date(2017, 1, 1)  # the first window: the MSS minister's dismissal alone
    assert record_count(at) == 1
    slider.set_value(date(2020, 1, 1)).run()
    assert record_count(at) == 1 and "Window: 2020 (a year at a time)" in caption(at)
    at.sidebar.toggle(key="filter_window_growing").set_value(True).run()
    assert record_count(at) == 15  # everything known by the end of 2020
    assert at.query_params["window"] in ("year", ["year"])
    assert at.query_params["at"] in ("2020-01-01", ["2020-01-01"])
    assert at.query_params["grow"] in ("1", ["1"])


def test_a_link_with_a_window_reopens_at_it_and_the_map_plays_every_place():
    at = run_page(query={"window": "quarter", "at": "2018-02-01"})
    assert not at.exception
    assert at.sidebar.selectbox(key="filter_window_length").value == "quarter"
    assert at.sidebar.select_slider(key="filter_window_at").value == date(2018, 1, 1)
    assert record_count(at) == 13
    assert "Window: 2018 Q1 (a quarter at a time)" in caption(at)
    data = player(at)
    assert data["frames"][data["at"]] == "2018 Q1" and data["frames"][0] == "2017 Q1"
    # Every place of the other filters is on the map, for the player to show: Pyongyang's 2017 record too.
    assert set(data["places"]) >= {"pyongyang", "hyetan", "ryanggang", "north-hamgyong"}
    runs = dict(zip(data["places"], data["runs"], strict=True))
    assert runs["pyongyang"] == [0, 1] and runs["hyetan"] == [4, 5]
    # The legend the map shows is the chosen window's: no 2025 organisation in it.
    assert "Private companies" not in map_args(at)["feature_group"].split("baPlayback")[0].split("ba-legend-data")[-1]


def test_the_before_and_after_maps_each_play_their_era():
    at = run_page("pages/1_Before_and_after.py", query={"window": "year", "at": "2018-01-01"})
    assert not at.exception
    frame = next(el for el in at.main if type(el.proto).__name__ == "IFrame")
    page = frame.proto.srcdoc
    assert "Window: 2018 (a year at a time)" in page
    players = [json.loads(found) for found in re.findall(r"\}\)\([a-z_0-9]+, (\{\"mode\".*?\}), [a-z_0-9]+\);", page)]
    assert len(players) == 2 and all(p["controls"] for p in players)
    before, after = (dict(zip(p["places"], p["runs"], strict=True)) for p in players)
    assert "hyetan" in before and "hyetan" not in after  # the 2018 pairings are the first era's
    assert after["ryanggang"] == [3, 9]  # the MSS's control: 2020 to its report in 2025
