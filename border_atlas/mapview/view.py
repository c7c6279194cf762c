"""Where the map looks first: the selected places near Hyesan, fitted inside the free space.

Records about a whole area (a province) are drawn over its outline: where only such areas are
drawn, the view holds the outlines of those near Hyesan rather than the single point a label
hangs from.
The fit itself is made in the browser (:mod:`border_atlas.mapview.fit`), where the map's size
and its controls' are known.
"""

from __future__ import annotations

import math

import pandas as pd

from border_atlas.filters.selection import Selection
from border_atlas.places.areas import AREA_KINDS, area_outline
from border_atlas.places.geodesy import great_circle_km, within_km

HYESAN = (41.40167, 128.17778)
KM_PER_DEGREE = 111.2  # of latitude
FOCUS_RADIUS_KM = 80  # places this close to Hyesan decide the first view when there are any
Bounds = list[list[float]]


def _near(places: pd.DataFrame) -> pd.Series:
    return pd.Series(within_km(HYESAN, places["lat"], places["lon"], FOCUS_RADIUS_KM), index=places.index, dtype=bool)


def _chosen(places: pd.DataFrame) -> pd.DataFrame:
    near = _near(places)
    return places[near] if near.any() else places


def areas_only(selection: Selection) -> bool:
    """Whether every drawn place is a whole area (no point to zoom in on)."""
    return not selection.places.empty and bool(selection.places["kind"].isin(AREA_KINDS).all())


def focus_bounds(selection: Selection, *, outlines: bool | None = None) -> Bounds:
    """[[south, west], [north, east]] of the selected places near Hyesan, else of all of them.

    Far places (Pyongyang, Jagang) would shrink the border region to nothing: they are left
    out of the view and named in a note instead (:func:`off_map_ids`). ``outlines``: include
    the drawn areas' outlines (by default, where only areas are drawn).
    """
    places = selection.places
    if places.empty:
        return [[HYESAN[0] - 0.2, HYESAN[1] - 0.3], [HYESAN[0] + 0.1, HYESAN[1] + 0.1]]
    outlines = areas_only(selection) if outlines is None else outlines
    chosen = _chosen(places)
    south, west, north, east = chosen["lat"].min(), chosen["lon"].min(), chosen["lat"].max(), chosen["lon"].max()
    if outlines:
        for _, place in chosen.iterrows():
            (s, w), (n, e) = _area_extent(place)
            south, west, north, east = min(south, s), min(west, w), max(north, n), max(east, e)
    return [[float(south), float(west)], [float(north), float(east)]]


def _area_extent(place: pd.Series) -> tuple[tuple[float, float], tuple[float, float]]:
    """An area's outline bounds; for one without an outline, its stated extent around its point (not drawn)."""
    outline = area_outline(place["id"])
    if outline is not None:
        return outline.bounds
    radius_km = place["uncertainty_m"] / 1000 if pd.notna(place.get("uncertainty_m")) else 0.0
    dlat = radius_km / KM_PER_DEGREE
    dlon = dlat / max(math.cos(math.radians(place["lat"])), 0.1)
    return (place["lat"] - dlat, place["lon"] - dlon), (place["lat"] + dlat, place["lon"] + dlon)


def off_map_ids(selection: Selection, bounds: Bounds | None = None) -> list[str]:
    """The drawn places the first view leaves out, farthest first.

    ``bounds``: the view is fitted to these rather than to the selection's own focus (the
    comparison's two maps share one view): a far place inside them is on the map.
    """
    places = selection.places
    if places.empty:
        return []
    near = _near(places)
    if not near.any():
        return []
    if bounds is None and areas_only(selection):
        bounds = focus_bounds(selection)  # the near areas' outlines: a far place may lie inside them
    if bounds is not None:
        (south, west), (north, east) = bounds
        near |= places["lat"].between(south, north) & places["lon"].between(west, east)
    far = places[~near]
    # Whole columns on the sphere: the order is all that is needed here, and thousands of places may be far.
    far = far.assign(distance=great_circle_km(HYESAN, far["lat"], far["lon"]))
    return far.sort_values(["distance", "id"], ascending=False)["id"].tolist()


def union_bounds(*selections: Selection) -> Bounds:
    """The bounds that hold the focus of every selection that has places.

    Areas' outlines count only where no map has a point place: a province around the other
    map's neighbourhoods would shrink them to one crowded spot.
    """
    drawn = [s for s in selections if not s.places.empty]
    outlines = all(areas_only(s) for s in drawn)
    boxes = [focus_bounds(s, outlines=outlines) for s in drawn] or [focus_bounds(selections[0])]
    return [[min(b[0][0] for b in boxes), min(b[0][1] for b in boxes)],
            [max(b[1][0] for b in boxes), max(b[1][1] for b in boxes)]]
