"""Place labels so that none is clipped by the map's edge, none covers another, a marker or a control.

Where a label can sit depends on the zoom and the size of the map, so the layout runs in the
browser: after layers are added, after every zoom, move and resize. Each place label tries
positions around its marker (right, left, above, below, then a little further up or down) and
takes the first that stays inside the map and clear of the controls (legend, north arrow,
zoom buttons, locator, scale), the markers and the labels already placed; labels with more
lines go first; a label too wide for any of them is pushed inside the map's edge. Where a label
cannot be placed clear, its chips shrink to one line of its organisations' names (the popup and
the tooltip still give the rest); a label still in the way is hidden rather than drawn over
another. A label moved away from its marker keeps a thin line back to it. Context labels
(towns, the river's name) give way: hidden where they would cover a place label or a control.

>>> import folium
>>> m = folium.Map(tiles=None)
>>> _ = LabelLayout().add_to(m)
>>> "ba-label" in m.get_root().render()
True
"""

from __future__ import annotations

from border_atlas.mapview.map_script import MapScript

GAP = 12  # px from a marker's point to its label: clear of the largest symbol
MARGIN = 3  # px kept free along the map's edges

LAYOUT_JS = """
(function (map) {
    var GAP = %(gap)d, MARGIN = %(margin)d, pending = false;
    function box(el, origin) {
        var r = el.getBoundingClientRect();
        return {x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height};
    }
    function hits(a, b) {
        var w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
        var h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        return (w > 0 && h > 0) ? w * h : 0;
    }
    function inside(r, size) {
        return r.x >= MARGIN && r.y >= MARGIN && r.x + r.w <= size.x - MARGIN && r.y + r.h <= size.y - MARGIN;
    }
    function clamp(r, size) {
        var x = Math.max(MARGIN, Math.min(r.x, size.x - MARGIN - r.w));
        var y = Math.max(MARGIN, Math.min(r.y, size.y - MARGIN - r.h));
        return {x: x, y: y, w: r.w, h: r.h, dx: r.dx + x - r.x, dy: r.dy + y - r.y};
    }
    function candidates(pin, w, h) {
        var right = pin.x + GAP, left = pin.x - GAP - w, mid = pin.y - h / 2;
        var spots = [[right, pin.y - 10], [left, pin.y - 10], [pin.x - w / 2, pin.y - GAP - h],
                     [pin.x - w / 2, pin.y + GAP], [right, pin.y - h + 6], [left, pin.y - h + 6],
                     [right, mid], [left, mid]];
        [1, 2, 3].forEach(function (k) {
            spots.push([right, pin.y - 10 + k * (h / 2 + 4)], [right, pin.y - 10 - k * (h / 2 + 4)],
                       [left, pin.y - 10 + k * (h / 2 + 4)], [left, pin.y - 10 - k * (h / 2 + 4)]);
        });
        // Further out all round, with a leader line back (a crowded stack of markers at one point).
        [80, 110, 140, 180].forEach(function (r) {
            for (var a = 0; a < 360; a += 30) {
                var x = Math.cos(a * Math.PI / 180), y = Math.sin(a * Math.PI / 180);
                spots.push([pin.x + r * x - (x < -0.1 ? w : x > 0.1 ? 0 : w / 2),
                            pin.y + r * y - (y < -0.1 ? h : y > 0.1 ? 0 : h / 2)]);
            }
        });
        return spots.map(function (s) { return {x: s[0], y: s[1], w: w, h: h, dx: s[0] - pin.x, dy: s[1] - pin.y}; });
    }
    // A label moved away from its marker keeps a thin line back to it.
    function leader(label, spot) {
        var pin = label.parentNode, line = pin.querySelector("svg.ba-label-leader");
        var x = Math.max(spot.dx, Math.min(0, spot.dx + spot.w)), y = Math.max(spot.dy, Math.min(0, spot.dy + spot.h));
        var far = Math.sqrt(x * x + y * y) > GAP + 6;
        if (!far) { if (line) { line.remove(); } return; }
        if (!line) {
            line = document.createElementNS("http://www.w3.org/2000/svg", "svg");
            line.setAttribute("class", "ba-label-leader");
            line.setAttribute("width", "1");
            line.setAttribute("height", "1");
            line.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "line"));
            pin.insertBefore(line, pin.firstChild);
        }
        var l = line.firstChild;
        l.setAttribute("x1", "0"); l.setAttribute("y1", "0"); l.setAttribute("x2", x); l.setAttribute("y2", y);
    }
    function place(labels, fixed, origin, size) {
        var taken = [];
        labels.forEach(function (label) {
            var pinBox = box(label.parentNode, origin);
            var pin = {x: pinBox.x, y: pinBox.y};
            // A marker outside the view keeps its label out of it too (panning brings both back).
            var offView = pin.x < 0 || pin.y < 0 || pin.x > size.x || pin.y > size.y;
            label.style.visibility = offView ? "hidden" : "";
            if (offView) { label.dataset.overlap = "0"; return; }
            var best = null, bestCost = Infinity, others = fixed.concat(taken);
            var spots = candidates(pin, label.offsetWidth, label.offsetHeight);
            // The spots inside the map first, then each pushed inside it (a wide label beside a marker near the
            // middle of a narrow map): a clear spot, however found, beats dropping the label's organisations.
            spots.concat(spots.map(function (c) { return clamp(c, size); })).some(function (spot) {
                if (!inside(spot, size)) { return false; }
                var cost = others.reduce(function (sum, o) { return sum + hits(spot, o); }, 0);
                if (cost < bestCost) { best = spot; bestCost = cost; }
                return cost === 0;
            });
            if (!best) { best = clamp(spots[0], size); bestCost = Infinity; }  // larger than the map itself
            label.style.left = best.dx + "px";
            label.style.top = best.dy + "px";
            label.style.right = "auto";
            label.dataset.overlap = String(Math.round(bestCost));
            leader(label, best);
            if (bestCost === 0) { taken.push({x: best.x, y: best.y, w: best.w, h: best.h}); }
        });
        return taken;
    }
    function layout() {
        pending = false;
        var container = map.getContainer(), origin = container.getBoundingClientRect();
        var size = {x: origin.width, y: origin.height};
        var obstacles = [];
        container.querySelectorAll(".leaflet-control").forEach(function (c) {
            if (c.offsetWidth && getComputedStyle(c).visibility !== "hidden") { obstacles.push(box(c, origin)); }
        });
        container.querySelectorAll(".leaflet-marker-pane .ba-sym").forEach(function (s) {
            obstacles.push(box(s, origin));
        });
        var labels = Array.prototype.slice.call(container.querySelectorAll(".leaflet-marker-pane .ba-label"));
        labels.forEach(function (label) { label.classList.remove("compact"); label.style.visibility = ""; });
        labels.sort(function (a, b) {
            return (b.classList.contains("context") ? 0 : 1) - (a.classList.contains("context") ? 0 : 1) ||
                   b.offsetHeight - a.offsetHeight;
        });
        // Where labels cannot all be placed clear, the crowded ones drop their chips (the popup and the
        // tooltip still have them); any still in the way are hidden rather than drawn over others.
        var placed = place(labels, obstacles, origin, size);
        var crowded = labels.filter(function (l) { return l.dataset.overlap !== "0"; });
        if (crowded.length) {
            crowded.forEach(function (l) { l.classList.add("compact"); });
            placed = place(labels, obstacles, origin, size);
            labels.forEach(function (l) {
                if (l.dataset.overlap === "0") { return; }
                l.style.visibility = "hidden";
                var line = l.parentNode.querySelector("svg.ba-label-leader");
                if (line) { line.remove(); }
            });
        }
        obstacles = obstacles.concat(placed);
        container.querySelectorAll(".ba-ctx .name").forEach(function (name) {
            var ctx = name.parentNode;
            ctx.style.visibility = "";
            var r = box(name, origin);
            var covered = obstacles.some(function (o) { return hits(r, o) > 0; });
            ctx.style.visibility = (covered || !inside(r, size)) ? "hidden" : "";
        });
    }
    function soon() {
        if (!pending) { pending = true; window.requestAnimationFrame(layout); }
    }
    map.on("layeradd zoomend moveend resize ba:layout", soon);
    map.whenReady(soon);
    window.addEventListener("load", soon);
})(%(map)s);
"""


class LabelLayout(MapScript):
    """Adds the label layout to a map (once, with the map's other fixed parts)."""

    js = LAYOUT_JS

    def values(self) -> dict:
        return {"gap": GAP, "margin": MARGIN}
