"""Exports of a Selection: CSV, GeoJSON, KML, a standalone HTML briefing and comparison, and a PNG.

Every export carries each record's source citation and Admiralty grade. :data:`EXPORTS`
lists them all for the app.
"""

from border_atlas.exports.csv_export import records_csv
from border_atlas.exports.geojson_export import records_geojson
from border_atlas.exports.html_export import briefing_html_file
from border_atlas.exports.kml_export import places_kml
from border_atlas.exports.png_export import ChromiumMissing, briefing_png
from border_atlas.exports.registry import EXPORTS, Export, file_stem

__all__ = ["EXPORTS", "ChromiumMissing", "Export", "briefing_html_file", "briefing_png", "file_stem", "places_kml",
           "records_csv", "records_geojson"]
