"""Leaflet's attribution control without its outbound link, naming the basemap's sources."""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template


class Attribution(MacroElement):
    _template = Template("""
        {% macro script(this, kwargs) %}
        L.control.attribution({prefix: "Leaflet"})
            .addAttribution({{ this.text|tojson }})
            .addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.text = text
