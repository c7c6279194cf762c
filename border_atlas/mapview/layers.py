"""The data layers for a selection: uncertainty circles, places with records, landmarks.

This is where the map chooses its form: up to ``DETAILED_LIMIT`` drawn places, labelled
markers with popups; above it, the compact layer of :mod:`border_atlas.mapview.compact`.
"""

from __future__ import annotations

from collections import defaultdict

import folium
import pandas as pd

from border_atlas.colours import org_colours
from border_atlas.escaping import esc
from border_atlas.mapview.compact import COMPACT, compact_layers, map_mode
from border_atlas.mapview.layout import displacements
from border_atlas.mapview.markers import chips_for, marker_html, popup_html, tooltip_text
from border_atlas.mapview.options import MapOptions
from border_atlas.model import Place
from border_atlas.selection import Selection

WIDE_UNCERTAINTY_M = 20_000  # wider circles (provinces) are drawn fainter, so they do not cover the view
UNCERTAINTY = "#9a5b00"


def uncertainty_layer(places: list[Place]) -> folium.FeatureGroup:
    """A dashed circle for each approximate position, once per distinct point and radius."""
    circles = folium.FeatureGroup(name="Location uncertainty", control=True)
    drawn: set[tuple] = set()
    for place in places:
        key = (round(place.lat, 5), round(place.lon, 5), place.uncertainty_m)
        if not place.approximate or place.uncertainty_m is None or key in drawn:
            continue
        drawn.add(key)
        wide = place.uncertainty_m > WIDE_UNCERTAINTY_M
        # folium turns the fill on whenever a fill colour is given, so a wide circle gets none.
        fill = {} if wide else {"fill": True, "fill_color": "#c98b2b", "fill_opacity": 0.07}
        folium.Circle((place.lat, place.lon), radius=place.uncertainty_m, color=UNCERTAINTY,
                      weight=1 if wide else 1.5, opacity=0.45 if wide else 0.9, dash_array="2 6" if wide else "6 6",
                      interactive=False, **fill).add_to(circles)
    return circles


def _marker(place: Place, html: str, css_class: str, tooltip: str, popup: str) -> folium.Marker:
    return folium.Marker(
        (place.lat, place.lon),
        icon=folium.DivIcon(html=html, icon_size=(0, 0), icon_anchor=(0, 0),
                            class_name=f"{css_class} ba-{esc(place.id)}"),
        tooltip=folium.Tooltip(tooltip, sticky=True),
        popup=folium.Popup(popup, max_width=400, max_height=420),
    )


def data_layers(selection: Selection, *, options: MapOptions | None = None) -> list[folium.FeatureGroup]:
    """Uncertainty circles, places with records, and landmarks, for the current filters (or the compact layer)."""
    options = options or MapOptions()
    if map_mode(selection, options=options) == COMPACT:
        return compact_layers(selection, options=options)
    colours = org_colours(selection.dataset.organisations)
    numbers = dict(zip(selection.sources["id"], selection.sources["note_number"]))
    records_at = defaultdict(list)
    for record in selection.record_list:
        records_at[record.place_id].append(record)
    chips = {place_id: chips_for(records, colours) for place_id, records in records_at.items()}
    context_ids = set(selection.landmarks.loc[selection.landmarks["context"], "id"])
    landmarks = [p for p in selection.landmark_list if options.landmarks or p.id in context_ids]
    shown = selection.landmarks[selection.landmarks["id"].isin({p.id for p in landmarks})]
    offsets = displacements(pd.concat([selection.places, shown]), {pid: len(c) for pid, c in chips.items()})

    markers = folium.FeatureGroup(name="Places with records", control=True)
    for place in selection.place_list:
        dx, dy, side = offsets.get(place.id, (0, 0, "right"))
        here = records_at.get(place.id, [])
        _marker(place, marker_html(place, chips.get(place.id, []), dx=dx, dy=dy, label_side=side), "ba-marker",
                tooltip_text(place, n_records=len(here)),
                popup_html(place, here, colours, source_numbers=numbers)).add_to(markers)

    context = folium.FeatureGroup(name="Landmarks (no records)", control=True)
    for place in landmarks:
        dx, dy, side = offsets.get(place.id, (0, 0, "right"))
        html = marker_html(place, [], landmark=True, labelled=place.id in context_ids, dx=dx, dy=dy,
                           label_side=side)
        _marker(place, html, "ba-landmark", tooltip_text(place), popup_html(place, [], colours)).add_to(context)
    return [uncertainty_layer(selection.place_list), markers, context]

