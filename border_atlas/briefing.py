"""The briefing page: banner, title, the filters in words, the map, numbered source notes, date.

One HTML document, laid out to fill a 16:9 slide (1920×1080) and to print on landscape A4.
The app shows it as the briefing view; the HTML and PNG exports are this same page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from branca.element import Element

from border_atlas.caption import count_label, describe
from border_atlas.escaping import esc
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


CSS = """
html, body { margin: 0; height: 100%; }
body { display: grid; grid-template-columns: 1fr 360px; font-family: system-ui, -apple-system, "Segoe UI",
  Roboto, "Noto Sans", "Noto Sans CJK KR", sans-serif; color: #1b1f24; background: #fff;
  grid-template-rows: auto auto 1fr auto auto;
  grid-template-areas: "bannertop bannertop" "head head" "map notes" "foot foot" "bannerbottom bannerbottom"; }
.ba-banner { text-align: center; font: 700 15px/26px system-ui, sans-serif; letter-spacing: .08em;
  background: #1b5e20; color: #fff; text-transform: uppercase; }
.ba-banner.top { grid-area: bannertop; } .ba-banner.bottom { grid-area: bannerbottom; }
.ba-head { grid-area: head; padding: 14px 24px 10px; border-bottom: 3px solid #1f4e79; }
.ba-head h1 { margin: 0; font-size: 30px; line-height: 36px; }
.ba-head .sub { font-size: 18px; color: #37474f; margin-top: 2px; }
.ba-head .filters { font-size: 14px; color: #444; margin-top: 6px; }
.folium-map { grid-area: map; position: relative !important; width: 100% !important; height: 100% !important;
  min-height: 300px; }
.ba-notes { grid-area: notes; padding: 14px 18px; font-size: 13px; line-height: 1.4; border-left: 1px solid #ddd;
  overflow: hidden; background: #fafbfc; }
.ba-notes h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: #555; margin: 0 0 6px; }
.ba-notes ol { margin: 0 0 12px; padding-left: 20px; } .ba-notes li { margin-bottom: 6px; }
.ba-notes p { margin: 0 0 8px; color: #333; }
.ba-foot { grid-area: foot; display: flex; justify-content: space-between; padding: 6px 24px; font-size: 12px;
  color: #555; border-top: 1px solid #ddd; }
@page { size: A4 landscape; margin: 0; }
@media print { body { width: 297mm; height: 210mm; } .ba-notes { font-size: 11px; }
  .leaflet-control-zoom { display: none; } }
"""


def briefing_document(selection: Selection, text: BriefingText, *, assets: str = "inline") -> str:
    """The briefing as a complete HTML page (``assets="inline"``: it needs nothing else)."""
    m = build_map(selection, options=MapOptions(assets=assets, layer_control=False))
    figure = m.get_root()
    figure.header.add_child(Element(f"<style>{CSS}</style>"), name="ba_briefing_css")
    title = text.title.strip() or DEFAULT_TITLE
    banner = text.banner.strip()
    top = f'<div class="ba-banner top">{esc(banner)}</div>' if banner else ""
    head = (
        f'<header class="ba-head"><h1>{esc(title)}</h1>'
        + (f'<div class="sub">{esc(text.subtitle.strip())}</div>' if text.subtitle.strip() else "")
        + f'<div class="filters"><b>{count_label(selection.count)}</b> · '
        f"{esc(describe(selection.state, selection.dataset))}</div></header>"
    )
    figure.html.add_child(Element(top + head), name="ba_briefing_head", index=0)
    notes = "".join(f"<li>{esc(note)}</li>" for note in source_notes(selection))
    aside = (
        '<aside class="ba-notes"><h2>Sources</h2>'
        + (f"<ol>{notes}</ol>" if notes else "<p>No record matches these filters.</p>")
        + "<h2>Reading the map</h2>"
        "<p>Each place lists who was assigned there; ⇄ joins a unit to the company it was told to work with. "
        "Places marked ≈ have no published position and are drawn at their parent's point, inside a dashed "
        "uncertainty circle.</p>"
        "<p>Grades are Admiralty codes: source reliability A (reliable) to F, information credibility 1 "
        "(confirmed) to 6.</p></aside>"
    )
    foot = (
        f'<footer class="ba-foot"><span>Made on {text.made_on.isoformat()} with Border Atlas</span>'
        "<span>Border and rivers: GSHHG 2.3.6 (LGPL-3.0). Positions marked ≈ are approximate.</span></footer>"
    )
    bottom = f'<div class="ba-banner bottom">{esc(banner)}</div>' if banner else ""
    figure.html.add_child(Element(aside + foot + bottom), name="ba_briefing_tail")
    return figure.render()
