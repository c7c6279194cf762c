"""A script a map runs once, written with the map's JavaScript name: the base of the map's small behaviours.

>>> import folium
>>> class Hello(MapScript):
...     js = "console.log(%(map)s, %(n)d);"
...     def values(self): return {"n": 1}
>>> m = folium.Map(tiles=None)
>>> _ = Hello().add_to(m)
>>> f"console.log({m.get_name()}, 1);" in m.get_root().render()
True
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template


class MapScript(MacroElement):
    """Runs ``js`` (a %-template; ``%(map)s`` is the map's name, the rest comes from :meth:`values`) once per map."""

    _template = Template("""
        {% macro script(this, kwargs) %}{{ this.script(this._parent.get_name()) }}{% endmacro %}
    """)
    js = ""

    def __init__(self):
        super().__init__()
        self._name = type(self).__name__

    def values(self) -> dict:
        """The template's values other than the map's name."""
        return {}

    def script(self, map_name: str) -> str:
        return self.js % {**self.values(), "map": map_name}
