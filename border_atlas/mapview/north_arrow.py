"""A north arrow as a Leaflet control (the map is never rotated, so north is up).

>>> import folium
>>> m = folium.Map(tiles=None)
>>> _ = NorthArrow().add_to(m)
>>> "ba-north" in m.get_root().render()
True
"""

from __future__ import annotations

from border_atlas.mapview.html_control import HtmlControl

ARROW_SVG = (
    '<svg width="22" height="30" viewBox="0 0 22 30" aria-label="North">'
    '<polygon points="11,1 19,26 11,20 3,26" fill="#1b1f24"/>'
    '<polygon points="11,1 11,20 3,26" fill="#ffffff" stroke="#1b1f24" stroke-width="1"/></svg>'
    "<div>N</div>"
)


class NorthArrow(HtmlControl):
    def __init__(self, *, position: str = "topright"):
        super().__init__(ARROW_SVG, css_class="ba-north", position=position)
