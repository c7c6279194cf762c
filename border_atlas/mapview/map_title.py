"""A title on the map itself, as a Leaflet control.

>>> import folium
>>> m = folium.Map(tiles=None)
>>> _ = MapTitle("Pre-COVID", "14 records").add_to(m)
>>> "ba-map-title" in m.get_root().render()
True
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from border_atlas.escaping import esc


class MapTitle(MacroElement):
    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "topright"});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create("div", "ba-map-title");
            div.innerHTML = {{ this.html|tojson }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        {% macro header(this, kwargs) %}
        <style>.ba-map-title { background: rgba(255,255,255,.95); padding: 6px 12px; border-radius: 4px;
          box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 700 17px system-ui, sans-serif; color: #1b1f24; }
          .ba-map-title span { display: block; font-weight: 400; font-size: 12.5px; color: #555; }</style>
        {% endmacro %}
    """)

    def __init__(self, title: str, subtitle: str = ""):
        super().__init__()
        self._name = "MapTitle"
        self.html = esc(title) + (f"<span>{esc(subtitle)}</span>" if subtitle else "")
