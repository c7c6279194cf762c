"""The briefing page: banner, title, the filters in words, the map, numbered source notes, date.

One HTML document, laid out to fill a 16:9 slide (1920×1080) and to print on landscape A4.
The app shows it as the briefing view; the HTML and PNG exports are this same page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from border_atlas.caption import count_label, describe
from border_atlas.documents import map_parts, render_document
from border_atlas.mapview import MapOptions, build_map
from border_atlas.selection import Selection

DEFAULT_TITLE = "Who controls smuggling on the Ryanggang border"


@dataclass(frozen=True)
class BriefingText:
    """What the user writes on the briefing: title, subtitle, handling banner (empty: none)."""

    title: str = ""
    subtitle: str = ""
    banner: str = ""
    made_on: date = field(default_factory=date.today)

    @classmethod
    def from_state(cls, state, *, made_on: date | None = None) -> BriefingText:
        return cls(state.title, state.subtitle, state.banner, made_on or date.today())


def source_notes(selection: Selection) -> list[str]:
    """Numbered notes, one per source: outlet, title, date, and the paragraphs the records cite."""
    cited: dict[str, list[int]] = {}
    for source_id, paragraphs in zip(selection.records["source_id"], selection.records["paragraphs"]):
        numbers = cited.setdefault(source_id, [])
        numbers.extend(int(p) for p in str(paragraphs).split(";") if int(p) not in numbers)
    notes = []
    for row in selection.sources.itertuples():
        where = f"; ¶ {', '.join(map(str, sorted(cited[row.id])))}" if row.id in cited else " (dates)"
        published = row.published if isinstance(row.published, str) else "undated"
        notes.append(f"{row.outlet}, “{row.title}”, {published}{where}")
    return notes


def briefing_document(selection: Selection, text: BriefingText, *, assets: str = "inline") -> str:
    """The briefing as a complete HTML page (``assets="inline"``: it needs nothing else)."""
    m = build_map(selection, options=MapOptions(assets=assets, layer_control=False))
    return render_document(
        "briefing.html.j2",
        served=assets != "inline",
        map=map_parts(m),
        title=text.title.strip() or DEFAULT_TITLE,
        subtitle=text.subtitle.strip(),
        banner=text.banner.strip(),
        count=count_label(selection.count),
        caption=describe(selection.state, selection.dataset),
        notes=source_notes(selection),
        made_on=text.made_on.isoformat(),
    )
