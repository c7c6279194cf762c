"""Taps that reach their target: the map takes the keyboard focus without scrolling the page.

On a press, Leaflet focuses the map (for its arrow keys and +/-). A focus scrolls its element into
view, and in the app the map lives in a frame, so the page around it scrolls; Leaflet puts back only
its own frame's scroll. On a phone the map is taller than the screen, so pressing a label near the
screen's edge scrolled the page between the press and the release: the release landed elsewhere
and the tap opened nothing (a mouse, on a map already in view, never scrolled). The map's focus is
taken with ``preventScroll`` instead.

>>> import folium
>>> m = folium.Map(tiles=None)
>>> _ = SteadyFocus().add_to(m)
>>> "preventScroll" in m.get_root().render()
True
"""

from __future__ import annotations

from border_atlas.mapview.map_script import MapScript

STEADY_FOCUS_JS = """
(function (map) {
    var container = map.getContainer();
    container.focus = function (options) {
        HTMLElement.prototype.focus.call(container, Object.assign({}, options, {preventScroll: true}));
    };
})(%(map)s);
"""


class SteadyFocus(MapScript):
    """Adds the focus without scrolling to a map."""

    js = STEADY_FOCUS_JS
