"""Distances on the WGS84 ellipsoid (geopy's geodesic): the map's first view, reverse look-ups."""

from __future__ import annotations

import numpy as np
from geopy.distance import geodesic

Point = tuple[float, float]


def distance_km(a: Point, b: Point) -> float:
    """Geodesic distance in kilometres between two (lat, lon) points.

    >>> round(distance_km((41.40167, 128.17778), (41.2284, 127.9858)), 1)
    25.1
    """
    return geodesic(a, b).km


MEAN_EARTH_RADIUS_KM = 6371.0088
# On the sphere a distance differs from the ellipsoid's by under 0.6 %; closer calls are measured again.
_SPHERE_MARGIN = 0.01


def within_km(point: Point, lats, lons, radius_km: float) -> np.ndarray:
    """Whether each (lat, lon) lies within ``radius_km`` of ``point``, on the WGS84 ellipsoid.

    Whole arrays at once on the sphere; only points near the circle's edge are measured again
    with geopy's geodesic, so the answer is the geodesic one.

    >>> within_km((41.40167, 128.17778), [41.2284, 39.03], [127.9858, 125.75], 80).tolist()
    [True, False]
    """
    lats, lons = np.asarray(lats, dtype="float64"), np.asarray(lons, dtype="float64")
    sphere = great_circle_km(point, lats, lons)
    inside = sphere <= radius_km
    for k in np.flatnonzero(np.abs(sphere - radius_km) <= radius_km * _SPHERE_MARGIN):
        inside[k] = distance_km(point, (float(lats[k]), float(lons[k]))) <= radius_km
    return inside


def great_circle_km(point: Point, lats, lons) -> np.ndarray:
    """Distances in km from ``point`` to each (lat, lon) on the mean sphere (within 0.6 % of the ellipsoid's).

    >>> great_circle_km((41.40167, 128.17778), [41.2284], [127.9858]).round(1).tolist()
    [25.1]
    """
    lat, lon = np.radians(np.asarray(lats, dtype="float64")), np.radians(np.asarray(lons, dtype="float64"))
    lat0, lon0 = np.radians(point[0]), np.radians(point[1])
    a = np.sin((lat - lat0) / 2) ** 2 + np.cos(lat0) * np.cos(lat) * np.sin((lon - lon0) / 2) ** 2
    return 2 * MEAN_EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
