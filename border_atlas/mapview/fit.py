"""Fit the map to the drawn places in the browser, keeping clear of the controls.

The room the legend and the other controls take depends on the map's size (a phone, a slide,
a laptop) and on whether the legend is folded, so the fit is made where those are known. It
travels with the data layers, so each filter change fits the new places without reloading.

>>> import folium
>>> m = folium.Map(tiles=None)
>>> layer = folium.FeatureGroup().add_to(m)
>>> _ = FitToData([[41.2, 128.0], [41.4, 128.2]]).add_to(layer)
>>> "fitBounds" in m.get_root().render()
True
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from border_atlas.mapview.layout import COLUMN_DX

MAX_ZOOM = 12
EDGE_PX = 24  # kept free on every side, besides the controls
LABEL_PX = 90  # kept free on the right and left, so that labels can sit beside the outermost places


class FitToData(MacroElement):
    """Add to a data layer: fits the map to ``bounds`` ([[south, west], [north, east]])."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map, bounds) {
            function side(selector) {
                var widest = 0;
                // The credit is a thin strip along the bottom edge: its width says nothing of the room beside the data.
                map.getContainer().querySelectorAll(selector + " .leaflet-control:not(.leaflet-control-attribution)")
                    .forEach(function (c) {
                    if (c.offsetWidth && c.style.display !== "none") { widest = Math.max(widest, c.offsetWidth); }
                });
                return widest;
            }
            function fit() {
                var left = Math.max(side(".leaflet-left"), {{ this.label_px }}) + {{ this.edge_px }};
                var right = Math.max(side(".leaflet-right"), {{ this.label_px }}) + {{ this.edge_px }};
                var size = map.getSize();
                var legend = map.getContainer().querySelector(".ba-legend:not(.folded)");
                if (left + right > size.x * 0.6 && legend) {  // fold the legend rather than hide data under it
                    legend.classList.add("folded");
                    map.fire("ba:layout");
                    return fit();
                }
                if (left + right > size.x * 0.6) {  // a phone: only room for the markers moved off a shared point
                    left = {{ this.edge_px }};
                    right = {{ this.edge_px }} + {{ this.shift_px }};
                }
                map.fitBounds(bounds, {paddingTopLeft: [left, {{ this.edge_px }} + 20],
                                       paddingBottomRight: [right, {{ this.edge_px }} + 10],
                                       maxZoom: {{ this.max_zoom }}, animate: false});
                map.getContainer().dataset.baFitted = "1";  // for tests and benchmarks: the first view is set
            }
            map.whenReady(function () { window.requestAnimationFrame(fit); });
            // The frame may still be sized after the first fit (a slow page): fit again on resize until
            // the reader touches the map.
            var touched = false;
            ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (name) {
                map.getContainer().addEventListener(name, function () { touched = true; }, {passive: true});
            });
            map.on("resize", function () { if (!touched) { window.requestAnimationFrame(fit); } });
        })({{ this._parent._parent.get_name() }}, {{ this.bounds|tojson }});
        {% endmacro %}
    """)

    def __init__(self, bounds: list[list[float]], *, max_zoom: int = MAX_ZOOM):
        super().__init__()
        self._name = "FitToData"
        self.bounds = [[float(v) for v in corner] for corner in bounds]
        self.max_zoom = max_zoom
        self.edge_px = EDGE_PX
        self.label_px = LABEL_PX
        self.shift_px = COLUMN_DX + 14
