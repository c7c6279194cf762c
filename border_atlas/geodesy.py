"""Distances on the WGS84 ellipsoid (geopy's geodesic), for popups and captions."""

from __future__ import annotations

from geopy.distance import geodesic

Point = tuple[float, float]


def distance_km(a: Point, b: Point) -> float:
    """Geodesic distance in kilometres between two (lat, lon) points.

    >>> round(distance_km((41.40167, 128.17778), (41.2284, 127.9858)), 1)
    25.1
    """
    return geodesic(a, b).km


def nearest(point: Point, candidates: dict[str, Point]) -> tuple[str, float] | None:
    """The id of the candidate nearest to ``point`` and its distance in km."""
    if not candidates:
        return None
    ident = min(candidates, key=lambda key: geodesic(point, candidates[key]).km)
    return ident, distance_km(point, candidates[ident])
