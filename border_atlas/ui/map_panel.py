"""The map on a page: base map once, data layers sent on each filter change."""

from __future__ import annotations

import folium
from streamlit_folium import st_folium

from border_atlas.mapview import MapOptions, build_base_map, build_data_layers, map_view
from border_atlas.selection import Selection
from border_atlas.ui.offline import serve_offline_assets

MAP_HEIGHT = 640


def show_map(selection: Selection, *, key: str = "atlas_map", height: int = MAP_HEIGHT) -> None:
    """Draw the map. Panning and zooming do not rerun the script (nothing is returned)."""
    serve_offline_assets()
    base = build_base_map(selection.dataset, options=MapOptions(online_basemap=selection.state.online_basemap))
    centre, zoom = map_view(selection, height_px=height)
    st_folium(
        base,
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=build_data_layers(selection),
        layer_control=folium.LayerControl(collapsed=True, position="topright"),
        center=centre,
        zoom=zoom,
    )
