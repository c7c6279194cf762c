"""Which places are drawn in which window, and the frames the player steps through."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from border_atlas import FilterState, select
from border_atlas.filters.link import Link
from border_atlas.loading.dates import known_period
from border_atlas.mapview.playback_layer import playback_base, playback_payload, slider_ticks
from border_atlas.playback import Window, frame_starts, play_span, window_label
from border_atlas.playback.runs import chip_runs, frame_ends, merged_runs, place_runs, record_frames


def test_windows_are_calendar_months_quarters_and_years():
    assert Window("month", date(2020, 2, 29)).bounds() == (date(2020, 2, 1), date(2020, 2, 29))
    assert Window("quarter", date(2019, 12, 31)).bounds() == (date(2019, 10, 1), date(2019, 12, 31))
    assert Window("year", date(2019, 7, 4), growing=True).bounds() == (None, date(2019, 12, 31))
    assert [window_label(Window(n, date(2018, 2, 28))) for n in ("month", "quarter", "year")] == \
        ["February 2018", "2018 Q1", "2018"]
    with pytest.raises(ValueError):
        Window("week", date(2018, 1, 1))


def test_frames_run_from_the_first_known_day_to_today(dataset):
    first, last = play_span(dataset, today=date(2026, 12, 6))
    assert first == date(2017, 1, 1)  # the MSS minister's dismissal, January 2017
    assert last == date(2026, 12, 6)
    starts = frame_starts(first, last, "quarter")
    assert starts[0] == date(2017, 1, 1) and starts[-1] == date(2026, 10, 1) and len(starts) == 40
    assert len(frame_starts(first, last, "month")) == 120


def _drawn(runs: list[int], frame: int) -> bool:
    return any(a <= frame < b for a, b in zip(runs[::2], runs[1::2], strict=True))


@pytest.mark.parametrize("growing", [False, True])
def test_a_place_is_drawn_exactly_in_the_windows_its_records_meet(dataset, growing):
    """Against a plain per-record check with the project's known-period rule, for every frame."""
    selection = select(dataset, FilterState())
    starts = frame_starts(date(2016, 1, 1), date(2026, 12, 31), "month")
    runs = place_runs(selection, starts, "month", growing=growing)
    records = selection.records
    for place_id in records["place_id"].unique():
        mine = records[records["place_id"] == place_id]
        periods = [known_period(s if isinstance(s, str) else None, e if isinstance(e, str) else None, r)
                   for s, e, r in zip(mine["start"], mine["end"], mine["reported"], strict=True)]
        for k, (lo, hi) in enumerate(zip(starts, frame_ends(starts, "month"), strict=True)):
            expected = any(p_lo <= hi and (growing or p_hi >= lo) for p_lo, p_hi in periods)
            assert _drawn(runs.get(place_id, []), k) == expected, (place_id, starts[k])


def test_the_mss_after_covid_and_the_2018_pairings_in_their_windows(dataset):
    selection = select(dataset, FilterState())
    starts = frame_starts(date(2017, 1, 1), date(2026, 12, 6), "quarter")
    at = {start: k for k, start in enumerate(starts)}
    places = place_runs(selection, starts, "quarter", growing=False)
    assert places["hyetan"] == [at[date(2018, 1, 1)], at[date(2018, 1, 1)] + 1]  # only 2018 Q1
    chips = chip_runs(selection, starts, "quarter", growing=False)["ryanggang"]
    # Ryanggang's chips in the map's order: the MSS with Office 39 (2018), then the MSS alone (2020 Q1 to 2025 Q4).
    assert chips[0] == [at[date(2018, 1, 1)], at[date(2018, 1, 1)] + 1]
    assert chips[1] == [at[date(2020, 1, 1)], at[date(2025, 10, 1)] + 1]


def test_runs_merge_overlapping_and_touching_ranges():
    groups = pd.Series(["a", "a", "a", "b", "c"])
    first = pd.Series([0, 2, 7, 5, 3]).to_numpy()
    stop = pd.Series([3, 4, 9, 6, 3]).to_numpy()  # c's range is empty
    assert merged_runs(groups, first, stop) == {"a": [0, 4, 7, 9], "b": [5, 6]}


def test_a_period_outside_the_frames_is_never_drawn():
    starts = frame_starts(date(2018, 1, 1), date(2018, 12, 31), "month")
    first, stop = record_frames(pd.Series(pd.to_datetime(["2017-03-01", "2019-02-01", "2017-12-31"])),
                                pd.Series(pd.to_datetime(["2017-04-01", "2019-03-01", "2018-01-01"])),
                                starts, "month", growing=False)
    assert [(a, b) for a, b in zip(first, stop, strict=True) if a < b] == [(0, 1)]


def test_what_the_player_is_sent_grows_with_places_and_frames_not_records(dataset):
    """Every place has at most one run per two frames, and chips at most one list per chip."""
    shown = select(dataset, FilterState(window=Window("month", date(2018, 2, 1))))
    base = playback_base(shown)
    ids = list(base.places["id"])
    payload = playback_payload(shown, base, ids, mode="detailed")
    frames = len(payload["frames"])
    assert payload["frames"][payload["at"]] == "February 2018"
    assert all(len(runs) <= frames + 1 for runs in payload["runs"])
    assert base.count == 21 and shown.count == 13


def test_the_slider_marks_the_covid_era_and_the_events(dataset):
    starts = frame_starts(date(2017, 1, 1), date(2026, 12, 6), "year")
    ticks = slider_ticks(dataset, starts, frame_ends(starts, "year"))
    era = [t for t in ticks if t["kind"] == "era"]
    assert [t["label"] for t in era] == ["2020-01-22: Post-COVID (MSS control) begins"]
    assert 3 < era[0]["at"] < 3.1  # early in 2020, the fourth frame
    assert "2016-11-30: UN Resolution 2321" not in [t["label"] for t in ticks]  # before the first frame
    assert any(t["label"] == "2023-08-27: Citizens abroad may return" for t in ticks)


def test_a_link_carries_the_window(dataset):
    state = FilterState(window=Window("quarter", date(2020, 2, 1), growing=True))
    params = Link(filters=state).to_query_params()
    assert params == {"window": "quarter", "at": "2020-01-01", "grow": "1"}
    back = Link.from_query_params({k: [v] for k, v in params.items()}, dataset)
    assert back.filters == state and back.notes == ()


@pytest.mark.parametrize(("query", "note"), [
    ({"window": ["fortnight"]}, "window='fortnight' in the link is not month, quarter or year and was ignored"),
    ({"at": ["2018"]}, "at='2018' in the link has no window=month, quarter or year and was ignored"),
    ({"window": ["year"], "at": ["<b>"]}, "at='<b>' in the link is not a date"),
])
def test_a_bad_window_in_a_link_is_noted_not_fatal(dataset, query, note):
    link = Link.from_query_params(query, dataset)
    assert any(n.startswith(note) for n in link.notes)
    assert link.filters.window is None or link.filters.window.start == date(2017, 1, 1)
