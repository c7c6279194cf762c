"""Where the map looks first: the selected places near Hyesan, fitted inside the free space.

streamlit-folium moves an existing map by centre and zoom without reloading it, so the fit is
computed here (Leaflet's fitBounds, in Python) rather than in the browser.
"""

from __future__ import annotations

import math

from border_atlas.geodesy import within_km
from border_atlas.selection import Selection

HYESAN = (41.40167, 128.17778)
FOCUS_RADIUS_KM = 80  # places this close to Hyesan decide the first view when there are any
# Room kept free around the places: the legend sits on the left, labels run to the right.
PADDING_TOP_LEFT = (270, 50)
PADDING_BOTTOM_RIGHT = (440, 60)
MAX_FIT_ZOOM = 12
Bounds = list[list[float]]


def focus_bounds(selection: Selection) -> Bounds:
    """[[south, west], [north, east]] of the selected places near Hyesan, else of all of them."""
    places = selection.places
    if places.empty:
        return [[HYESAN[0] - 0.2, HYESAN[1] - 0.3], [HYESAN[0] + 0.1, HYESAN[1] + 0.1]]
    near = places[within_km(HYESAN, places["lat"], places["lon"], FOCUS_RADIUS_KM)]
    chosen = near if not near.empty else places
    return [[chosen["lat"].min(), chosen["lon"].min()], [chosen["lat"].max(), chosen["lon"].max()]]


def union_bounds(*selections: Selection) -> Bounds:
    """The bounds that hold the focus of every selection that has places."""
    boxes = [focus_bounds(s) for s in selections if not s.places.empty] or [focus_bounds(selections[0])]
    return [[min(b[0][0] for b in boxes), min(b[0][1] for b in boxes)],
            [max(b[1][0] for b in boxes), max(b[1][1] for b in boxes)]]


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def map_view(selection: Selection, *, width_px: int = 1040, height_px: int = 640) -> tuple[tuple[float, float], int]:
    """Centre and zoom that show :func:`focus_bounds` inside the padding."""
    (south, west), (north, east) = focus_bounds(selection)
    (left, top), (right, bottom) = PADDING_TOP_LEFT, PADDING_BOTTOM_RIGHT
    free_w, free_h = max(width_px - left - right, 100), max(height_px - top - bottom, 100)
    zoom_x = math.log2(free_w * 360 / (256 * max(east - west, 1e-9)))
    zoom_y = math.log2(free_h * 2 * math.pi / (256 * max(_mercator(north) - _mercator(south), 1e-9)))
    zoom = max(5, min(MAX_FIT_ZOOM, math.floor(min(zoom_x, zoom_y))))
    scale = 256 * 2**zoom
    x_mid = ((west + east) / 2 + 180) / 360 * scale
    y_mid = (1 - (_mercator(north) + _mercator(south)) / 2 / math.pi) / 2 * scale
    # Put the places' middle in the middle of the free area, then find the map's centre.
    x_centre = x_mid + width_px / 2 - (left + free_w / 2)
    y_centre = y_mid + height_px / 2 - (top + free_h / 2)
    lon = x_centre / scale * 360 - 180
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y_centre / scale))))
    return (lat, lon), zoom
