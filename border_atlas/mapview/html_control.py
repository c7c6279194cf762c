"""A Leaflet control that shows a fixed piece of HTML: the base of the legend and north arrow.

>>> import folium
>>> m = folium.Map(tiles=None)
>>> _ = HtmlControl("<b>Note</b>", css_class="ba-note").add_to(m)
>>> "ba-note" in m.get_root().render()
True
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template


class HtmlControl(MacroElement):
    """``html`` in a box at ``position``; the caller escapes every text in it.

    Subclasses add behaviour through ``on_add_js``, run with ``div`` and ``map`` in scope.
    """

    on_add_js = ""
    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
            div.innerHTML = {{ this.html|tojson }};
            {{ this.on_add_js }}
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, html: str, *, css_class: str, position: str = "topright"):
        super().__init__()
        self._name = type(self).__name__
        self.html = html
        self.css_class = css_class
        self.position = position
