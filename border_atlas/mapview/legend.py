"""The legend as a Leaflet control: a fixed basemap part and a part the data layers fill.

It folds when its title is clicked, starts folded on a narrow map (a phone), and steps aside
while a popup is open (Leaflet draws controls above popups). The data layers write what they
draw into ``.ba-legend-data`` (see :mod:`border_atlas.mapview.data_key`), so the legend lists
only what is on the map and the map need not reload when a filter changes.

>>> import folium
>>> m = folium.Map(tiles=None)
>>> _ = Legend().add_to(m)
>>> "ba-legend-data" in m.get_root().render()
True
"""

from __future__ import annotations

from border_atlas.mapview.html_control import HtmlControl
from border_atlas.mapview.legend_html import basemap_legend_html

NARROW_MAP_PX = 600  # on a map narrower or lower than these the legend starts folded
SHORT_MAP_PX = 450


class Legend(HtmlControl):
    on_add_js = """
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            if (map.getSize().x < NARROW_MAP_PX || map.getSize().y < SHORT_MAP_PX) { div.classList.add("folded"); }
            map.on("popupopen", function () { div.style.visibility = "hidden"; });
            map.on("popupclose", function () { div.style.visibility = ""; });
            div.querySelector(".ba-legend-title").addEventListener("click", function () {
                div.classList.toggle("folded");
                map.fire("ba:layout");
            });""".replace("NARROW_MAP_PX", str(NARROW_MAP_PX)).replace("SHORT_MAP_PX", str(SHORT_MAP_PX))

    def __init__(self, *, position: str = "bottomleft"):
        html = ('<h4 class="ba-legend-title">Legend</h4><div class="ba-legend-data"></div>'
                f'<div class="ba-legend-base">{basemap_legend_html()}</div>')
        super().__init__(html, css_class="ba-legend", position=position)
