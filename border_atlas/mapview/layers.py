"""The data layers for a selection: areas, uncertainty circles, places with records, landmarks.

:func:`plan` decides once what is drawn (chips, landmarks, offsets, the legend's entries, the
places off the first view); :func:`data_layers` draws it. Above ``DETAILED_LIMIT`` drawn places
the map takes its compact form instead (:mod:`border_atlas.mapview.compact`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import folium
import pandas as pd

from border_atlas.filters.selection import Selection
from border_atlas.loading.model import Place, Record
from border_atlas.mapview.area_layer import area_layer, drawn_places
from border_atlas.mapview.compact import COMPACT, compact_layers, compact_legend_html, map_mode, place_summary
from border_atlas.mapview.data_key import DataKey, off_map_note
from border_atlas.mapview.fit import FitToData
from border_atlas.mapview.layout import displacements
from border_atlas.mapview.legend_html import (
    LegendContent,
    basemap_legend_html,
    data_legend_html,
    legend_content,
    merge_legends,
)
from border_atlas.mapview.markers import Chip, chips_for, marker_html, popup_html, tooltip_text
from border_atlas.mapview.options import MapOptions
from border_atlas.mapview.playback_layer import Playback, playback_base, playback_payload
from border_atlas.mapview.popup_fit import MAX_HEIGHT as POPUP_MAX_HEIGHT
from border_atlas.mapview.popup_fit import MAX_WIDTH as POPUP_MAX_WIDTH
from border_atlas.mapview.view import focus_bounds, off_map_ids
from border_atlas.text.escaping import esc
from border_atlas.views.colours import org_colours

WIDE_UNCERTAINTY_M = 20_000  # wider circles (provinces) are drawn fainter, so they do not cover the view
UNCERTAINTY = "#9a5b00"


@dataclass(frozen=True)
class Plan:
    """What the map draws for a selection."""

    places: list[Place]  # as drawn: areas marked (see :func:`drawn_places`)
    records_at: dict[str, list[Record]]
    chips: dict[str, list[Chip]]
    landmarks: list[Place]
    context_ids: set[str]
    offsets: dict[str, tuple[int, int, str]]
    legend: LegendContent
    off_map: list[Place]


def _circles_to_draw(places: list[Place]) -> list[Place]:
    """Point positions with an uncertainty; never an area's, whose circle would read as its territory."""
    seen: set[tuple] = set()
    drawn = []
    for place in places:
        key = (round(place.lat, 5), round(place.lon, 5), place.uncertainty_m)
        if place.approximate and not place.area and place.uncertainty_m is not None and key not in seen:
            seen.add(key)
            drawn.append(place)
    return drawn


def plan(selection: Selection, options: MapOptions, bounds: list[list[float]] | None = None) -> Plan:
    """``bounds``: the view's, where it is not the selection's own focus (the places outside are named apart)."""
    colours = org_colours(selection.dataset.organisations)
    records_at: dict[str, list[Record]] = defaultdict(list)
    for record in selection.record_list:
        records_at[record.place_id].append(record)
    chips = {place_id: chips_for(records, colours) for place_id, records in records_at.items()}
    context_ids = set(selection.landmarks.loc[selection.landmarks["context"], "id"])
    landmarks = [p for p in selection.landmark_list if options.landmarks or p.id in context_ids]
    shown = selection.landmarks[selection.landmarks["id"].isin({p.id for p in landmarks})]
    offsets = displacements(pd.concat([selection.places, shown]), {pid: len(c) for pid, c in chips.items()})
    names = dict(zip(selection.dataset.organisations["id"], selection.dataset.organisations["name"]))
    places = drawn_places(selection.place_list)
    legend = legend_content(chips, places, landmarks, names=names, uncertainty=bool(_circles_to_draw(places)))
    far = set(off_map_ids(selection, bounds))
    off_map = [p for p in places if p.id in far]
    return Plan(places, dict(records_at), chips, landmarks, context_ids, offsets, legend, off_map)


def uncertainty_layer(places: list[Place]) -> folium.FeatureGroup:
    """A dashed circle for each approximate position, once per distinct point and radius."""
    circles = folium.FeatureGroup(name="Location uncertainty", control=True)
    for place in _circles_to_draw(places):
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
        popup=folium.Popup(popup, max_width=POPUP_MAX_WIDTH, max_height=POPUP_MAX_HEIGHT),
    )


def data_layers(selection: Selection, *, options: MapOptions | None = None,
                bounds: list[list[float]] | None = None) -> list[folium.FeatureGroup]:
    """Areas, uncertainty circles, places with records, and landmarks, for the current filters.

    ``bounds``: what to fit the view to, if not the selection's own focus.
    """
    options = options or MapOptions()
    shown, selection = selection, playback_base(selection)  # with a time window, every frame's places are drawn
    if map_mode(selection, options=options) == COMPACT:
        return compact_layers(selection, options=options, bounds=bounds, shown=shown)
    drawing = plan(selection, options, bounds)
    colours = org_colours(selection.dataset.organisations)
    numbers = dict(zip(selection.sources["id"], selection.sources["note_number"]))
    markers = folium.FeatureGroup(name="Places with records", control=True)
    for place in drawing.places:
        dx, dy, side = drawing.offsets.get(place.id, (0, 0, "right"))
        here = drawing.records_at.get(place.id, [])
        _marker(place, marker_html(place, drawing.chips.get(place.id, []), dx=dx, dy=dy, label_side=side),
                "ba-marker", tooltip_text(place, n_records=len(here)),
                popup_html(place, here, colours, source_numbers=numbers)).add_to(markers)
    view = bounds or focus_bounds(selection)
    _add_key(markers, drawing if shown is selection else plan(shown, options, view), options)
    if shown is not selection:
        Playback(playback_payload(shown, selection, [p.id for p in drawing.places], mode="detailed",
                                  controls=options.player)).add_to(markers)
    if options.fit:
        FitToData(view).add_to(markers)
    context = folium.FeatureGroup(name="Landmarks (no records)", control=True)
    for place in drawing.landmarks:
        dx, dy, side = drawing.offsets.get(place.id, (0, 0, "right"))
        html = marker_html(place, [], landmark=True, labelled=place.id in drawing.context_ids, dx=dx, dy=dy,
                           label_side=side)
        _marker(place, html, "ba-landmark", tooltip_text(place), popup_html(place, [], colours)).add_to(context)
    return [area_layer(drawing.places, drawing.chips), uncertainty_layer(drawing.places), markers, context]


def _add_key(markers: folium.FeatureGroup, drawing: Plan, options: MapOptions) -> None:
    """The legend and the off-map note, of what the chosen window selects."""
    legend = data_legend_html(drawing.legend) if options.legend else ""
    DataKey(legend, off_map_note(drawing.off_map)).add_to(markers)


def legend_html(*selections: Selection, options: MapOptions | None = None) -> str:
    """The whole legend for a page that shows it beside its maps (the briefing, the comparison), from what
    each map draws: a compact map's legend from its places' summary, never from a plan of every record."""
    options = options or MapOptions()
    compact = [s for s in selections if map_mode(s, options=options) == COMPACT]
    detailed = [s for s in selections if all(s is not c for c in compact)]
    parts = [data_legend_html(merge_legends([plan(s, options).legend for s in detailed]))] if detailed else []
    if compact:
        drawn = pd.concat([place_summary(s, options=options) for s in compact], ignore_index=True)
        parts.append(compact_legend_html(compact[0], options=options, places=drawn))
    return "".join(parts) + basemap_legend_html()
