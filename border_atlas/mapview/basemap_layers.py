"""The offline basemap on the map: China shaded, the GSHHG border and rivers, the countries' names.

The lines come from ``window.BA_BASEMAP`` (:func:`border_atlas.runtime.offline_assets.basemap_script`):
in the app a file the browser loads once, in a standalone page a script inside it. Either way
the map's own script only says how to draw them, so a map sent again on every filter change
does not carry 100 KB of coastline each time.

>>> import folium
>>> m = folium.Map(tiles=None)
>>> add_basemap(m, assets="inline")
>>> html = m.get_root().render()
>>> "window.BA_BASEMAP = " in html and "L.polyline(data.border, style.border)" in html
True
"""

from __future__ import annotations

import json

import folium
from jinja2 import Template

from border_atlas.mapview.asset_element import AssetElement
from border_atlas.runtime import offline_assets
from border_atlas.views.colours import BORDER_COLOUR, CHINA_FILL, RIVER_COLOUR

COUNTRY_LABELS = (("CHINA", (41.5, 127.95)), ("NORTH KOREA", (41.1, 128.3)))
# Drawn in this order: the Chinese side under everything, the river's wide halo under the dashed border.
STYLES = {
    "china": {"fillColor": CHINA_FILL, "fillOpacity": 1, "stroke": False, "interactive": False},
    "rivers": {"color": RIVER_COLOUR, "weight": 2, "opacity": 0.9, "interactive": False},
    "halo": {"color": RIVER_COLOUR, "weight": 5, "opacity": 0.55, "interactive": False},
    "border": {"color": BORDER_COLOUR, "weight": 1.8, "dashArray": "7 4", "interactive": False},
}


class BasemapLines(AssetElement):
    """Add to a FeatureGroup: the shaded Chinese side (on the map itself), the rivers and the border."""

    scripts = (offline_assets.BASEMAP_JS,)

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map, group, data, style) {
            L.geoJSON({type: "Feature", properties: {}, geometry: data.china}, {style: style.china,
                      interactive: false}).addTo({{ this.china_target or this._parent._parent.get_name() }});
            L.polyline(data.rivers, style.rivers).addTo(group);
            L.polyline(data.border, style.halo).addTo(group);
            L.polyline(data.border, style.border).addTo(group);
        })({{ this._parent._parent.get_name() }}, {{ this._parent.get_name() }}, window.BA_BASEMAP,
           {{ this.styles }});
        {% endmacro %}
    """)

    def __init__(self, *, assets: str = "served", china_target: str | None = None):
        super().__init__(assets=assets)
        self._name = "BasemapLines"
        self.styles = json.dumps(STYLES)
        self.china_target = china_target  # the built-in base layer, when tile basemaps can replace it


def add_basemap(m: folium.Map, *, country_names: bool = True, assets: str = "served",
                builtin: folium.FeatureGroup | None = None) -> None:
    """Add the shaded Chinese side and a layer with the border and rivers to ``m``.

    ``builtin``: a base layer of the layer control that the shading goes into, so that choosing a
    tile basemap (imagery) takes the shading away; the lines stay on top of either.
    """
    lines = folium.FeatureGroup(name="Border and rivers (GSHHG)", control=True)
    BasemapLines(assets=assets, china_target=builtin.get_name() if builtin else None).add_to(lines)
    if country_names:
        for text, point in COUNTRY_LABELS:
            folium.Marker(point, icon=folium.DivIcon(html=f'<div class="ba-country">{text}</div>', icon_size=(0, 0),
                                                     icon_anchor=(0, 0)), interactive=False).add_to(lines)
    lines.add_to(m)
