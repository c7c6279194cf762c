"""The briefing page: banner, title, the filters in words, the map, numbered source notes, date.

One HTML document, laid out to fill a 16:9 slide (1920×1080) and to print on landscape A4.
The app shows it as the briefing view; the HTML and PNG exports are this same page.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from markupsafe import Markup

from border_atlas.filters.caption import count_label, count_text, describe
from border_atlas.filters.link import BriefingText, ViewOptions
from border_atlas.filters.selection import Selection
from border_atlas.loading.hierarchy import ancestors
from border_atlas.mapview import MapOptions, assemble_map, focus_bounds, legend_html
from border_atlas.mapview.compact import COMPACT, map_mode, place_summary
from border_atlas.mapview.keep_inside import KeepMarkersInside
from border_atlas.mapview.layers import plan
from border_atlas.places.basemap import CREDIT
from border_atlas.text.escaping import esc
from border_atlas.text.wording import citation, paragraphs_text
from border_atlas.tiles.catalog import chosen_basemap
from border_atlas.views.documents import map_parts, render_document

DEFAULT_TITLE = "Who controls smuggling on the Ryanggang border"


def source_notes(selection: Selection) -> list[str]:
    """Numbered notes, one per source: outlet, title, date, and the paragraphs the records cite (from the
    distinct source and paragraph pairs of the selection's columns)."""
    cited: dict[str, set[int]] = {}
    pairs = pd.DataFrame({"source": selection.column("source_id"), "paragraphs": selection.column("paragraphs")})
    for source_id, paragraphs in pairs.dropna().drop_duplicates().itertuples(index=False):
        cited.setdefault(source_id, set()).update(int(p) for p in str(paragraphs).split(";"))
    notes = []
    for row in selection.sources.to_dict("records"):
        paragraphs = ";".join(map(str, sorted(cited.get(row["id"], ()))))
        note = citation(row["outlet"], row["published"], paragraphs, title=row["title"])
        notes.append(note if paragraphs else note.removesuffix(", paragraph not given") + " (dates)")
    return notes


NOTE_LINES = 500  # records named one by one in the slide's speaker notes


def record_citations(selection: Selection) -> list[str]:
    """One line per record for the slide's speaker notes: who, where, when, and its source's note number.

    The sources are listed once, in full, under their numbers; each record names its number and paragraphs
    (and its id, which the CSV export carries), so no two lines are the same.
    """
    numbers = dict(zip(selection.sources["id"], selection.sources["note_number"]))
    lines = []
    # The first NOTE_LINES records in date order: speaker notes of 100,000 lines help no one.
    for record in selection.records_at(np.arange(min(selection.count, NOTE_LINES))):
        who = record.org_name + (f" ⇄ {record.partner_name}" if record.partner_name else "")
        where = f" at {record.place_name}" if record.place_name else ""
        number = numbers.get(record.source_id)
        source = f"source {number}" if number is not None else record.citation
        lines.append(f"{who} ({record.role}){where}, {record.period}: {source}, "
                     f"{paragraphs_text(record.paragraphs, long=True)} [record {record.id}]")
    if selection.count > NOTE_LINES:
        lines.append(f"… and {selection.count - NOTE_LINES:,} more records: the CSV export lists every one.")
    return lines


def umbrellas_drawn(selection: Selection, drawn: list[str]) -> list[tuple[str, list[str]]]:
    """(umbrella, its members among ``drawn``) for each organisation the filter chose with its members.

    Office 39 has no records of its own at a place: its companies are drawn, each in its own colour, and
    the legend would not name Office 39 at all.
    """
    state, organisations = selection.state, selection.dataset.organisations
    if not state.orgs or state.exact_orgs:
        return []
    names = dict(zip(organisations["id"], organisations["name"]))
    ids = {name: ident for ident, name in names.items()}
    found = []
    for umbrella in state.orgs:
        members = [n for n in drawn if n in ids and ids[n] != umbrella and umbrella in ancestors(ids[n], organisations)]
        if members:
            found.append((names.get(umbrella, umbrella), members))
    return found


def umbrella_note(umbrella: str, members: list[str]) -> str:
    """"Office 39, drawn as its members: Kumgang Office and Mirim Shipping Company"."""
    listed = members[0] if len(members) == 1 else ", ".join(members[:-1]) + " and " + members[-1]
    return f"{umbrella}, drawn as its member{'s' if len(members) > 1 else ''}: {listed}"


def drawn_organisation_names(selection: Selection, options: MapOptions) -> list[str]:
    """The organisations whose colours the map draws: a compact map's from its places' summary."""
    if map_mode(selection, options=options) != COMPACT:
        return plan(selection, options).legend.names
    organisations = selection.dataset.organisations
    drawn = set(place_summary(selection, options=options)["org"].dropna())
    return [name for ident, name in zip(organisations["id"], organisations["name"]) if ident in drawn]


def briefing_legend_html(selection: Selection, options: MapOptions) -> str:
    """The legend beside the map: the umbrella the filter chose (named), then everything the map draws."""
    drawn = drawn_organisation_names(selection, options)
    chosen = "".join(f'<div class="row note"><span>{esc(umbrella_note(u, m))}</span></div>'
                     for u, m in umbrellas_drawn(selection, drawn))
    return (f"<h4>Filtered on</h4>{chosen}" if chosen else "") + legend_html(selection, options=options)


def picture_map(selection: Selection, options: MapOptions):
    """The map of a page that is read as a picture: fitted so that no marker is cut by its edge."""
    m = assemble_map(selection, options=options)
    if options.fit:
        KeepMarkersInside(focus_bounds(selection)).add_to(m)
    return m


def briefing_document(selection: Selection, text: BriefingText, *, assets: str = "inline",
                      view: ViewOptions | None = None, map_of: Selection | None = None, contents: str = "") -> str:
    """The briefing as a complete HTML page (``assets="inline"``: it needs nothing else).

    The legend sits beside the map, in the notes column, where it hides nothing; ``view`` gives
    a link's centre and zoom, else the map fits the drawn places. ``map_of``: the selection the map
    draws, if not ``selection`` (a playback's: every frame's places, with the player). ``contents``:
    what the file holds, in words, under the filters (the HTML export says it).
    """
    options = MapOptions(assets=assets, layer_control=False, legend=False, centre=view.centre if view else None,
                         zoom=view.zoom if view else None, basemap=chosen_basemap(text.basemap), player=False)
    return render_document(
        "briefing.html.j2",
        served=assets != "inline",
        map=map_parts(picture_map(map_of or selection, options)),
        legend=Markup(briefing_legend_html(selection, options)),  # noqa: S704  (escaped by the map modules)
        title=text.title.strip() or DEFAULT_TITLE,
        subtitle=text.subtitle.strip(),
        banner=text.banner.strip(),
        count=count_text(selection),
        caption=describe(selection.state, selection.dataset),
        contents=contents,
        compact=map_mode(map_of or selection, options=options) == COMPACT,
        notes=source_notes(selection),
        made_on=text.made_on.isoformat(),
        credit=CREDIT,
    )


SLIDE_MAP_OPTIONS = MapOptions(assets="inline", layer_control=False, legend=False, locator=False, player=False)


def map_document(selection: Selection, *, view: ViewOptions | None = None, basemap: str = "") -> str:
    """The map alone, filling the page: the picture on a slide, which gives the legend and the places off
    the map in its own text. At a slide's size the locator inset would cover a quarter of the map.
    ``basemap``: the id of the analyst's basemap to draw on ("": the built-in one)."""
    options = replace(SLIDE_MAP_OPTIONS, centre=view.centre if view else None, zoom=view.zoom if view else None,
                      basemap=chosen_basemap(basemap))
    return render_document("map.html.j2", map=map_parts(picture_map(selection, options)),
                           legend=Markup(briefing_legend_html(selection, options)))  # noqa: S704


def off_map_text(selection: Selection) -> str:
    """"Also, off this map: 1 record at Pyongyang; …" as plain text, for the slide's caption."""
    places = plan(selection, SLIDE_MAP_OPTIONS).off_map
    items = "; ".join(f"{count_label(p.n_records)} at {p.name}" for p in places)
    return f"Also, off this map: {items}" if items else ""
