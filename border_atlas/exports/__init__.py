"""Exports of a Selection: CSV, GeoJSON, KML, a standalone HTML briefing, and its PNG.

Every export carries each record's source citation and Admiralty grade.
"""

from border_atlas.exports.csv_export import records_csv
from border_atlas.exports.geojson_export import records_geojson
from border_atlas.exports.html_export import briefing_html_file
from border_atlas.exports.kml_export import places_kml
from border_atlas.exports.png_export import ChromiumMissing, briefing_png

__all__ = ["ChromiumMissing", "briefing_html_file", "briefing_png", "places_kml", "records_csv", "records_geojson"]
