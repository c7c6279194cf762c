"""The map on a page: base map once, data layers sent on each filter change."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from border_atlas.filters.link import ViewOptions
from border_atlas.filters.selection import Selection
from border_atlas.mapview import MapOptions, base_map, data_layers, layer_control
from border_atlas.mapview.compact import CLICK_RETURNS, COMPACT, clicked_place, map_mode
from border_atlas.ui.basemaps import served_catalog
from border_atlas.ui.offline import serve_offline_assets

MAP_HEIGHT = 640
COMPACT_HINT = ("With this many places the map draws each as a point, grouped when zoomed out: "
                "click one to list its records.")


def show_map(selection: Selection, *, view: ViewOptions | None = None, key: str = "atlas_map",
             height: int = MAP_HEIGHT, copy_link: bool = True) -> str | None:
    """Draw the map; return the id of the place last clicked on the compact map, if it is selected.

    Panning and zooming do not rerun the script: the detailed map returns nothing, the compact
    one only the place a click names (its records are listed by the page, not shipped in the map).
    The data layers fit the view to the drawn places, unless a link gave a centre and zoom.
    """
    view = view or ViewOptions()
    serve_offline_assets()
    catalog = served_catalog()
    options = MapOptions(online_basemap=view.online_basemap, landmarks=view.landmarks, centre=view.centre,
                         zoom=view.zoom, copy_link=copy_link, basemap=catalog.get(view.basemap),
                         basemaps=catalog.basemaps)
    compact = map_mode(selection, options=options) == COMPACT
    returned = st_folium(
        base_map(selection.dataset, options=options),
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=list(CLICK_RETURNS) if compact else [],
        feature_group_to_add=data_layers(selection, options=options),
        layer_control=layer_control(),
        center=None if options.fit else options.centre,
        zoom=None if options.fit else options.zoom,
    )
    if not compact:
        return None
    place_id = clicked_place(returned, selection.dataset)
    if place_id is None or place_id not in set(selection.places["id"]):
        st.caption(COMPACT_HINT)
        return None
    return place_id
