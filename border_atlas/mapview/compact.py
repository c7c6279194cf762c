"""The compact map, for selections with many places: one layer of points from one payload.

Above :data:`DETAILED_LIMIT` drawn places, labelled chips and popups with every record's text
cost thousands of bytes and a DOM node per place. The compact layer draws each place as a
canvas circle coloured by the organisation with most records there and sized by its record
count, clusters them at low zoom (Leaflet.markercluster, served like Leaflet) and labels the
busiest places where there is room. The payload is columnar JSON: per place its position (in
1e-5 degrees), record count, colour, row in the dataset's places table and name (escaped as
HTML, the only text in it), the places with records awaiting review (``p``, their positions in
the lists), and never a record's text. Clicking a place sends back only its
row and the dataset's token (see :func:`clicked_place`); the app lists its records.

>>> from border_atlas import FilterState, load_dataset, select
>>> selection = select(load_dataset(), FilterState())
>>> map_mode(selection)
'detailed'
>>> payload = compact_payload(selection)
>>> sorted(payload)
['c', 'colours', 'dataset', 'i', 'lat', 'lon', 'max_zoom', 'n', 'name', 'p', 'scale']
>>> payload["n"] == sorted(payload["n"], reverse=True)  # busiest first
True
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import folium
import numpy as np
import pandas as pd
from jinja2 import Template

from border_atlas.filters.map_zoom import MAX_ZOOM
from border_atlas.filters.selection import Selection
from border_atlas.filters.selection_cache import per_selection
from border_atlas.loading.dataset import Dataset
from border_atlas.mapview.asset_element import AssetElement
from border_atlas.mapview.data_key import DataKey
from border_atlas.mapview.fit import FitToData
from border_atlas.mapview.legend_html import LegendContent, data_legend_html
from border_atlas.mapview.options import MapOptions
from border_atlas.mapview.playback_layer import Playback, playback_payload
from border_atlas.runtime import offline_assets
from border_atlas.text.escaping import esc, script_json
from border_atlas.views.colours import DEFAULT_COLOUR, org_colours

# Up to this many drawn places the map is the detailed one (chips, popups, leader lines).
DETAILED_LIMIT = 80
DETAILED, COMPACT = "detailed", "compact"
# What streamlit-folium returns for a click on a compact place: the clicked layer's GeoJSON.
CLICK_RETURNS = ("last_active_drawing",)
COORDINATE_SCALE = 100_000  # positions travel as whole numbers of 1e-5 degrees (about a metre)


def drawn_landmarks(selection: Selection, options: MapOptions) -> pd.DataFrame:
    """The landmarks a map draws: all of them if asked for, else the parents shown for context."""
    landmarks = selection.landmarks
    return landmarks if options.landmarks else landmarks[landmarks["context"]]


def map_mode(selection: Selection, *, options: MapOptions | None = None) -> str:
    """:data:`DETAILED` up to :data:`DETAILED_LIMIT` drawn places (with landmarks), else :data:`COMPACT`."""
    drawn = len(selection.places) + len(drawn_landmarks(selection, options or MapOptions()))
    return DETAILED if drawn <= DETAILED_LIMIT else COMPACT


def dataset_token(dataset: Dataset) -> str:
    """A short hash of the places' ids, in order: a click names a row of this table and no other."""
    if "places_token" not in dataset.derived:
        ids = "\0".join(dataset.places["id"].tolist())
        dataset.derived["places_token"] = hashlib.sha256(ids.encode()).hexdigest()[:12]
    return dataset.derived["places_token"]


def main_organisation(selection: Selection) -> pd.Series:
    """Place id -> the organisation with most selected records there (ties: the first id)."""
    pairs = pd.DataFrame({"place": selection.column("place_id"), "org": selection.column("org_id")}).dropna()
    counts = pairs.groupby(["place", "org"], sort=False).size().rename("k").reset_index()
    top = counts.sort_values(["place", "k", "org"], ascending=[True, False, True]).drop_duplicates("place")
    return top.set_index("place")["org"]


def place_summary(selection: Selection, *, options: MapOptions | None = None) -> pd.DataFrame:
    """One row per drawn place: id, name, lat, lon, n_records, org (its main one), colour; busiest first.

    Kept per selection (the layer, its legend and the briefing's notes each ask for it on every run);
    callers read it and never change it.
    """
    options = options or MapOptions()
    return per_selection(selection, "place_summary", lambda: _place_summary(selection, options), options.landmarks)


def _place_summary(selection: Selection, options: MapOptions) -> pd.DataFrame:
    colours = org_colours(selection.dataset.organisations)
    places = selection.places[["id", "name", "lat", "lon", "n_records", "n_pending"]].copy()
    places["org"] = places["id"].map(main_organisation(selection))
    places["colour"] = places["org"].map(colours).fillna(DEFAULT_COLOUR)
    landmarks = drawn_landmarks(selection, options)[["id", "name", "lat", "lon"]].assign(n_records=0, n_pending=0,
                                                                                        colour="")
    both = pd.concat([places, landmarks], ignore_index=True) if len(landmarks) else places
    both = both[both["lat"].notna() & both["lon"].notna()]
    return both.sort_values(["n_records", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _scaled(values: pd.Series) -> list[int]:
    return np.round(values.to_numpy(dtype="float64") * COORDINATE_SCALE).astype(np.int64).tolist()


def compact_payload(selection: Selection, *, options: MapOptions | None = None,
                    places: pd.DataFrame | None = None) -> dict:
    """The compact layer's data, one list per field (see the module's docstring); ``places``: the summary, if made."""
    places = place_summary(selection, options=options) if places is None else places
    palette = sorted(set(places["colour"]) - {""})
    colour_at = {colour: k for k, colour in enumerate(palette)}
    return {
        "dataset": dataset_token(selection.dataset),
        "scale": COORDINATE_SCALE,
        "max_zoom": MAX_ZOOM,
        "colours": palette,
        "lat": _scaled(places["lat"]),
        "lon": _scaled(places["lon"]),
        "n": places["n_records"].astype(int).tolist(),
        "c": [colour_at.get(colour, 0) for colour in places["colour"]],
        "i": pd.Index(selection.dataset.places["id"]).get_indexer(places["id"]).tolist(),
        "name": [esc(name) for name in places["name"]],
        "p": np.flatnonzero(places["n_pending"].to_numpy() > 0).tolist(),
    }


def clicked_place(returned: dict | None, dataset: Dataset) -> str | None:
    """The id of the place a click on the compact map names, from what streamlit-folium returned.

    The value comes from the browser: anything but a row of this dataset's places reads as no click.

    >>> from border_atlas import load_dataset
    >>> dataset = load_dataset()
    >>> feature = {"properties": {"place": 0, "dataset": dataset_token(dataset)}}
    >>> clicked_place({"last_active_drawing": feature}, dataset) == dataset.places["id"].iloc[0]
    True
    >>> clicked_place({"last_active_drawing": {"properties": {"place": "0"}}}, dataset) is None
    True
    """
    feature = (returned or {}).get(CLICK_RETURNS[0])
    properties = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(properties, dict) or properties.get("dataset") != dataset_token(dataset):
        return None
    row = properties.get("place")
    if not isinstance(row, int) or isinstance(row, bool) or not 0 <= row < len(dataset.places):
        return None
    return dataset.places["id"].iloc[row]


@cache
def _layer_code() -> str:
    return (Path(__file__).with_name("compact_layer.js")).read_text(encoding="utf-8")


class CompactPlaces(AssetElement):
    """The compact layer's script: the payload and the code that draws it, inside a FeatureGroup."""

    scripts = (offline_assets.MARKERCLUSTER_JS,)  # after Leaflet, which the map itself brings
    stylesheets = (offline_assets.MARKERCLUSTER_CSS,)

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (group, data) {
        {{ this.code }}
        })({{ this._parent.get_name() }}, {{ this.payload }});
        {% endmacro %}
    """)

    def __init__(self, payload: dict, *, assets: str = "served"):
        super().__init__(assets=assets)
        self._name = "CompactPlaces"
        self.code = _layer_code()
        self.payload = script_json(payload, compact=True)


def compact_legend_html(selection: Selection, *, options: MapOptions | None = None,
                        places: pd.DataFrame | None = None) -> str:
    """The legend's data part for the compact map: the colours drawn, what size and discs mean."""
    places = place_summary(selection, options=options) if places is None else places
    organisations = selection.dataset.organisations
    colours = org_colours(organisations)
    drawn = set(places["org"].dropna())
    names = tuple((name, colours[ident]) for ident, name in zip(organisations["id"], organisations["name"])
                  if ident in drawn)
    content = LegendContent(organisations=names, kinds=(), approximate=False, uncertainty=False, landmarks=False,
                            pending=bool((places["n_pending"] > 0).any()))
    rows = [
        _legend_row('<svg width="16" height="16"><circle cx="5" cy="11" r="4" fill="#777"/>'
                    '<circle cx="11" cy="6" r="5" fill="#777"/></svg>',
                    "a place, coloured by its main organisation, larger with more records"),
        _legend_row('<svg width="16" height="16"><circle cx="8" cy="8" r="7" fill="#263238"/></svg>',
                    "places grouped at this zoom (the number: their records)"),
    ]
    if (places["n_records"] == 0).any():
        rows.append(_legend_row('<svg width="14" height="14"><circle cx="7" cy="7" r="3" fill="#fff" '
                                'stroke="#8a8a8a" stroke-width="1.5"/></svg>', "landmark, no records"))
    return data_legend_html(content) + "<h4>Places</h4>" + "".join(rows)


def _legend_row(swatch: str, text: str) -> str:
    return f'<div class="row"><span class="sw">{swatch}</span><span>{esc(text)}</span></div>'


def all_bounds(places: pd.DataFrame) -> list[list[float]]:
    """[[south, west], [north, east]] of every drawn place.

    The compact map starts on all of them (clusters keep that view readable), so no place is
    off the first view and the note that names such places stays empty.
    """
    return [[float(places["lat"].min()), float(places["lon"].min())],
            [float(places["lat"].max()), float(places["lon"].max())]]


def compact_layers(selection: Selection, *, options: MapOptions | None = None,
                   bounds: list[list[float]] | None = None,
                   shown: Selection | None = None) -> list[folium.FeatureGroup]:
    """The compact map's data layers: one FeatureGroup holding every drawn place, the legend and the first view.

    ``shown``: the chosen time window's selection, whose legend the map shows while the player (added
    here) plays ``selection``'s places.
    """
    options = options or MapOptions()
    group = folium.FeatureGroup(name="Places with records", control=True)
    places = place_summary(selection, options=options)
    CompactPlaces(compact_payload(selection, places=places), assets=options.assets).add_to(group)
    key = selection if shown is None or shown is selection else shown
    legend = compact_legend_html(key, options=options) if options.legend else ""
    DataKey(legend, "").add_to(group)
    if key is not selection:
        Playback(playback_payload(key, selection, list(range(len(places))), mode="compact",
                                  ids=places["id"].tolist(), controls=options.player)
                 ).add_to(group)
    if options.fit and not places.empty:
        FitToData(bounds or all_bounds(places)).add_to(group)
    return [group]
