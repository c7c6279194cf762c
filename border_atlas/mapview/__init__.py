"""The folium map: a pure function of a Selection, drawn with no request to any other host."""

import border_atlas.literal_rendering  # noqa: F401  (renders data text as values, never as templates)
from border_atlas.mapview.builder import MapOptions, build_base_map, build_data_layers, build_map, map_view

__all__ = ["MapOptions", "build_base_map", "build_data_layers", "build_map", "map_view"]
