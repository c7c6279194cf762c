"""FilterState <-> URL query parameters."""

from __future__ import annotations

from datetime import date

from border_atlas.state import FilterState


def test_round_trip_through_query_params():
    state = FilterState(orgs=("office-39", "mss"), places=("hyesan",), era="pre-covid",
                        date_from=date(2017, 1, 1), date_to=date(2019, 12, 31), roles=("crackdown",),
                        min_grade="C3", exact_orgs=True, briefing=True, title="Hyesan 2018")
    params = state.to_query_params()
    assert params["org"] == ["office-39", "mss"]
    assert params["from"] == "2017-01-01"
    restored, notes = FilterState.from_query_params(params)
    assert restored == state and notes == []


def test_default_state_has_an_empty_url():
    assert FilterState().to_query_params() == {}


def test_bad_parameters_are_dropped_with_a_note():
    known = {"orgs": {"mss"}, "places": {"hyesan"}, "era": {"pre-covid"}, "roles": {"order"}}
    state, notes = FilterState.from_query_params(
        {"org": ["mss", "<script>"], "era": "medieval", "from": "yesterday", "grade": "Z9", "place": "hyesan"},
        known=known,
    )
    assert state == FilterState(orgs=("mss",), places=("hyesan",))
    assert len(notes) == 4
    assert any("'<script>'" in note for note in notes)


def test_reversed_dates_in_a_link_are_ignored():
    state, notes = FilterState.from_query_params({"from": "2020-01-01", "to": "2019-01-01"})
    assert state.date_from is None and state.date_to is None and notes
