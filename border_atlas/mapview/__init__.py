"""The folium map: a pure function of a Selection, drawn with no request to any other host."""

from border_atlas.mapview.builder import MapOptions, build_base_map, build_data_layers, build_map, map_view

__all__ = ["MapOptions", "build_base_map", "build_data_layers", "build_map", "map_view"]
