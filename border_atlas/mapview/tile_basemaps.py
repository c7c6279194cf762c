"""The analyst's own basemaps on the map: tile layers under the built-in lines, listed in the layer control.

In the app the tiles come from the app's own tile route (:mod:`border_atlas.tiles.routes`); a
standalone page (``assets="inline"``) carries the tiles of its view (:mod:`border_atlas.tiles.embedding`).
Tile layers sit in Leaflet's tile pane, under the overlay pane where the GSHHG lines and the context
layer are drawn, so those stay on top. Names and credits come from files the user did not write
(archive metadata) and Leaflet shows them as HTML: they are escaped.

>>> import folium
>>> from border_atlas.tiles.catalog import TileBasemap
>>> b = TileBasemap("h19", "Hyesan 2019", "mbtiles", "<b>© Maps</b>", 8, 14, source=None)
>>> m = folium.Map(tiles=None)
>>> add_tile_basemaps(m, chosen=b, others=(), prefix="../../")
>>> html = m.get_root().render()
>>> "../../basemap-tiles/h19/{z}/{x}/{y}" in html and "<b>©" not in html  # the credit is escaped
True
"""

from __future__ import annotations

import folium

from border_atlas.filters.map_zoom import MAX_ZOOM
from border_atlas.mapview.map_script import MapScript
from border_atlas.text.escaping import esc, script_json
from border_atlas.tiles.catalog import TileBasemap
from border_atlas.tiles.embedding import Embedded
from border_atlas.tiles.routes import tile_url

# A transparent pixel for tiles a page does not carry (Leaflet would otherwise show a broken image).
BLANK = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def tile_layer(basemap: TileBasemap, *, prefix: str, show: bool) -> folium.TileLayer:
    return folium.TileLayer(tiles=tile_url(basemap.id, prefix=prefix), attr=esc(basemap.credit),
                            name=esc(basemap.name), overlay=False, control=True, show=show,
                            min_zoom=basemap.min_zoom, max_native_zoom=basemap.max_zoom, max_zoom=MAX_ZOOM,
                            ba_basemap=basemap.id)  # read by the copy-link button


def add_tile_basemaps(m: folium.Map, *, chosen: TileBasemap | None, others: tuple[TileBasemap, ...],
                      prefix: str) -> None:
    """Tile layers for ``chosen`` (shown) and ``others`` (in the layer control), served by the app."""
    for basemap in others + ((chosen,) if chosen and chosen not in others else ()):  # in the settings' order
        tile_layer(basemap, prefix=prefix, show=basemap == chosen).add_to(m)


class EmbeddedTiles(MapScript):
    """A tile layer whose tiles are inside the page; tiles it lacks are left transparent."""

    js = """(function (map, tiles, options) {
        var Layer = L.TileLayer.extend({getTileUrl: function (c) {
            return tiles[c.z + "/" + c.x + "/" + c.y] || %(blank)s; }});
        new Layer("", options).addTo(map);
    })(%(map)s, %(tiles)s, %(options)s);"""

    def __init__(self, basemap: TileBasemap, embedded: Embedded):
        super().__init__()
        self.basemap, self.embedded = basemap, embedded

    def values(self) -> dict:
        b = self.basemap
        options = {"attribution": esc(b.credit), "minZoom": b.min_zoom, "maxNativeZoom": b.max_zoom,
                   "maxZoom": MAX_ZOOM, "pane": "tilePane"}
        return {"blank": script_json(BLANK), "tiles": script_json(self.embedded.tiles, compact=True),
                "options": script_json(options)}


def needed_basemap_note(basemap: TileBasemap, embedded: Embedded) -> str:
    """>>> b = TileBasemap("h", "Hyesan 2019", "mbtiles", "", 5, 9, None)
    >>> needed_basemap_note(b, Embedded({}, (9,), "too big"))
    "Basemap 'Hyesan 2019' (id h) not included (too big): drawn with the built-in basemap"
    """
    return (f"Basemap '{basemap.name}' (id {basemap.id}) not included ({embedded.note}): drawn with the "
            "built-in basemap")
