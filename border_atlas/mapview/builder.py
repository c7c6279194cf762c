"""Selection -> folium map. Pure: the same selection and options give the same map.

The map is split in two so that the app can keep the base (basemap, legend, controls) in
the browser and send only the data layers when a filter changes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import folium
import pandas as pd
from branca.element import Element

from border_atlas import offline_assets
from border_atlas.basemap import load_basemap
from border_atlas.colours import BORDER_COLOUR, CHINA_FILL, RIVER_COLOUR, is_approximate, org_colours
from border_atlas.dataset import Dataset
from border_atlas.escaping import esc
from border_atlas.geodesy import distance_km
from border_atlas.mapview.attribution import Attribution
from border_atlas.mapview.layout import displacements
from border_atlas.mapview.legend import Legend
from border_atlas.mapview.legend_html import legend_html
from border_atlas.mapview.markers import chips_for, marker_html, popup_html, tooltip_text
from border_atlas.mapview.north_arrow import NorthArrow
from border_atlas.mapview.style import MapStyle
from border_atlas.selection import Selection

HYESAN = (41.40167, 128.17778)
FOCUS_RADIUS_KM = 80  # places this close to Hyesan decide the first view when there are any
COUNTRY_LABELS = (("CHINA", (41.5, 127.95)), ("NORTH KOREA", (41.1, 128.3)))
WIDE_UNCERTAINTY_M = 20_000  # wider circles (provinces) are drawn fainter, so they do not cover the view
ONLINE_LAYERS = (
    ("OpenStreetMap", "OpenStreetMap (online)"),
    ("Esri.WorldImagery", "Satellite imagery, Esri (online)"),
)


ASSET_MODES = {"served": offline_assets.FROM_COMPONENT, "served-page": offline_assets.FROM_PAGE, "inline": None}


@dataclass(frozen=True)
class MapOptions:
    """How the map is drawn.

    :param online_basemap: add online tile layers (OpenStreetMap, satellite imagery).
    :param assets: "served" (URLs into the app's own server, from streamlit-folium's iframe),
        "served-page" (the same, from a page-level document) or "inline" (a standalone page).
    """

    online_basemap: bool = False
    assets: str = "served"
    legend: bool = True
    layer_control: bool = True

    def __post_init__(self):
        if self.assets not in ASSET_MODES:
            raise ValueError(f"assets must be one of {', '.join(ASSET_MODES)}, not {self.assets!r}")


def use_offline_assets(m, assets: str) -> None:
    """Point a map (or DualMap) at the app's own copies of Leaflet and jQuery, or inline them."""
    # Instance attributes win over folium's CDN lists, for both folium and streamlit-folium.
    prefix = ASSET_MODES[assets]
    if prefix is not None:
        m.default_js = [(a.name, offline_assets.served_url(a, prefix=prefix)) for a in offline_assets.SCRIPTS]
        m.default_css = [(a.name, offline_assets.served_url(a, prefix=prefix)) for a in offline_assets.STYLESHEETS]
    else:
        m.default_js, m.default_css = [], []
        m.get_root().header.add_child(Element(offline_assets.inline_head()), name="ba_offline_assets", index=0)


def _basemap_layers(m: folium.Map) -> None:
    basemap = load_basemap()
    folium.GeoJson(
        {"type": "Feature", "properties": {}, "geometry": basemap.china_polygon()},
        name="China (shaded)",
        style_function=lambda _: {"fillColor": CHINA_FILL, "fillOpacity": 1, "stroke": False},
        interactive=False,
        control=False,
    ).add_to(m)
    lines = folium.FeatureGroup(name="Border and rivers (GSHHG)", control=True)
    folium.PolyLine([[(lat, lon) for lon, lat in run] for run in basemap.rivers], color=RIVER_COLOUR,
                    weight=2, opacity=0.9, interactive=False).add_to(lines)
    folium.PolyLine([[(lat, lon) for lon, lat in run] for run in basemap.border], color=RIVER_COLOUR,
                    weight=5, opacity=0.55, interactive=False).add_to(lines)
    folium.PolyLine([[(lat, lon) for lon, lat in run] for run in basemap.border], color=BORDER_COLOUR,
                    weight=1.8, dash_array="7 4", interactive=False).add_to(lines)
    for text, point in COUNTRY_LABELS:
        folium.Marker(point, icon=folium.DivIcon(html=f'<div class="ba-country">{esc(text)}</div>',
                                                 icon_size=(0, 0), icon_anchor=(0, 0)),
                      interactive=False).add_to(lines)
    lines.add_to(m)


MAP_KWARGS = {"tiles": None, "control_scale": True, "attribution_control": False, "min_zoom": 5, "max_zoom": 17}


def build_base_map(dataset: Dataset, *, options: MapOptions | None = None) -> folium.Map:
    """The parts of the map that do not depend on the filters."""
    options = options or MapOptions()
    m = folium.Map(location=HYESAN, zoom_start=9, **MAP_KWARGS)
    use_offline_assets(m, options.assets)
    decorate(m, dataset, options=options)
    return m


def decorate(m: folium.Map, dataset: Dataset, *, options: MapOptions) -> None:
    """Add the stylesheet, basemap, attribution, north arrow and legend to a map."""
    MapStyle().add_to(m)
    if options.online_basemap:
        for tiles, name in ONLINE_LAYERS:
            folium.TileLayer(tiles, name=name, overlay=False, control=True).add_to(m)
    _basemap_layers(m)
    Attribution(esc("Border and rivers: GSHHG 2.3.6 (LGPL-3.0); places: see the source notes")).add_to(m)
    NorthArrow(position="topleft").add_to(m)
    if options.legend:
        Legend(legend_html(dataset)).add_to(m)


def build_data_layers(selection: Selection) -> list[folium.FeatureGroup]:
    """Uncertainty circles, places with records, and landmarks, for the current filters."""
    dataset = selection.dataset
    colours = org_colours(dataset.organisations)
    names = dict(zip(dataset.places["id"], dataset.places["name"]))
    parents = dict(zip(dataset.places["id"], dataset.places["parent_id"]))
    numbers = dict(zip(selection.sources["id"], selection.sources["note_number"]))
    records_at = {pid: rows for pid, rows in selection.records.groupby("place_id")}
    chips = {pid: chips_for(rows, colours) for pid, rows in records_at.items()}

    circles = folium.FeatureGroup(name="Location uncertainty", control=True)
    drawn: set[tuple] = set()
    for place in selection.places.itertuples():
        key = (round(place.lat, 5), round(place.lon, 5), place.uncertainty_m)
        if not is_approximate(place.precision) or place.uncertainty_m != place.uncertainty_m or key in drawn:
            continue
        drawn.add(key)
        wide = place.uncertainty_m > WIDE_UNCERTAINTY_M
        # folium turns the fill on whenever a fill colour is given, so a wide circle gets none.
        fill = {} if wide else {"fill": True, "fill_color": "#c98b2b", "fill_opacity": 0.07}
        folium.Circle((place.lat, place.lon), radius=float(place.uncertainty_m), color="#9a5b00",
                      weight=1 if wide else 1.5, opacity=0.45 if wide else 0.9, dash_array="2 6" if wide else "6 6",
                      interactive=False, **fill).add_to(circles)

    markers = folium.FeatureGroup(name="Places with records", control=True)
    offsets = displacements(pd.concat([selection.places, selection.landmarks]),
                            {pid: len(c) for pid, c in chips.items()})
    for place in selection.places.itertuples():
        parent_name = names.get(parents.get(place.id))
        dx, dy, side = offsets.get(place.id, (0, 0, "right"))
        rows = records_at.get(place.id, selection.records.iloc[0:0])
        folium.Marker(
            (place.lat, place.lon),
            icon=folium.DivIcon(html=marker_html(place, chips.get(place.id, []), dx=dx, dy=dy, label_side=side),
                                icon_size=(0, 0), icon_anchor=(0, 0), class_name=f"ba-marker ba-{esc(place.id)}"),
            tooltip=folium.Tooltip(tooltip_text(place, parent_name=parent_name, n_records=len(rows)), sticky=True),
            popup=folium.Popup(popup_html(place, rows, colours, parent_name=parent_name, source_numbers=numbers),
                               max_width=400, max_height=420),
        ).add_to(markers)

    landmarks = folium.FeatureGroup(name="Landmarks (no records)", control=True)
    for place in selection.landmarks.itertuples():
        dx, dy, side = offsets.get(place.id, (0, 0, "right"))
        folium.Marker(
            (place.lat, place.lon),
            icon=folium.DivIcon(html=marker_html(place, [], landmark=True, labelled=place.context, dx=dx, dy=dy,
                                                 label_side=side),
                                icon_size=(0, 0), icon_anchor=(0, 0), class_name=f"ba-landmark ba-{esc(place.id)}"),
            tooltip=folium.Tooltip(tooltip_text(place, parent_name=names.get(parents.get(place.id))), sticky=True),
            popup=folium.Popup(popup_html(place, selection.records.iloc[0:0], colours,
                                          parent_name=names.get(parents.get(place.id))), max_width=400),
        ).add_to(landmarks)
    return [circles, markers, landmarks]


# Room kept free around the places: the legend sits on the left, labels run to the right.
PADDING_TOP_LEFT = (270, 50)
PADDING_BOTTOM_RIGHT = (440, 60)
MAX_FIT_ZOOM = 12


def focus_bounds(selection: Selection) -> list[list[float]]:
    """[[south, west], [north, east]] of the selected places near Hyesan, else of all of them."""
    places = selection.places
    if places.empty:
        return [[HYESAN[0] - 0.2, HYESAN[1] - 0.3], [HYESAN[0] + 0.1, HYESAN[1] + 0.1]]
    near = places[[distance_km(HYESAN, (lat, lon)) <= FOCUS_RADIUS_KM for lat, lon in zip(places.lat, places.lon)]]
    chosen = near if not near.empty else places
    return [[chosen["lat"].min(), chosen["lon"].min()], [chosen["lat"].max(), chosen["lon"].max()]]


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def map_view(selection: Selection, *, width_px: int = 1040, height_px: int = 640) -> tuple[tuple[float, float], int]:
    """Centre and zoom that show :func:`focus_bounds` inside the padding (Leaflet's fitBounds, in Python).

    streamlit-folium moves an existing map by centre and zoom without reloading it, so the
    fit is computed here rather than in the browser.
    """
    (south, west), (north, east) = focus_bounds(selection)
    (left, top), (right, bottom) = PADDING_TOP_LEFT, PADDING_BOTTOM_RIGHT
    free_w, free_h = max(width_px - left - right, 100), max(height_px - top - bottom, 100)
    zoom_x = math.log2(free_w * 360 / (256 * max(east - west, 1e-9)))
    zoom_y = math.log2(free_h * 2 * math.pi / (256 * max(_mercator(north) - _mercator(south), 1e-9)))
    zoom = max(5, min(MAX_FIT_ZOOM, math.floor(min(zoom_x, zoom_y))))
    scale = 256 * 2**zoom
    x_mid = ((west + east) / 2 + 180) / 360 * scale
    y_mid = (1 - (_mercator(north) + _mercator(south)) / 2 / math.pi) / 2 * scale
    # Put the places' middle in the middle of the free area, then find the map's centre.
    x_centre = x_mid + width_px / 2 - (left + free_w / 2)
    y_centre = y_mid + height_px / 2 - (top + free_h / 2)
    lon = x_centre / scale * 360 - 180
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y_centre / scale))))
    return (lat, lon), zoom


def build_map(selection: Selection, *, options: MapOptions | None = None) -> folium.Map:
    """The whole map for a selection: base, data layers, layer control, and the first view."""
    m = build_base_map(selection.dataset, options=options)
    for layer in build_data_layers(selection):
        layer.add_to(m)
    if (options or MapOptions()).layer_control:
        folium.LayerControl(collapsed=True, position="topright").add_to(m)
    m.fit_bounds(focus_bounds(selection), padding_top_left=PADDING_TOP_LEFT,
                 padding_bottom_right=PADDING_BOTTOM_RIGHT, max_zoom=MAX_FIT_ZOOM)
    return m
