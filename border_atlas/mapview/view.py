"""Where the map looks first: the selected places near Hyesan, fitted inside the free space.

The fit itself is made in the browser (:mod:`border_atlas.mapview.fit`), where the map's size
and its controls' are known.
"""

from __future__ import annotations

import pandas as pd

from border_atlas.geodesy import great_circle_km, within_km
from border_atlas.selection import Selection

HYESAN = (41.40167, 128.17778)
FOCUS_RADIUS_KM = 80  # places this close to Hyesan decide the first view when there are any
Bounds = list[list[float]]


def _near(places: pd.DataFrame) -> pd.Series:
    return pd.Series(within_km(HYESAN, places["lat"], places["lon"], FOCUS_RADIUS_KM), index=places.index, dtype=bool)


def focus_bounds(selection: Selection) -> Bounds:
    """[[south, west], [north, east]] of the selected places near Hyesan, else of all of them.

    Far places (Pyongyang, Jagang) would shrink the border region to nothing: they are left
    out of the view and named in a note instead (:func:`off_map_ids`).
    """
    places = selection.places
    if places.empty:
        return [[HYESAN[0] - 0.2, HYESAN[1] - 0.3], [HYESAN[0] + 0.1, HYESAN[1] + 0.1]]
    near = _near(places)
    chosen = places[near] if near.any() else places
    return [[chosen["lat"].min(), chosen["lon"].min()], [chosen["lat"].max(), chosen["lon"].max()]]


def off_map_ids(selection: Selection) -> list[str]:
    """The drawn places the first view leaves out, farthest first."""
    places = selection.places
    if places.empty:
        return []
    near = _near(places)
    if not near.any():
        return []
    far = places[~near]
    # Whole columns on the sphere: the order is all that is needed here, and thousands of places may be far.
    far = far.assign(distance=great_circle_km(HYESAN, far["lat"], far["lon"]))
    return far.sort_values(["distance", "id"], ascending=False)["id"].tolist()


def union_bounds(*selections: Selection) -> Bounds:
    """The bounds that hold the focus of every selection that has places."""
    boxes = [focus_bounds(s) for s in selections if not s.places.empty] or [focus_bounds(selections[0])]
    return [[min(b[0][0] for b in boxes), min(b[0][1] for b in boxes)],
            [max(b[1][0] for b in boxes), max(b[1][1] for b in boxes)]]
