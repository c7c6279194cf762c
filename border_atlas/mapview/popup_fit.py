"""Popups that fit the map they open on: never wider than it, never under its controls.

A popup's record text wants up to :data:`MAX_WIDTH` px, wider than a phone's map; Leaflet draws
its controls above popups, so a popup panned under the zoom buttons or the off-map note is partly
hidden. When a popup opens, its width and height are capped to the map's free space and Leaflet's
auto-pan keeps it clear of the controls showing in the top and bottom corners (the legend steps
aside by itself). (Taps: see :mod:`border_atlas.mapview.steady_focus`.)

>>> import folium
>>> m = folium.Map(tiles=None)
>>> _ = PopupFit().add_to(m)
>>> "autoPanPaddingTopLeft" in m.get_root().render()
True
"""

from __future__ import annotations

from border_atlas.mapview.map_script import MapScript

MAX_WIDTH = 400  # px, what a popup may take on a wide map
MAX_HEIGHT = 420
SIDE = 8  # px kept free between a popup and the map's sides and controls

FIT_JS = """
(function (map) {
    function reach(corner, fromTop) {
        // How far the shown controls of a corner reach into the map, from its top or its bottom.
        var origin = map.getContainer().getBoundingClientRect(), far = 0;
        map.getContainer().querySelectorAll(corner + " > .leaflet-control").forEach(function (c) {
            if (!c.offsetWidth || getComputedStyle(c).visibility === "hidden") { return; }
            var r = c.getBoundingClientRect();
            far = Math.max(far, fromTop ? r.bottom - origin.top : origin.bottom - r.top);
        });
        return far;
    }
    map.on("popupopen", function (e) {
        var popup = e.popup, size = map.getSize(), box = popup.getElement();
        var content = box.querySelector(".leaflet-popup-content");
        // Leaflet's limits are for the content; the frame around it (margins, tip) comes on top.
        var frameX = box.offsetWidth - content.offsetWidth, frameY = box.offsetHeight - content.offsetHeight;
        var top = Math.max(reach(".leaflet-top.leaflet-left", true), reach(".leaflet-top.leaflet-right", true));
        var bottom = Math.max(reach(".leaflet-bottom.leaflet-left", false),
                              reach(".leaflet-bottom.leaflet-right", false));
        var width = Math.max(100, Math.min(%(max_width)d, size.x - 2 * %(side)d - frameX));
        var height = Math.max(100, Math.min(%(max_height)d, size.y - top - bottom - 2 * %(side)d - frameY));
        if (popup.options.maxWidth === width && popup.options.maxHeight === height) { return; }
        L.setOptions(popup, {maxWidth: width, minWidth: Math.min(popup.options.minWidth, width), maxHeight: height,
                             autoPanPaddingTopLeft: L.point(%(side)d, top + %(side)d),
                             autoPanPaddingBottomRight: L.point(%(side)d, bottom + %(side)d)});
        popup.update();
    });
})(%(map)s);
"""


class PopupFit(MapScript):
    """Adds the popup fitting to a map (once, with the map's other fixed parts)."""

    js = FIT_JS

    def values(self) -> dict:
        return {"max_width": MAX_WIDTH, "max_height": MAX_HEIGHT, "side": SIDE}
