"""Records about a whole area (a province, a county) drawn over the area's outline.

The outline is shaded lightly in the colour of the organisation recorded there; where several
are, it takes one shared neutral outline over stripes of their colours, and the label lists them. The outline is not
clickable: it covers much of the map, and the area's label and symbol already open its popup.
An area with no bundled outline keeps its point symbol, without an uncertainty circle that
would read as a territory (:func:`drawn_places`).

>>> from border_atlas import FilterState, load_dataset, select
>>> selection = select(load_dataset(), FilterState(era="post-covid"))
>>> [p.area for p in drawn_places(selection.place_list) if p.id in ("ryanggang", "jagang")]
['outline', 'outline']
"""

from __future__ import annotations

from dataclasses import replace

import folium
from branca.element import MacroElement
from jinja2 import Template

from border_atlas.loading.model import Place
from border_atlas.mapview.markers import Chip
from border_atlas.places.areas import area_outline, is_area
from border_atlas.text.escaping import esc

SHARED_COLOUR = "#37474f"  # the outline of an area several organisations are recorded in
FILL_OPACITY = 0.08  # light: a province fills the whole view around Hyesan
STRIPE_OPACITY = 0.12  # stripes read stronger than a plain tint of the same opacity
STRIPE_PX = 9


class Stripes(MacroElement):
    """Add to the areas' FeatureGroup: fills the outlines of several organisations with stripes of their colours.

    Leaflet has no patterned fill: each such path's fill points at an SVG pattern in its renderer.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (group, width) {
            var NS = "http://www.w3.org/2000/svg";
            function stripe(path) {
                var colours = path.options.baStripes, el = path._path;
                if (!colours || !el || !el.ownerSVGElement) { return; }
                var svg = el.ownerSVGElement, id = "ba-stripes-" + colours.join("-").replace(/[^0-9a-z-]/gi, "");
                if (!svg.querySelector("#" + id)) {
                    var defs = svg.querySelector("defs") || svg.insertBefore(document.createElementNS(NS, "defs"),
                                                                             svg.firstChild);
                    var pattern = document.createElementNS(NS, "pattern");
                    pattern.setAttribute("id", id);
                    pattern.setAttribute("patternUnits", "userSpaceOnUse");
                    pattern.setAttribute("width", width * colours.length);
                    pattern.setAttribute("height", width * colours.length);
                    pattern.setAttribute("patternTransform", "rotate(45)");
                    colours.forEach(function (colour, k) {
                        var bar = document.createElementNS(NS, "rect");
                        bar.setAttribute("x", k * width);
                        bar.setAttribute("width", width);
                        bar.setAttribute("height", width * colours.length);
                        bar.setAttribute("fill", colour);
                        pattern.appendChild(bar);
                    });
                    defs.appendChild(pattern);
                }
                el.setAttribute("fill", "url(#" + id + ")");
            }
            function all() {
                group.eachLayer(function (geo) { if (geo.eachLayer) { geo.eachLayer(stripe); } else { stripe(geo); } });
            }
            group.on("add", all);
            all();
        })({{ this._parent.get_name() }}, {{ this.width }});
        {% endmacro %}
    """)

    def __init__(self, *, width: int = STRIPE_PX):
        super().__init__()
        self._name = "Stripes"
        self.width = width


def drawn_places(places: list[Place]) -> list[Place]:
    """The places as the map draws them: each area marked as drawn over its outline or at a point."""
    return [replace(p, area="outline" if area_outline(p.id) else "point") if is_area(p.kind) else p
            for p in places]


def area_style(colours: list[str], place_id: str) -> dict:
    """Leaflet path options: one organisation's colour, or a shared outline over stripes of several colours."""
    distinct = list(dict.fromkeys(colours))
    one = len(distinct) == 1
    colour = distinct[0] if one else SHARED_COLOUR
    style = {"color": colour, "weight": 2.5, "opacity": 0.9, "fillColor": colour,
             "fillOpacity": FILL_OPACITY if one else STRIPE_OPACITY, "interactive": False,
             "className": f"ba-outline ba-outline-{esc(place_id)}"}
    return style if one else {**style, "baStripes": distinct}


def area_layer(places: list[Place], chips: dict[str, list[Chip]]) -> folium.FeatureGroup:
    """One shaded outline per drawn area that has records (``places`` from :func:`drawn_places`)."""
    group = folium.FeatureGroup(name="Areas with records", control=True)
    for place in places:
        outline = area_outline(place.id) if place.area == "outline" else None
        if outline is None or not chips.get(place.id):
            continue
        style = area_style([chip.colour for chip in chips[place.id]], place.id)
        feature = {"type": "Feature", "properties": {"place": place.id}, "geometry": outline.geometry}
        folium.GeoJson(feature, name=place.name, style_function=lambda _feature, style=style: style,
                       control=False).add_to(group)
    Stripes().add_to(group)
    return group
