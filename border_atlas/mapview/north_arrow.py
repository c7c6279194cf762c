"""A north arrow as a Leaflet control (the map is never rotated, so north is up).

>>> import folium
>>> m = folium.Map(tiles=None)
>>> _ = NorthArrow().add_to(m)
>>> "ba-north" in m.get_root().render()
True
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

ARROW_SVG = (
    '<svg width="22" height="30" viewBox="0 0 22 30" aria-label="North">'
    '<polygon points="11,1 19,26 11,20 3,26" fill="#1b1f24"/>'
    '<polygon points="11,1 11,20 3,26" fill="#ffffff" stroke="#1b1f24" stroke-width="1"/></svg>'
    '<div>N</div>'
)


class NorthArrow(MacroElement):
    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create("div", "ba-north");
            div.innerHTML = {{ this.svg|tojson }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, *, position: str = "topright"):
        super().__init__()
        self._name = "NorthArrow"
        self.position = position
        self.svg = ARROW_SVG
