"""A locator inset: the Korean peninsula, with a rectangle where the map is looking.

The peninsula is inline SVG drawn in Python (:mod:`border_atlas.places.locator`); no second map
and no request. A few lines of script move the rectangle when the map moves.

>>> import folium
>>> m = folium.Map(tiles=None)
>>> inset = LocatorInset(position="topleft").add_to(m)
>>> inset.svg.count("<path"), "ba-locator-view" in m.get_root().render()
(4, True)
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from border_atlas.places.locator import InsetFrame, inset_svg, load_peninsula

POSITIONS = ("topleft", "topright", "bottomleft", "bottomright")
MIN_VIEW_PX = 5  # a view smaller than this on the inset is drawn at this size, so that it stays visible

CSS = """
.ba-locator { background: rgba(255,255,255,.95); padding: 3px; border-radius: 4px; line-height: 0;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.ba-locator svg { display: block; }
.ba-locator .sea { fill: #e3eaf0; }
.ba-locator .land { fill: #f7f4ec; stroke: #98a2ab; stroke-width: .6; stroke-linejoin: round; }
.ba-locator .border { fill: none; stroke: #3d3d3d; stroke-width: 1.2; stroke-linejoin: round; }
.ba-locator .koreas { fill: none; stroke: #666; stroke-width: .9; stroke-dasharray: 2.5 1.5; }
.ba-locator .russia { fill: none; stroke: #8a8a8a; stroke-width: .8; }
.ba-locator text { font: 600 7.5px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; letter-spacing: .08em;
  fill: #7d776c; text-anchor: middle; }
.ba-locator .ba-locator-view { fill: rgba(198,40,40,.14); stroke: #c62828; stroke-width: 1.4; }
@media print {
  .ba-locator { box-shadow: none; border: 1px solid #999; -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }
}
"""

# Runs with `div` (the control's box), `map` and `p` (the frame's projection) in scope.
UPDATE_JS = """
    var svg = div.querySelector("svg"), view = div.querySelector(".ba-locator-view");
    function northing(lat) {
        lat = Math.max(-85, Math.min(85, lat)) * Math.PI / 180;
        return Math.log(Math.tan(Math.PI / 4 + lat / 2));
    }
    function x(lon) { return (lon - p.west) / (p.east - p.west) * p.width; }
    function y(lat) { return (p.top - northing(lat)) / (p.top - p.bottom) * p.height; }
    function widen(a, b, limit) {
        var mid = (a + b) / 2, half = Math.max(b - a, p.minView) / 2;
        return [Math.max(0, mid - half), Math.min(limit, mid + half)];
    }
    function update() {
        var size = map.getSize(), bounds = map.getBounds();
        div.style.display = size.x < p.minMapWidth ? "none" : "";
        var scale = size.x < p.narrowWidth ? p.narrowScale : 1;
        svg.style.width = Math.round(p.width * scale) + "px";
        svg.style.height = Math.round(p.height * scale) + "px";
        var x0 = x(bounds.getWest()), x1 = x(bounds.getEast());
        var y0 = y(bounds.getNorth()), y1 = y(bounds.getSouth());
        var seen = x1 > 0 && x0 < p.width && y1 > 0 && y0 < p.height;
        view.setAttribute("visibility", seen ? "visible" : "hidden");
        if (!seen) { return; }
        var xs = widen(x0, x1, p.width), ys = widen(y0, y1, p.height);
        view.setAttribute("x", xs[0].toFixed(1));
        view.setAttribute("y", ys[0].toFixed(1));
        view.setAttribute("width", (xs[1] - xs[0]).toFixed(1));
        view.setAttribute("height", (ys[1] - ys[0]).toFixed(1));
    }
    map.on("moveend zoomend resize", update);
    map.whenReady(update);
"""


class LocatorInset(MacroElement):
    """The inset as a Leaflet control at ``position``.

    :param width: the inset's width in pixels (its height follows from the frame).
    :param bbox: the area shown (west, south, east, north); the whole peninsula file by default.
    :param labels: print CHINA, N. KOREA and S. KOREA on it.
    :param min_map_width: hide the inset on maps narrower than this many pixels (0: always shown).
    :param narrow_width: on maps narrower than this, draw it at ``narrow_scale`` of its size.
    """

    _template = Template("""
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create("div", "ba-locator");
            var p = {{ this.params|tojson }};
            div.innerHTML = {{ this.svg|tojson }};
            L.DomEvent.disableClickPropagation(div);
            {{ this.update_js }}
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, *, position: str = "bottomright", width: int = 140,
                 bbox: tuple[float, float, float, float] | None = None, labels: bool = True,
                 min_map_width: int = 0, narrow_width: int = 520, narrow_scale: float = 0.75):
        super().__init__()
        if position not in POSITIONS:
            raise ValueError(f"position must be one of {', '.join(POSITIONS)}, not {position!r}")
        if not 0.3 <= narrow_scale <= 1:
            raise ValueError(f"narrow_scale must be between 0.3 and 1, not {narrow_scale!r}")
        self._name = "LocatorInset"
        peninsula = load_peninsula()
        frame = InsetFrame(bbox or peninsula.bbox, width=width)
        self.position = position
        self.css = CSS
        self.svg = inset_svg(peninsula, frame, labels=labels)
        self.params = {**frame.js_params(), "minView": MIN_VIEW_PX, "minMapWidth": min_map_width,
                       "narrowWidth": narrow_width, "narrowScale": narrow_scale}
        self.update_js = UPDATE_JS
