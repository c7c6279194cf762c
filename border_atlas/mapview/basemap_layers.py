"""The offline basemap on the map: China shaded, the GSHHG border and rivers, the countries' names."""

from __future__ import annotations

import folium

from border_atlas.basemap import load_basemap
from border_atlas.colours import BORDER_COLOUR, CHINA_FILL, RIVER_COLOUR

COUNTRY_LABELS = (("CHINA", (41.5, 127.95)), ("NORTH KOREA", (41.1, 128.3)))


def _lines(runs: list, **style) -> folium.PolyLine:
    return folium.PolyLine([[(lat, lon) for lon, lat in run] for run in runs], interactive=False, **style)


def add_basemap(m: folium.Map, *, country_names: bool = True) -> None:
    """Add the shaded Chinese side and a layer with the border and rivers to ``m``."""
    basemap = load_basemap()
    folium.GeoJson(
        {"type": "Feature", "properties": {}, "geometry": basemap.china_polygon()},
        name="China (shaded)",
        style_function=lambda _: {"fillColor": CHINA_FILL, "fillOpacity": 1, "stroke": False},
        interactive=False,
        control=False,
    ).add_to(m)
    lines = folium.FeatureGroup(name="Border and rivers (GSHHG)", control=True)
    _lines(basemap.rivers, color=RIVER_COLOUR, weight=2, opacity=0.9).add_to(lines)
    _lines(basemap.border, color=RIVER_COLOUR, weight=5, opacity=0.55).add_to(lines)
    _lines(basemap.border, color=BORDER_COLOUR, weight=1.8, dash_array="7 4").add_to(lines)
    if country_names:
        for text, point in COUNTRY_LABELS:
            folium.Marker(point, icon=folium.DivIcon(html=f'<div class="ba-country">{text}</div>', icon_size=(0, 0),
                                                     icon_anchor=(0, 0)), interactive=False).add_to(lines)
    lines.add_to(m)
