"""Named points from a Google Earth file (KML or KMZ) or a GeoJSON file.

KML is parsed by lxml with every dangerous feature off: no DTD, no entities, no network, no
huge trees; a file that declares a document type or entities is refused outright. A KMZ is a
zip: its size, entry count and unpacked size are bounded and only its KML is read. Only
placemarks that are points are taken; the others are listed as left out. Names are plain text.

>>> kml = (b'<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Kapsan market</name>'
...        b'<Point><coordinates>128.2933,41.0903,0</coordinates></Point></Placemark></Document></kml>')
>>> read_placemarks(kml, filename="sites.kml")
([Placemark(number=1, name='Kapsan market', lat=41.0903, lon=128.2933)], [])
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import PurePath

from border_atlas.drafting.uploads import FileRefused, check_size, check_xml, read_member, zip_members
from border_atlas.ingest.decoding import clean_text
from border_atlas.ingest.documents import display_name

SUFFIXES = (".kml", ".kmz", ".geojson", ".json")
MAX_PLACEMARKS = 5000
MAX_ELEMENTS = 500_000
MAX_NAME = 200


@dataclass(frozen=True)
class Placemark:
    """A named point: its number in the file (from 1), name, latitude and longitude (WGS84)."""

    number: int
    name: str
    lat: float
    lon: float


def read_placemarks(data: bytes, *, filename: str) -> tuple[list[Placemark], list[str]]:
    """The file's named points, and notes on the placemarks left out (no name, not a point, ...)."""
    name = display_name(filename)
    check_size(data, name=name)
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".kmz":
        data = _kml_in_kmz(data, name=name)
    if suffix in (".kml", ".kmz"):
        found, notes = _kml(data, name=name)
    elif suffix in (".geojson", ".json"):
        found, notes = _geojson(data, name=name)
    else:
        raise FileRefused(f"{name} has {suffix or 'no extension'}; places are imported from {', '.join(SUFFIXES)}.")
    if len(found) > MAX_PLACEMARKS:
        raise FileRefused(f"{name} has {len(found):,} placemarks; import at most {MAX_PLACEMARKS:,} at a time.")
    if not found:
        raise FileRefused(f"{name} has no named point placemark. " + " ".join(notes[:3]))
    return found, notes


def _kml_in_kmz(data: bytes, *, name: str) -> bytes:
    members = [m for m in zip_members(data, name=name, kind="KMZ") if not m.is_dir()]
    kml = [m for m in members if m.filename.lower().endswith(".kml")]
    if not kml:
        raise FileRefused(f"{name} is a zip archive with no KML file in it.")
    main = next((m for m in kml if m.filename.lower() == "doc.kml"), kml[0])
    return read_member(data, main, name=name)


def _kml(data: bytes, *, name: str) -> tuple[list[Placemark], list[str]]:
    import lxml.etree

    check_xml(data, name=name)
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                                  huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = lxml.etree.fromstring(data, parser)
    except (lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise FileRefused(f"{name} is not well-formed KML (XML): {exc}") from exc
    if root is None or sum(1 for _ in root.iter()) > MAX_ELEMENTS:
        raise FileRefused(f"{name} is empty or has more than {MAX_ELEMENTS:,} elements.")
    found, notes = [], []
    for number, mark in enumerate(root.xpath("//*[local-name()='Placemark']"), start=1):
        label = _name(mark.xpath("string(./*[local-name()='name'])"))
        points = mark.xpath(".//*[local-name()='Point']/*[local-name()='coordinates']")
        _add(found, notes, number, label, points[0].text if len(points) == 1 else None, name=name,
             why="is not a single point" if len(points) != 1 else None)
    return found, notes


def _add(found: list, notes: list, number: int, label: str, coordinates: str | None, *, name: str,
         why: str | None) -> None:
    shown = f"{name}, placemark {number}" + (f" ({label})" if label else "")
    if why:
        notes.append(f"{shown} {why}; left out")
        return
    if not label:
        notes.append(f"{shown} has no name; left out")
        return
    point = _point(coordinates)
    if point is None:
        notes.append(f"{shown}: its coordinates are not longitude,latitude within range; left out")
        return
    found.append(Placemark(number, label, point[1], point[0]))


def _point(text) -> tuple[float, float] | None:
    """(lon, lat) from "lon,lat[,alt]" text or a [lon, lat, ...] list."""
    parts = text.strip().split(",") if isinstance(text, str) else text
    if not isinstance(parts, list | tuple) or len(parts) < 2:
        return None
    try:
        lon, lat = float(parts[0]), float(parts[1])
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return lon, lat


def _name(value) -> str:
    text = " ".join(clean_text(str(value or "")).split())
    return text[:MAX_NAME]


def _geojson(data: bytes, *, name: str) -> tuple[list[Placemark], list[str]]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise FileRefused(f"{name} is not GeoJSON (JSON in UTF-8) or is damaged.") from exc
    features = document.get("features") if isinstance(document, dict) else None
    if isinstance(document, dict) and document.get("type") == "Feature":
        features = [document]
    if not isinstance(features, list):
        raise FileRefused(f"{name} is not a GeoJSON Feature or FeatureCollection.")
    found, notes = [], []
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        props = props if isinstance(props, dict) else {}
        label = _name(next((props[k] for k in ("name", "Name", "title", "NAME") if isinstance(props.get(k), str)), ""))
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        point = isinstance(geometry, dict) and geometry.get("type") == "Point"
        _add(found, notes, number, label, geometry.get("coordinates") if point else None, name=name,
             why=None if point else "is not a point")
    return found, notes
