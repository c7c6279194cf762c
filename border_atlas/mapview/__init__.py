"""The folium map: a pure function of a Selection, drawn with no request to any other host."""

from border_atlas.mapview.assembler import assemble_map, base_map, comparison_map, layer_control
from border_atlas.mapview.layers import data_layers, legend_html
from border_atlas.mapview.options import MapOptions
from border_atlas.mapview.view import focus_bounds

__all__ = ["MapOptions", "assemble_map", "base_map", "comparison_map", "data_layers", "focus_bounds",
           "layer_control", "legend_html"]
