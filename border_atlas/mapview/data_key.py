"""What the data layers tell the map's fixed parts: the legend's entries and the places off the map.

It travels with the data layers, so that a filter change updates the legend and the note
without reloading the map; on a page without a legend (the briefing shows its legend beside
the map) it changes nothing.

>>> import folium
>>> m = folium.Map(tiles=None)
>>> layer = folium.FeatureGroup().add_to(m)
>>> _ = DataKey("<b>Office 39</b>", "").add_to(layer)
>>> "ba-legend-data" in m.get_root().render()
True
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from border_atlas.loading.model import Place
from border_atlas.mapview.html_control import HtmlControl
from border_atlas.text.escaping import esc
from border_atlas.text.wording import count_label


class DataKey(MacroElement):
    """Add to a data layer (a FeatureGroup on the map): fills the legend and the off-map note."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map, legend, note) {
            var container = map.getContainer();
            var slot = container.querySelector(".ba-legend-data");
            if (slot && legend) { slot.innerHTML = legend; }
            var off = container.querySelector(".ba-offmap");
            if (off) { off.innerHTML = note; off.style.display = note ? "" : "none"; }
            map.fire("ba:layout");
        })({{ this._parent._parent.get_name() }}, {{ this.legend|tojson }}, {{ this.note|tojson }});
        {% endmacro %}
    """)

    def __init__(self, legend_html: str, note_html: str):
        super().__init__()
        self._name = "DataKey"
        self.legend = legend_html
        self.note = note_html


def off_map_note(places: list[Place]) -> str:
    """"Also off this map: 1 record at Pyongyang; 1 record at Jagang Province" (escaped HTML).

    Each place carries its position: the fit drops those its view holds after all (a province's
    outline leaves room beside it), see :mod:`border_atlas.mapview.fit`.
    """
    if not places:
        return ""
    items = "".join(
        f'<span class="ba-off-item" data-lat="{p.lat:.5f}" data-lon="{p.lon:.5f}">'
        f'<span class="ba-off-sep">; </span>{count_label(p.n_records)} at {esc(p.name)}</span>'
        for p in places
    )
    return f"<b>Also, off this map:</b> {items}"


class OffMapNote(HtmlControl):
    """A box, empty and hidden until the data layers name places that lie off the map."""

    def __init__(self, *, position: str = "topright"):
        super().__init__("", css_class="ba-offmap", position=position)
        self.on_add_js = 'div.style.display = "none"; L.DomEvent.disableClickPropagation(div);'
