"""The map's stylesheet: markers, labels, chips, legend and north arrow."""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from border_atlas.views.colours import LAND_FILL, PENDING_COLOUR

_CSS_TEMPLATE = """
.leaflet-container { background: %(land)s; font-family: system-ui, -apple-system, "Segoe UI", Roboto,
  "Noto Sans", "Noto Sans CJK KR", sans-serif; }
.ba-pin { position: absolute; left: 0; top: 0; width: 0; height: 0; }
.ba-sym { position: absolute; box-sizing: border-box; transform: translate(-50%%, -50%%);
  border: 2.5px solid #1b2a3a; background: #fff; box-shadow: 0 0 0 2px rgba(255,255,255,.85); cursor: pointer; }
.ba-sym.circle { border-radius: 50%%; }
.ba-sym.diamond { transform: translate(-50%%, -50%%) rotate(45deg); }
.ba-sym.approx { border-style: dashed; background: rgba(255,255,255,.75); }
.ba-sym.filled { background: #1b2a3a; }
.ba-sym.kind-town { background: #a0a0a0; }
.ba-sym.kind-county { border-width: 3.5px; }
.ba-sym.area { border-style: solid; border-width: 2px; background: rgba(255,255,255,.9); }
.ba-sym.pending { outline: 2px dashed %(pending)s; outline-offset: 2px; }
.ba-pending { display: inline-block; margin-left: 4px; padding: 0 4px; border: 1px dashed %(pending)s;
  border-radius: 3px; color: #7a4a00; background: #fff6e0; font-size: 10.5px; line-height: 13px; }
.ba-popup .ba-pending { margin: 2px 0 0; }
.ba-sym.landmark { border-color: #8a8a8a; border-width: 2px; background: #fff; }
.ba-label { position: absolute; top: -10px; white-space: nowrap; background: rgba(255,255,255,.93);
  border: 1px solid #c9ced6; border-radius: 3px; padding: 2px 6px 3px; font-size: 12px; line-height: 15px;
  color: #1b1f24; box-shadow: 0 1px 2px rgba(0,0,0,.18); cursor: pointer; }
.ba-label.right { left: 12px; }
.ba-label.left { right: 12px; text-align: right; }
.ba-label b { font-weight: 650; }
.ba-label.context { background: rgba(255,255,255,.8); color: #555; border-color: #ddd; }
.ba-label .ko { color: #555; margin-left: 3px; }
.ba-label .approx { color: #9a5b00; font-size: 11px; margin-left: 3px; }
.ba-chip { font-size: 11px; line-height: 15px; color: #222; }
.ba-chip i { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin-right: 4px;
  vertical-align: -1px; }
.ba-chip .when { color: #666; margin-left: 4px; }
.ba-chip.ba-area { font-style: italic; color: #5b4a12; }
.ba-leader { position: absolute; left: 0; top: 0; overflow: visible; pointer-events: none; }
.ba-orgs { display: none; font-size: 11px; line-height: 14px; color: #222; white-space: normal; max-width: 190px; }
.ba-orgs span { margin-right: 6px; }
.ba-orgs i { display: inline-block; width: 8px; height: 8px; border-radius: 2px; margin-right: 3px; }
.ba-label.compact .ba-chip { display: none; }
.ba-label.compact .ba-orgs { display: block; }
.ba-label-leader { position: absolute; left: 0; top: 0; overflow: visible; pointer-events: none; }
.ba-label-leader line { stroke: #1b2a3a; stroke-width: 1; stroke-opacity: .55; }
.leaflet-container .leaflet-control-attribution { font-size: 10px; line-height: 13px; color: #444;
  background: rgba(255,255,255,.75); max-width: 70%; }
.ba-country { font-size: 13px; letter-spacing: .35em; color: #8b8478; font-weight: 600; white-space: nowrap;
  transform: translate(-50%%, -50%%); position: absolute; }
.ba-legend { background: rgba(255,255,255,.95); padding: 8px 10px; border-radius: 4px; font-size: 11.5px;
  line-height: 16px; box-shadow: 0 1px 4px rgba(0,0,0,.3); color: #1b1f24; max-width: 250px; }
.ba-legend h4 { margin: 4px 0 2px; font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: #555; }
.ba-legend h4:first-child { margin-top: 0; }
.ba-legend .ba-legend-title { cursor: pointer; user-select: none; }
.ba-legend .ba-legend-title::after { content: " ▾"; }
.ba-legend.folded .ba-legend-title::after { content: " ▸"; }
.ba-legend.folded > :not(.ba-legend-title) { display: none; }
.ba-legend.folded .ba-legend-title { margin: 0; }
.ba-legend p { margin: 2px 0; color: #555; }
/* Room left by the zoom buttons and north arrow above, the scale below, and the gaps between them. */
.ba-legend { box-sizing: border-box; max-height: calc(100vh - 210px); overflow-y: auto; }
.ba-offmap { background: rgba(255,253,240,.96); border: 1px solid #d8c98f; border-radius: 4px; padding: 4px 8px;
  font-size: 12px; line-height: 16px; max-width: min(300px, calc(100vw - 130px)); color: #3b3320;
  box-shadow: 0 1px 3px rgba(0,0,0,.2); }
.ba-copylink { background: rgba(255,255,255,.95); border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3);
  padding: 2px; font-size: 12px; }
.ba-copylink button { font: inherit; border: 0; background: none; cursor: pointer; padding: 2px 6px; color: #1f4e79; }
.ba-copylink input, .ba-copylink .ba-copylink-status { display: none; }
.ba-copylink.open input { display: block; width: 240px; font-size: 11px; margin: 2px; }
.ba-copylink.open .ba-copylink-status { display: block; padding: 0 6px 2px; color: #555; font-size: 11px; }
@media print { .ba-copylink, .leaflet-control-zoom, .leaflet-control-layers { display: none !important; } }
.ba-legend .row { display: flex; align-items: center; gap: 6px; }
.ba-legend .sw { width: 14px; height: 14px; display: inline-flex; align-items: center; justify-content: center;
  flex: none; position: relative; }
.ba-legend .sw .ba-sym { position: static; transform: none; box-shadow: none; }
.ba-legend .sw .ba-sym.diamond { transform: rotate(45deg); }
.ba-north { background: rgba(255,255,255,.95); border-radius: 4px; padding: 3px 5px 1px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); text-align: center; font: 600 11px system-ui, sans-serif; color: #1b1f24; }
.leaflet-control-layers { font-size: 12px; line-height: 18px; }
.leaflet-control-layers label { margin: 0; }
.leaflet-popup-content { font-size: 12.5px; line-height: 1.35; margin: 10px 12px; }
.ba-popup h3 { margin: 0 0 2px; font-size: 15px; }
.ba-popup .meta { color: #555; font-size: 11.5px; margin-bottom: 6px; }
.ba-popup .rec { border-left: 4px solid var(--c); padding: 3px 0 3px 7px; margin: 6px 0; }
.ba-popup .rec .who { font-weight: 600; }
.ba-popup .rec .cite { color: #555; font-size: 11px; }
.ba-popup .area { font-style: italic; color: #5b4a12; font-size: 11.5px; }
.ba-popup .grade { display: inline-block; border: 1px solid #888; border-radius: 3px; padding: 0 3px;
  font-size: 10.5px; margin-left: 4px; }
"""
CSS = _CSS_TEMPLATE.replace("%%", "%").replace("%(land)s", LAND_FILL).replace("%(pending)s", PENDING_COLOUR)


class MapStyle(MacroElement):
    """Adds the stylesheet above to the page's head."""

    _template = Template("""
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "MapStyle"
        self.css = CSS
