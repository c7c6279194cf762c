"""The one place that puts a map together: the dashboard, the briefing, the era comparison and
the organisation profile all call it, with :class:`MapOptions`.

The map is split in two so that the app can keep the base (basemap, legend, controls) in the
browser and send only the data layers when a filter changes.

>>> from border_atlas import FilterState, load_dataset, select
>>> m = assemble_map(select(load_dataset(), FilterState(orgs=("mirim",))), options=MapOptions(assets="inline"))
>>> "ba-marker ba-samsu" in m.get_root().render()
True
"""

from __future__ import annotations

import folium

from border_atlas import offline_assets
from border_atlas.basemap import CREDIT
from border_atlas.dataset import Dataset
from border_atlas.literal_rendering import Literal
from border_atlas.mapview.attribution import Attribution
from border_atlas.mapview.basemap_layers import add_basemap
from border_atlas.mapview.layers import data_layers
from border_atlas.mapview.legend import Legend
from border_atlas.mapview.legend_html import legend_html
from border_atlas.mapview.north_arrow import NorthArrow
from border_atlas.mapview.options import ASSET_MODES, MapOptions
from border_atlas.mapview.style import MapStyle
from border_atlas.mapview.synced_dual_map import SyncedDualMap
from border_atlas.mapview.view import (
    HYESAN,
    MAX_FIT_ZOOM,
    PADDING_BOTTOM_RIGHT,
    PADDING_TOP_LEFT,
    focus_bounds,
    union_bounds,
)
from border_atlas.selection import Selection

MAP_KWARGS = {"tiles": None, "control_scale": True, "attribution_control": False, "min_zoom": 5, "max_zoom": 17}
ATTRIBUTION = f"{CREDIT}; places: see the source notes"
ONLINE_LAYERS = (
    ("OpenStreetMap", "OpenStreetMap (online)"),
    ("Esri.WorldImagery", "Satellite imagery, Esri (online)"),
)


def use_offline_assets(m, assets: str) -> None:
    """Point a map at the app's own copies of Leaflet and jQuery, or inline them."""
    # Instance attributes win over folium's CDN lists, for both folium and streamlit-folium.
    prefix = ASSET_MODES[assets]
    if prefix is not None:
        m.default_js = [(a.name, offline_assets.served_url(a, prefix=prefix)) for a in offline_assets.SCRIPTS]
        m.default_css = [(a.name, offline_assets.served_url(a, prefix=prefix)) for a in offline_assets.STYLESHEETS]
    else:
        m.default_js, m.default_css = [], []
        m.get_root().header.add_child(Literal(offline_assets.inline_head()), name="ba_offline_assets", index=0)


def decorate(m: folium.Map, dataset: Dataset, *, options: MapOptions) -> None:
    """Everything on a map that does not depend on the filters: style, basemap, controls, legend."""
    use_offline_assets(m, options.assets)
    MapStyle().add_to(m)
    if options.online_basemap:
        for tiles, name in ONLINE_LAYERS:
            folium.TileLayer(tiles, name=name, overlay=False, control=True).add_to(m)
    add_basemap(m)
    Attribution(ATTRIBUTION).add_to(m)
    NorthArrow(position="topleft").add_to(m)
    if options.legend:
        Legend(legend_html(dataset)).add_to(m)


def base_map(dataset: Dataset, *, options: MapOptions | None = None) -> folium.Map:
    """The parts of the map that do not depend on the filters (the app sends the data layers apart)."""
    options = options or MapOptions()
    m = folium.Map(location=HYESAN, zoom_start=9, **MAP_KWARGS)
    decorate(m, dataset, options=options)
    return m


def layer_control() -> folium.LayerControl:
    return folium.LayerControl(collapsed=True, position="topright")


def assemble_map(selection: Selection, *, options: MapOptions | None = None) -> folium.Map:
    """The whole map for a selection: base, data layers, layer control, and the first view."""
    options = options or MapOptions()
    m = base_map(selection.dataset, options=options)
    for layer in data_layers(selection, options=options):
        layer.add_to(m)
    if options.layer_control:
        layer_control().add_to(m)
    m.fit_bounds(focus_bounds(selection), padding_top_left=PADDING_TOP_LEFT,
                 padding_bottom_right=PADDING_BOTTOM_RIGHT, max_zoom=MAX_FIT_ZOOM)
    return m


def comparison_map(before: Selection, after: Selection, *, options: MapOptions | None = None) -> SyncedDualMap:
    """Two maps in step, the first selection on the left; the legend only on the right."""
    options = options or MapOptions(layer_control=False)
    dual = SyncedDualMap(location=HYESAN, layout="horizontal", zoom_start=10, **MAP_KWARGS)
    for m, selection, legend in ((dual.m1, before, False), (dual.m2, after, options.legend)):
        decorate(m, selection.dataset, options=MapOptions(**{**options.__dict__, "legend": legend}))
        for layer in data_layers(selection, options=options):
            layer.add_to(m)
    # Labels run to the right of their points: keep room on that side of each half.
    dual.fit_bounds(union_bounds(before, after), padding_top_left=(30, 50), padding_bottom_right=(370, 40),
                    max_zoom=11)
    return dual
