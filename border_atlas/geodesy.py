"""Distances on the WGS84 ellipsoid (geopy's geodesic): the map's first view, reverse look-ups."""

from __future__ import annotations

from geopy.distance import geodesic

Point = tuple[float, float]


def distance_km(a: Point, b: Point) -> float:
    """Geodesic distance in kilometres between two (lat, lon) points.

    >>> round(distance_km((41.40167, 128.17778), (41.2284, 127.9858)), 1)
    25.1
    """
    return geodesic(a, b).km
