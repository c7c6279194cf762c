"""A legend as a Leaflet control, built from escaped HTML.

It folds when clicked and steps aside while a popup is open (Leaflet draws controls above
popups).

>>> import folium
>>> m = folium.Map(tiles=None)
>>> _ = Legend("<b>Legend</b>").add_to(m)
>>> "ba-legend" in m.get_root().render()
True
"""

from __future__ import annotations

from border_atlas.mapview.html_control import HtmlControl


class Legend(HtmlControl):
    on_add_js = """
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            map.on("popupopen", function () { div.style.visibility = "hidden"; });
            map.on("popupclose", function () { div.style.visibility = ""; });
            div.addEventListener("click", function () { div.classList.toggle("folded"); });"""

    def __init__(self, html: str, *, position: str = "bottomleft"):
        super().__init__(html, css_class="ba-legend", position=position)
