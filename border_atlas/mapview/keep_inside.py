"""For a map that is a picture (the briefing, the slide): no marker starts cut by the map's edge.

The first view is fitted to the places' points (:mod:`border_atlas.mapview.fit`); the markers moved
off a shared point stand some pixels beside it, and on a small picture (the slide's map is drawn at
about 640 px so that its labels stay readable) those at the edge of the fitted area can fall outside
it. After every fit, this centres the drawn symbols (not only the points) and zooms out while a marker
is cut, so that the whole cluster is shown, in the middle of the map rather than pressed to an edge.
A picture cannot be panned by its reader, so this matters there more than in the app.

>>> import folium
>>> m = folium.Map(tiles=None)
>>> _ = KeepMarkersInside([[41.2, 128.0], [41.4, 128.2]]).add_to(m)
>>> "MutationObserver" in m.get_root().render()
True
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

EDGE_PX = 6  # a marker's symbol keeps this far from the map's edge


class KeepMarkersInside(MacroElement):
    """Add to a map whose view is fitted to ``bounds`` ([[south, west], [north, east]])."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map, bounds) {
            var container = map.getContainer(), area = L.latLngBounds(bounds);
            function symbols() {  // the drawn symbols of the places the view is fitted to, in container px
                var box = container.getBoundingClientRect(), found = [];
                map.eachLayer(function (layer) {
                    // Places outside the bounds (far ones, named in a note) are not this map's to show.
                    var sym = layer.getLatLng && layer.getElement && area.contains(layer.getLatLng()) &&
                        layer.getElement() && layer.getElement().querySelector(".ba-sym");
                    if (!sym) { return; }
                    var s = sym.getBoundingClientRect();
                    found.push({left: s.left - box.left, top: s.top - box.top, right: s.right - box.left,
                                bottom: s.bottom - box.top});
                });
                return found;
            }
            function cut(found) {
                var size = map.getSize(), edge = {{ this.edge_px }};
                return found.some(function (s) {
                    return s.left < edge || s.top < edge || s.right > size.x - edge || s.bottom > size.y - edge;
                });
            }
            // The fit centred the places' points; the markers moved off a shared point lie to one side of
            // them (above Hyesan): centre what is drawn instead, where the points' centre was.
            function centre(found) {
                var middle = map.latLngToContainerPoint(area.getCenter());
                var x = (Math.min.apply(null, found.map(function (s) { return s.left; })) +
                         Math.max.apply(null, found.map(function (s) { return s.right; }))) / 2;
                var y = (Math.min.apply(null, found.map(function (s) { return s.top; })) +
                         Math.max.apply(null, found.map(function (s) { return s.bottom; }))) / 2;
                map.panBy([Math.round(x - middle.x), Math.round(y - middle.y)], {animate: false});
            }
            function check() {
                for (var step = 0; step < 20; step++) {
                    if (!symbols().length) { return; }
                    centre(symbols());
                    if (!cut(symbols()) || map.getZoom() <= map.getMinZoom()) { return; }
                    map.setZoom(map.getZoom() - 1, {animate: false});
                }
            }
            // The fit marks the container each time it sets the view.
            new MutationObserver(check).observe(container, {attributes: true, attributeFilter: ["data-ba-fitted"]});
        })({{ this._parent.get_name() }}, {{ this.bounds|tojson }});
        {% endmacro %}
    """)

    def __init__(self, bounds: list[list[float]]):
        super().__init__()
        self._name = "KeepMarkersInside"
        self.bounds = [[float(v) for v in corner] for corner in bounds]
        self.edge_px = EDGE_PX
