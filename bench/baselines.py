"""Two plain folium maps of the same points as the project's map, to measure it against.

- :func:`naive_map`: one ``folium.Marker`` with a ``folium.Popup`` per record, the record's
  text in the popup (as text: ``parse_html=True`` makes folium escape it; by default a popup
  string is inserted as HTML);
- :func:`fast_cluster_map`: ``folium.plugins.FastMarkerCluster`` over the selected places.

Both work offline: Leaflet, jQuery and Leaflet.markercluster come from the installed xstatic
packages as ``file:`` URLs, so a rendered page opens from disk with no network.

>>> from border_atlas import FilterState, load_dataset, select
>>> selection = select(load_dataset(), FilterState())
>>> seconds, size = build_and_render(fast_cluster_map, selection)
>>> size > 0 and "cdn" not in fast_cluster_map(selection).get_root().render()
True
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import folium
import pandas as pd
import xstatic.pkg.jquery
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from branca.element import Element
from folium.plugins import FastMarkerCluster

from border_atlas.filters.selection import Selection

LEAFLET = Path(xstatic.pkg.leaflet.BASE_DIR)
JQUERY = Path(xstatic.pkg.jquery.BASE_DIR)
MARKERCLUSTER = Path(xstatic.pkg.leaflet_markercluster.BASE_DIR)
CENTRE = (41.40167, 128.17778)  # Hyesan, where the project's map opens
# folium's default callback asks for Font Awesome icons (L.AwesomeMarkers), which no package provides offline.
PLAIN_MARKER = "function (row) { return L.marker(new L.LatLng(row[0], row[1])); }"
ZOOMS = {"min_zoom": 5, "max_zoom": 17}  # a marker cluster throws on a map without a maximum zoom


def _offline_map() -> folium.Map:
    """An empty map whose scripts and stylesheets are local files, not CDN links."""
    m = folium.Map(location=CENTRE, tiles=None, zoom_start=9)
    m.options.update(ZOOMS)  # folium hands min/max zoom only to a tile layer, and there is none
    m.default_js = [("leaflet", (LEAFLET / "leaflet.js").as_uri()), ("jquery", (JQUERY / "jquery.min.js").as_uri())]
    m.default_css = [("leaflet_css", (LEAFLET / "leaflet.css").as_uri())]
    # Leaflet guesses its marker image folder from the stylesheet and may guess before it loads.
    images = (LEAFLET / "images").as_uri() + "/"
    m.get_root().html.add_child(Element(f"<script>L.Icon.Default.imagePath = {images!r};</script>"))
    return m


def record_text(record) -> str:
    """What one record's popup says: who, what, where, when, and from which source."""
    parts = [f"{record.org_name}: {record.role}"]
    if isinstance(record.partner_name, str):
        parts.append(f"with {record.partner_name}")
    parts.append(f"at {record.place_name}.")
    parts.append(record.summary)
    when = " to ".join(d for d in (record.start, record.end) if isinstance(d, str)) or "undated"
    parts.append(f"({when}; reported {record.reported}; {record.source_outlet} ¶ {record.paragraphs}; "
                 f"grade {record.grade})")
    return " ".join(parts)


def _drawn(frame: pd.DataFrame, lat: str, lon: str) -> pd.DataFrame:
    return frame[frame[lat].notna() & frame[lon].notna()]


def naive_map(selection: Selection) -> folium.Map:
    """One marker with a popup per record, at its place's point (as a first folium map would do it)."""
    m = _offline_map()
    for record in _drawn(selection.records, "place_lat", "place_lon").itertuples():
        popup = folium.Popup(record_text(record), parse_html=True)
        folium.Marker((record.place_lat, record.place_lon), popup=popup).add_to(m)
    return m


def fast_cluster_map(selection: Selection) -> folium.Map:
    """One FastMarkerCluster over the selected places (the points the project's map draws)."""
    m = _offline_map()
    places = _drawn(selection.places, "lat", "lon")
    cluster = FastMarkerCluster(places[["lat", "lon"]].to_numpy().tolist(), callback=PLAIN_MARKER)
    cluster.default_js = [("markerclusterjs", (MARKERCLUSTER / "leaflet.markercluster.js").as_uri())]
    cluster.default_css = [("markerclustercss", (MARKERCLUSTER / "MarkerCluster.css").as_uri()),
                           ("markerclusterdefaultcss", (MARKERCLUSTER / "MarkerCluster.Default.css").as_uri())]
    cluster.add_to(m)
    return m


def build_and_render(build: Callable[[Selection], folium.Map], selection: Selection) -> tuple[float, int]:
    """Seconds to build the map and render it to HTML, and the HTML's size in bytes (UTF-8)."""
    start = time.perf_counter()
    html = build(selection).get_root().render()
    return time.perf_counter() - start, len(html.encode("utf-8"))
