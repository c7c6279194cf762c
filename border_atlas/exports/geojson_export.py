"""The filtered records as RFC 7946 GeoJSON: one Feature per record, at its place.

Coordinates are [longitude, latitude] in WGS84, rounded to 6 decimal places (about 10 cm),
with no ``crs`` member. A record whose place has no position has a null geometry, as RFC 7946
allows, rather than an invented point. Each Feature is written on a line of its own by the C
JSON encoder, so that the file stays readable and diffable and 100,000 records take a second.

>>> import json
>>> from border_atlas import FilterState, load_dataset, select
>>> text = records_geojson(select(load_dataset(), FilterState(orgs=("mirim",), exact_orgs=True)))
>>> text.splitlines()[0], text.splitlines()[1][:48]
('{"type":"FeatureCollection","features":[', '{"type":"Feature","id":"pairing-2018-samsu","geo')
>>> json.loads(text)["features"][0]["properties"]["grade"]
'C3'
"""

from __future__ import annotations

import json

from border_atlas.exports.records import COLUMNS, flat_columns
from border_atlas.filters.selection import Selection

PROPERTIES = [name for name in COLUMNS if name not in ("lat", "lon")]
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def geometry(lat: float | None, lon: float | None) -> dict | None:
    """A GeoJSON Point at (lat, lon), written longitude first; None where either is missing.

    >>> geometry(41.2284, 127.98581234), geometry(None, 127.9)
    ({'type': 'Point', 'coordinates': [127.985812, 41.2284]}, None)
    """
    if lat is None or lon is None:
        return None
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def feature_lines(selection: Selection) -> list[str]:
    """One Feature per record as a line of compact JSON, in the selection's order."""
    columns = flat_columns(selection)
    rows = zip(*(columns[name] for name in PROPERTIES))
    return [
        _ENCODE({"type": "Feature", "id": ident, "geometry": geometry(lat, lon),
                 "properties": dict(zip(PROPERTIES, row))})
        for ident, lat, lon, row in zip(columns["id"], columns["lat"], columns["lon"], rows)
    ]


def records_geojson(selection: Selection) -> str:
    lines = feature_lines(selection)
    if not lines:
        return '{"type":"FeatureCollection","features":[]}\n'
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
