"""A legend as a Leaflet control, built from escaped HTML.

>>> import folium
>>> m = folium.Map(tiles=None)
>>> _ = Legend("<b>Legend</b>").add_to(m)
>>> "ba-legend" in m.get_root().render()
True
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template


class Legend(MacroElement):
    """A control holding ``html``; the caller escapes every text in it."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create("div", "ba-legend");
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            // Controls sit above popups in Leaflet: step aside while a popup is open.
            map.on("popupopen", function () { div.style.visibility = "hidden"; });
            map.on("popupclose", function () { div.style.visibility = ""; });
            div.addEventListener("click", function () { div.classList.toggle("folded"); });
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, html: str, *, position: str = "bottomleft"):
        super().__init__()
        self._name = "Legend"
        self.html = html
        self.position = position
