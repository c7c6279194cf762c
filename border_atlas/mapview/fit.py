"""Fit the map to the drawn places in the browser, keeping clear of the controls.

The room the legend and the other controls take depends on the map's size (a phone, a slide,
a laptop) and on whether the legend is folded, so the fit is made where those are known. It
travels with the data layers, so each filter change fits the new places without reloading.

The controls have their final size only once the page's stylesheets and fonts are in (the app's
map frame adds Leaflet's stylesheet without waiting for it), and they change size later too (the
legend and the off-map note are filled, the frame is sized): the first fit waits for the
stylesheets and fonts, and the view is fitted again whenever the map or a control changes size,
until the reader touches the map.

>>> import folium
>>> m = folium.Map(tiles=None)
>>> layer = folium.FeatureGroup().add_to(m)
>>> _ = FitToData([[41.2, 128.0], [41.4, 128.2]]).add_to(layer)
>>> script = m.get_root().render()
>>> "fitBounds" in script, "ResizeObserver" in script, "document.fonts" in script
(True, True, True)
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from border_atlas.mapview.layout import COLUMN_DX

MAX_ZOOM = 12
EDGE_PX = 24  # kept free on every side, besides the controls
LABEL_PX = 90  # kept free on the right and left, so that labels can sit beside the outermost places
FOLD_SHARE = 0.6  # sides wider than this share of the map fold the legend
MIN_ROOM_PX = 240  # the data keeps clear of the controls unless that leaves it less room than a phone's map
STYLESHEET_WAIT_MS = 5000  # a stylesheet that failed before the fit looked sends no more events


class FitToData(MacroElement):
    """Add to a data layer: fits the map to ``bounds`` ([[south, west], [north, east]])."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map, bounds) {
            var layer = {{ this._parent.get_name() }}, container = map.getContainer();
            var mine = map.baFit = {};  // newer data layers take over the fitting
            var settled = false, touched = false, pending = false, observer = null, noted = false;
            function side(selector) {
                var widest = 0;
                // The credit is a thin strip along the bottom edge: its width says nothing of the room beside the data.
                container.querySelectorAll(selector + " .leaflet-control:not(.leaflet-control-attribution)")
                    .forEach(function (c) {
                    if (c.offsetWidth && c.style.display !== "none") { widest = Math.max(widest, c.offsetWidth); }
                });
                return widest;
            }
            function fit() {
                var left = Math.max(side(".leaflet-left"), {{ this.label_px }}) + {{ this.edge_px }};
                var right = Math.max(side(".leaflet-right"), {{ this.label_px }}) + {{ this.edge_px }};
                var size = map.getSize(), crowded = left + right > size.x * {{ this.fold_share }};
                var legend = container.querySelector(".ba-legend:not(.folded)");
                if (crowded && legend) {  // fold the legend rather than hide data under it
                    legend.classList.add("folded");
                    map.fire("ba:layout");
                    return fit();
                }
                var phone = crowded && size.x - left - right < {{ this.min_room_px }};
                if (phone) {  // only room for the markers moved off a shared point
                    left = {{ this.edge_px }};
                    right = {{ this.edge_px }} + {{ this.shift_px }};
                }
                var options = {paddingTopLeft: [left, {{ this.edge_px }} + 20],
                               paddingBottomRight: [right, {{ this.edge_px }} + 10],
                               maxZoom: {{ this.max_zoom }}, animate: false};
                map.fitBounds(bounds, options);
                // Markers moved off a shared point stand beside their place, beyond the padding: move the view
                // a little, else step out, until none starts under a control (a phone can only move).
                while (!nudge() && !phone && map.getZoom() > map.getMinZoom()) {
                    options.maxZoom = map.getZoom() - 1;
                    map.fitBounds(bounds, options);
                }
                if (!noted) { noted = true; note(); }
                container.dataset.baFitted = "1";  // for tests and benchmarks: the first view is set
            }
            // The off-map note names far places; a view fitted to a province's outline may hold some after all.
            // Decided once, on the first view: a note that grew and shrank with each refit would move the view.
            function note() {
                var box = container.querySelector(".ba-offmap"), view = map.getBounds(), shown = 0;
                if (!box) { return; }
                box.querySelectorAll(".ba-off-item").forEach(function (item) {
                    var inView = view.contains([+item.dataset.lat, +item.dataset.lon]);
                    item.style.display = inView ? "none" : "";
                    item.querySelector(".ba-off-sep").style.display = (inView || !shown) ? "none" : "";
                    shown += inView ? 0 : 1;
                });
                if (box.querySelector(".ba-off-item") && !shown) { box.style.display = "none"; }
            }
            function symbols() {
                var area = L.latLngBounds(bounds), boxes = [];
                layer.eachLayer(function (marker) {
                    // Places outside the bounds (far ones, named in the note) are not the fit's to show.
                    var sym = marker.getLatLng && area.contains(marker.getLatLng()) && marker.getElement() &&
                        marker.getElement().querySelector(".ba-sym");
                    if (sym) { boxes.push(sym.getBoundingClientRect()); }
                });
                return boxes;
            }
            // Each [symbol, control] pair where a marker's symbol starts under a control.
            function covered() {
                var controls = [], hits = [];
                container.querySelectorAll(".leaflet-control").forEach(function (c) {
                    if (c.offsetWidth && getComputedStyle(c).visibility !== "hidden") {
                        controls.push(c.getBoundingClientRect());
                    }
                });
                symbols().forEach(function (s) {
                    controls.forEach(function (c) {
                        var w = Math.min(s.right, c.right) - Math.max(s.left, c.left);
                        var h = Math.min(s.bottom, c.bottom) - Math.max(s.top, c.top);
                        if (w > 0 && h > 0 && w * h >= 1) { hits.push([s, c]); }
                    });
                });
                return hits;
            }
            function outside() {
                var frame = container.getBoundingClientRect();
                return symbols().filter(function (s) {
                    return s.left < frame.left || s.top < frame.top || s.right > frame.right || s.bottom > frame.bottom;
                }).length;
            }
            // Maps kept in step (the era comparison) move together: a move must suit the markers of every map in
            // the page, whichever fits last.
            var everyMap = window.baFitted = window.baFitted || {};
            everyMap[L.stamp(map)] = {covered: covered, outside: outside};
            function all(what) {
                return Object.keys(everyMap).reduce(function (sum, id) { return sum.concat(everyMap[id][what]()); },
                                                    []);
            }
            function allOutside() { return all("outside").reduce(function (a, b) { return a + b; }, 0); }
            // Pan by the least that clears a covered symbol, if that leaves fewer covered and no more outside the
            // map; true when none is covered.
            function nudge() {
                for (var round = 0; round < 4; round++) {
                    var hits = all("covered"), out = allOutside();
                    if (!hits.length) { return true; }
                    var s = hits[0][0], c = hits[0][1], gap = 4;
                    // Moves of the map's content: down, up, right, left, the smallest first.
                    var moves = [[0, c.bottom - s.top + gap], [0, c.top - s.bottom - gap],
                                 [c.right - s.left + gap, 0], [c.left - s.right - gap, 0]];
                    moves.sort(function (a, b) { return Math.abs(a[0] + a[1]) - Math.abs(b[0] + b[1]); });
                    var moved = moves.some(function (m) {
                        map.panBy([-m[0], -m[1]], {animate: false});
                        if (all("covered").length < hits.length && allOutside() <= out) { return true; }
                        map.panBy([m[0], m[1]], {animate: false});
                        return false;
                    });
                    if (!moved) { return false; }
                }
                return !all("covered").length;
            }
            function live() {
                if (touched || map.baFit !== mine) {
                    if (observer) { observer.disconnect(); }
                    return false;
                }
                return true;
            }
            // One fit per frame however many sizes change in it; the fold it may make settles in the next.
            function soon() {
                if (!settled || pending || !live()) { return; }
                pending = true;
                window.requestAnimationFrame(function () { pending = false; if (live()) { fit(); } });
            }
            function stop() { touched = true; live(); }
            function stylesheets() {
                return Promise.all(Array.prototype.map.call(document.querySelectorAll('link[rel="stylesheet"]'),
                    function (link) {
                        return link.sheet || new Promise(function (done) {
                            link.addEventListener("load", done);
                            link.addEventListener("error", done);
                            window.setTimeout(done, {{ this.stylesheet_wait_ms }});
                        });
                    }));
            }
            // Before the stylesheets are in, every control is as wide as the map.
            map.whenReady(function () {
                stylesheets().then(function () {
                    container.getBoundingClientRect();  // a layout with the styles asks for the fonts they name
                    return document.fonts && document.fonts.ready;
                }).then(function () { settled = true; soon(); });
            });
            // The reader's first touch ends the refits; in the capture phase, so that controls that keep their
            // clicks from the map (legend, copy link, zoom) count too. A fit sends no such event.
            ["pointerdown", "mousedown", "wheel", "touchstart", "keydown"].forEach(function (name) {
                container.addEventListener(name, stop, {capture: true, passive: true});
            });
            map.on("resize", soon);
            if (window.ResizeObserver) {
                observer = new ResizeObserver(function () { map.invalidateSize({pan: false}); soon(); });
                observer.observe(container);
                // Not the scale, whose width follows the zoom the fit sets, nor the layer list, which opens under
                // the pointer.
                container.querySelectorAll(".leaflet-control:not(.leaflet-control-scale):not(.leaflet-control-layers)")
                    .forEach(function (c) { observer.observe(c); });
            }
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
        self.fold_share = FOLD_SHARE
        self.min_room_px = MIN_ROOM_PX
        self.stylesheet_wait_ms = STYLESHEET_WAIT_MS
