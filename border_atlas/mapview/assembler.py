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

from dataclasses import replace

import folium

from border_atlas.filters.map_zoom import MAX_ZOOM, MIN_ZOOM
from border_atlas.filters.selection import Selection
from border_atlas.loading.dataset import Dataset
from border_atlas.mapview.attribution import Attribution
from border_atlas.mapview.basemap_layers import add_basemap
from border_atlas.mapview.context_layer import ContextLayer
from border_atlas.mapview.copy_link import CopyLink
from border_atlas.mapview.data_key import OffMapNote
from border_atlas.mapview.label_layout import LabelLayout
from border_atlas.mapview.layers import data_layers
from border_atlas.mapview.legend import Legend
from border_atlas.mapview.locator_inset import LocatorInset
from border_atlas.mapview.north_arrow import NorthArrow
from border_atlas.mapview.options import ASSET_MODES, TILE_PREFIXES, MapOptions
from border_atlas.mapview.popup_fit import PopupFit
from border_atlas.mapview.steady_focus import SteadyFocus
from border_atlas.mapview.style import MapStyle
from border_atlas.mapview.synced_dual_map import SyncedDualMap
from border_atlas.mapview.tile_basemaps import EmbeddedTiles, add_tile_basemaps, needed_basemap_note
from border_atlas.mapview.view import (
    HYESAN,
    focus_bounds,
    union_bounds,
)
from border_atlas.places.basemap import CREDIT
from border_atlas.places.context_places import ATTRIBUTION as CONTEXT_CREDIT
from border_atlas.places.context_places import geonames_ids
from border_atlas.runtime import offline_assets
from border_atlas.text.escaping import esc
from border_atlas.text.literal_rendering import Literal
from border_atlas.tiles.catalog import BUILTIN_NAME, TileBasemap
from border_atlas.tiles.embedding import embed_view

# Map options, not folium's min_zoom/max_zoom: those go only to a tile layer, and these maps start with none.
MAP_KWARGS = {"tiles": None, "control_scale": True, "attribution_control": False, "minZoom": MIN_ZOOM,
              "maxZoom": MAX_ZOOM}
ATTRIBUTION = f"{CREDIT}; places: see the source notes"
MIN_MAP_FOR_LOCATOR = 480  # px: on a narrower map (a phone) the inset would cover the data
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


def tile_basemaps(m: folium.Map, options: MapOptions, bounds) -> tuple[folium.FeatureGroup | None, str]:
    """The analyst's basemaps: served by the app, or inside a standalone page for the view ``bounds``.

    Returns the built-in base layer (the Chinese side's shading goes into it), or None where no
    tile basemap is on offer and the shading stays on the map itself; and a note for the map's
    credits when a standalone page could not carry its basemap's tiles.
    """
    prefix, chosen, note = TILE_PREFIXES[options.assets], options.basemap, ""
    if prefix is None and chosen is not None:
        embedded = embed_view(chosen, bounds or [list(HYESAN), list(HYESAN)],
                              zoom=None if options.fit else options.zoom)
        if not embedded.tiles:
            note, chosen = needed_basemap_note(chosen, embedded), None
        else:
            EmbeddedTiles(chosen, embedded).add_to(m)
    elif prefix is None or not (chosen or options.basemaps):
        return None, note
    builtin = folium.FeatureGroup(name=BUILTIN_NAME, overlay=False, control=bool(options.basemaps),
                                  show=chosen is None).add_to(m)
    if prefix is not None:
        add_tile_basemaps(m, chosen=chosen, others=options.basemaps, prefix=prefix)
    return builtin, note


def decorate(m: folium.Map, dataset: Dataset, *, options: MapOptions, bounds=None) -> None:
    """Everything on a map that does not depend on the filters: style, basemap, controls, legend.

    ``bounds``: the view a standalone page is fitted to (the tiles of a basemap it carries).
    """
    use_offline_assets(m, options.assets)
    MapStyle().add_to(m)
    if options.online_basemap:
        for tiles, name in ONLINE_LAYERS:
            folium.TileLayer(tiles, name=name, overlay=False, control=True).add_to(m)
    builtin, basemap_note = tile_basemaps(m, options, bounds if options.fit else [list(options.centre)] * 2)
    add_basemap(m, country_names=not options.context, assets=options.assets, builtin=builtin)
    if options.context:
        ContextLayer.from_data(exclude_geonameids=geonames_ids(dataset.places["coord_note"])).add_to(m)
    Attribution(ATTRIBUTION + (f"; {CONTEXT_CREDIT}" if options.context else "")
                + (f"; {esc(basemap_note)}" if basemap_note else "")).add_to(m)  # Leaflet shows it as HTML
    NorthArrow(position="topleft").add_to(m)
    if options.copy_link:
        CopyLink(position="topright").add_to(m)
    OffMapNote(position="topright").add_to(m)
    if options.locator:
        LocatorInset(position="bottomright", min_map_width=MIN_MAP_FOR_LOCATOR).add_to(m)
    if options.legend:
        Legend(position="bottomleft").add_to(m)
    LabelLayout().add_to(m)
    PopupFit().add_to(m)  # after the legend, which hides itself while a popup is open
    SteadyFocus().add_to(m)


def base_map(dataset: Dataset, *, options: MapOptions | None = None, bounds=None) -> folium.Map:
    """The parts of the map that do not depend on the filters (the app sends the data layers apart)."""
    options = options or MapOptions()
    start = (options.centre, options.zoom) if not options.fit else (HYESAN, 9)
    m = folium.Map(location=start[0], zoom_start=start[1], **MAP_KWARGS)
    decorate(m, dataset, options=options, bounds=bounds)
    return m


def layer_control() -> folium.LayerControl:
    return folium.LayerControl(collapsed=True, position="topright")


def assemble_map(selection: Selection, *, options: MapOptions | None = None) -> folium.Map:
    """The whole map for a selection: base, data layers (which fit the view), layer control."""
    options = options or MapOptions()
    m = base_map(selection.dataset, options=options, bounds=focus_bounds(selection))
    for layer in data_layers(selection, options=options):
        layer.add_to(m)
    if options.layer_control:
        layer_control().add_to(m)
    return m


def comparison_map(before: Selection, after: Selection, *, options: MapOptions | None = None,
                   second_basemap: TileBasemap | None = None) -> SyncedDualMap:
    """Two maps in step, the first selection on the left, both fitted to the places of either.

    The left map draws ``options.basemap``, the right one ``second_basemap`` (imagery of two dates).
    """
    options = options or MapOptions(layer_control=False)
    dual = SyncedDualMap(location=HYESAN, layout="horizontal", zoom_start=10, **MAP_KWARGS)
    bounds = union_bounds(before, after)
    for m, selection, basemap in ((dual.m1, before, options.basemap), (dual.m2, after, second_basemap)):
        decorate(m, selection.dataset, options=replace(options, basemap=basemap), bounds=bounds)
        for layer in data_layers(selection, options=options, bounds=bounds):
            layer.add_to(m)
    return dual
