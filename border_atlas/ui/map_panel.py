"""The map on a page: base map once, data layers sent on each filter change."""

from __future__ import annotations

from streamlit_folium import st_folium

from border_atlas.link import ViewOptions
from border_atlas.mapview import MapOptions, base_map, data_layers, layer_control
from border_atlas.selection import Selection
from border_atlas.ui.offline import serve_offline_assets

MAP_HEIGHT = 640


def show_map(selection: Selection, *, view: ViewOptions | None = None, key: str = "atlas_map",
             height: int = MAP_HEIGHT, copy_link: bool = True) -> None:
    """Draw the map. Panning and zooming do not rerun the script (nothing is returned).

    The data layers fit the view to the drawn places, unless a link gave a centre and zoom.
    """
    view = view or ViewOptions()
    serve_offline_assets()
    options = MapOptions(online_basemap=view.online_basemap, landmarks=view.landmarks, centre=view.centre,
                         zoom=view.zoom, copy_link=copy_link)
    st_folium(
        base_map(selection.dataset, options=options),
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=data_layers(selection, options=options),
        layer_control=layer_control(),
        center=None if options.fit else options.centre,
        zoom=None if options.fit else options.zoom,
    )
