"""The filtered records as RFC 7946 GeoJSON: one Feature per record, at its place.

Coordinates are [longitude, latitude] in WGS84 with no ``crs`` member. A record whose place
has no position has a null geometry, as RFC 7946 allows, rather than an invented point.
"""

from __future__ import annotations

import json

from border_atlas.exports.records import flat_records
from border_atlas.selection import Selection


def records_geojson(selection: Selection) -> str:
    features = []
    for row in flat_records(selection):
        geometry = None
        if row["lat"] is not None and row["lon"] is not None:
            geometry = {"type": "Point", "coordinates": [round(row["lon"], 6), round(row["lat"], 6)]}
        properties = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "id": row["id"], "geometry": geometry, "properties": properties})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)
