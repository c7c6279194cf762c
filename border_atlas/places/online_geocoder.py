"""An opt-in online geocoder: OpenStreetMap Nominatim behind a rate limit and a cache.

Off unless the user turns it on: a query to an outside service tells that service what
the analyst is looking at. Nominatim's policy asks for one request a second at most and a
user agent that names the application.

Example (it sends the query to Nominatim, so it is not run as a test)::

    lookup = make_online_geocoder(user_agent="border-atlas/1.0 (analyst@example.org)")
    lookup("Hyesan")
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping

from geopy.exc import ConfigurationError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.location import Location

MIN_DELAY_SECONDS = 1.0


def make_online_geocoder(
    *,
    user_agent: str,
    min_delay_seconds: float = MIN_DELAY_SECONDS,
    cache: MutableMapping[str, Location | None] | None = None,
    geocode: Callable[..., Location | None] | None = None,
    timeout: float = 10,
) -> Callable[[str], Location | None]:
    """A cached, rate-limited ``lookup(query)`` over Nominatim.

    :param user_agent: names the application and a contact, as Nominatim's policy requires.
    :param cache: where answers are kept, so that a name is never asked twice.
    :param geocode: the function behind the rate limiter (Nominatim's by default; tests pass
        their own so that nothing leaves the machine).
    """
    if not user_agent or not user_agent.strip() or user_agent.startswith("geopy/"):
        raise ConfigurationError(
            "make_online_geocoder needs a user_agent that names this application and a contact, "
            "e.g. 'border-atlas/1.0 (you@example.org)'"
        )
    if min_delay_seconds < MIN_DELAY_SECONDS:
        raise ConfigurationError(f"Nominatim allows at most one request a second; got {min_delay_seconds}")
    if geocode is None:
        geocode = Nominatim(user_agent=user_agent, timeout=timeout).geocode
    limited = RateLimiter(geocode, min_delay_seconds=min_delay_seconds, max_retries=1, swallow_exceptions=False)
    answers: MutableMapping[str, Location | None] = {} if cache is None else cache

    def lookup(query: str) -> Location | None:
        key = query.strip().casefold()
        if key not in answers:
            answers[key] = limited(query.strip())
        return answers[key]

    return lookup
