"""The briefing page: banner, title, the filters in words, the map, numbered source notes, date.

One HTML document, laid out to fill a 16:9 slide (1920×1080) and to print on landscape A4.
The app shows it as the briefing view; the HTML and PNG exports are this same page.
"""

from __future__ import annotations

from markupsafe import Markup

from border_atlas.basemap import CREDIT
from border_atlas.caption import count_label, describe
from border_atlas.documents import map_parts, render_document
from border_atlas.link import BriefingText, ViewOptions
from border_atlas.mapview import MapOptions, assemble_map, legend_html
from border_atlas.mapview.layers import plan
from border_atlas.selection import Selection
from border_atlas.wording import citation

DEFAULT_TITLE = "Who controls smuggling on the Ryanggang border"


def source_notes(selection: Selection) -> list[str]:
    """Numbered notes, one per source: outlet, title, date, and the paragraphs the records cite."""
    cited: dict[str, set[int]] = {}
    for record in selection.record_list:
        cited.setdefault(record.source_id, set()).update(int(p) for p in record.paragraphs.split(";"))
    notes = []
    for row in selection.sources.to_dict("records"):
        paragraphs = ";".join(map(str, sorted(cited.get(row["id"], ()))))
        note = citation(row["outlet"], row["published"], paragraphs, title=row["title"])
        notes.append(note if paragraphs else note.removesuffix(", paragraph not given") + " (dates)")
    return notes


def briefing_document(selection: Selection, text: BriefingText, *, assets: str = "inline",
                      view: ViewOptions | None = None) -> str:
    """The briefing as a complete HTML page (``assets="inline"``: it needs nothing else).

    The legend sits beside the map, in the notes column, where it hides nothing; ``view`` gives
    a link's centre and zoom, else the map fits the drawn places.
    """
    options = MapOptions(assets=assets, layer_control=False, legend=False, centre=view.centre if view else None,
                         zoom=view.zoom if view else None)
    return render_document(
        "briefing.html.j2",
        served=assets != "inline",
        map=map_parts(assemble_map(selection, options=options)),
        legend=Markup(legend_html(selection, options=options)),  # noqa: S704  (escaped by the map modules)
        title=text.title.strip() or DEFAULT_TITLE,
        subtitle=text.subtitle.strip(),
        banner=text.banner.strip(),
        count=count_label(selection.count),
        caption=describe(selection.state, selection.dataset),
        notes=source_notes(selection),
        made_on=text.made_on.isoformat(),
        credit=CREDIT,
    )


def map_document(selection: Selection, *, view: ViewOptions | None = None) -> str:
    """The map alone, filling the page, with no legend or switcher: the picture on a slide."""
    options = MapOptions(assets="inline", layer_control=False, legend=False, centre=view.centre if view else None,
                         zoom=view.zoom if view else None)
    return render_document("map.html.j2", map=map_parts(assemble_map(selection, options=options)))


def legend_entries(selection: Selection) -> list[tuple[str, str]]:
    """(organisation, colour) for every colour the map's labels carry: the slide's legend."""
    return list(plan(selection, MapOptions()).legend.organisations)
