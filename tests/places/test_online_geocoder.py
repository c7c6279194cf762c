"""The opt-in online geocoder: configuration errors, rate limit wiring and caching (no network)."""

from __future__ import annotations

import pytest
from geopy.exc import ConfigurationError
from geopy.location import Location

from border_atlas.places.online_geocoder import make_online_geocoder


@pytest.mark.parametrize("agent", ["", "   ", "geopy/2.5.0"])
def test_needs_a_real_user_agent(agent):
    with pytest.raises(ConfigurationError, match="user_agent"):
        make_online_geocoder(user_agent=agent, geocode=lambda q: None)


def test_refuses_a_rate_above_nominatims_policy():
    with pytest.raises(ConfigurationError, match="one request a second"):
        make_online_geocoder(user_agent="border-atlas-test", min_delay_seconds=0.1, geocode=lambda q: None)


def test_each_name_is_asked_once():
    asked: list[str] = []

    def fake(query):
        asked.append(query)
        return Location(query, (41.4, 128.2), {})

    cache: dict = {}
    lookup = make_online_geocoder(user_agent="border-atlas-test", cache=cache, geocode=fake)
    assert lookup("Hyesan").latitude == 41.4
    assert lookup(" hyesan ").latitude == 41.4
    assert asked == ["Hyesan"]
    assert "hyesan" in cache
