"""Every export, declared once: its label, file suffix, MIME type and how it is built.

The app's export panel loops over :data:`EXPORTS`; adding an export is one entry here (and
its module). Each ``build`` takes the selection and the briefing text and returns bytes.

>>> [export.label for export in EXPORTS][-4:]
['Briefing PNG', 'Slide (PowerPoint)', 'Playback GIF', 'Playback MP4']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from border_atlas.exports.csv_export import records_csv
from border_atlas.exports.geojson_export import records_geojson
from border_atlas.exports.html_export import briefing_html_file, comparison_holdings, comparison_html_file, holdings
from border_atlas.exports.kml_export import places_kml_bytes
from border_atlas.exports.playback_export import NO_WINDOW, playback_gif, playback_mp4
from border_atlas.exports.png_export import briefing_png, slide_map_png, slide_render
from border_atlas.exports.pptx_export import LegendItem, briefing_pptx, map_box
from border_atlas.filters.caption import count_text, describe
from border_atlas.filters.link import BriefingText
from border_atlas.filters.selection import Selection
from border_atlas.runtime.chromium import INSTALL_HINT, chromium_path
from border_atlas.views.briefing import DEFAULT_TITLE, off_map_text, record_citations, source_notes
from border_atlas.views.comparison import ComparisonUnavailable, era_pair


def _comparison_unavailable(selection: Selection) -> str | None:
    try:
        era_pair(selection.dataset)
    except ComparisonUnavailable as reason:
        return str(reason)
    return None


def _png_unavailable(_selection: Selection) -> str | None:
    return INSTALL_HINT if chromium_path() is None else None


def _playback_unavailable(selection: Selection) -> str | None:
    return _png_unavailable(selection) or (NO_WINDOW if selection.state.window is None else None)


def slide_texts(selection: Selection, text: BriefingText) -> dict[str, str]:
    """The slide's texts beside its title: banner, subtitle, the count and filters in words, the off-map note."""
    return {"banner": text.banner.strip(), "subtitle": text.subtitle.strip(),
            "count_text": count_text(selection), "filters_text": describe(selection.state, selection.dataset),
            "note": off_map_text(selection)}


def _slide(selection: Selection, text: BriefingText) -> bytes:
    """The map is drawn for the box it will fill on the slide, so that its labels keep a readable size."""
    texts = slide_texts(selection, text)
    box = map_box(**texts)
    picture, rows = slide_map_png(selection, slide_render(box.width, box.height), basemap=text.basemap)
    return briefing_pptx(
        map_png=picture, title=text.title.strip() or DEFAULT_TITLE, **texts,
        legend=[LegendItem(row.label, row.symbol) for row in rows], source_notes=source_notes(selection),
        citations=record_citations(selection), made_on=text.made_on)


@dataclass(frozen=True)
class Export:
    """One kind of file the user can take away.

    :param eager_limit: up to this many records the file is cheap enough to make on every
        run, so that one click downloads it; above it (and always when 0) the user asks for it
        first and it is made then.
    :param browser: made by rendering in headless Chromium (seconds, and only where it is installed).
    :param progress: ``build`` takes a third argument, called with (done, total) as it goes.
    :param contents: what the file holds, in words (the standalone HTML files: a large selection's map
        shows places and counts, not the records); ``build`` may refuse with
        :class:`~border_atlas.exports.html_export.ExportTooLarge`.
    """

    key: str
    label: str
    suffix: str
    mime: str
    build: Callable[[Selection, BriefingText], bytes]
    help: str
    eager_limit: int = 0
    unavailable: Callable[[Selection], str | None] = lambda _selection: None
    browser: bool = False
    progress: bool = False
    contents: Callable[[Selection], str] | None = None

    def file_name(self, text: BriefingText) -> str:
        return file_stem(text) + self.suffix


EXPORTS: tuple[Export, ...] = (
    Export("csv", "CSV", ".csv", "text/csv", lambda s, _t: records_csv(s),
           "The records with citation and grade; safe to open in a spreadsheet (formulas neutralised).",
           eager_limit=20_000),
    Export("geojson", "GeoJSON", ".geojson", "application/geo+json", lambda s, _t: records_geojson(s).encode("utf-8"),
           "RFC 7946, one feature per record.", eager_limit=20_000),
    Export("kml", "KML", ".kml", "application/vnd.google-earth.kml+xml", lambda s, _t: places_kml_bytes(s),
           "For Google Earth.", eager_limit=300),
    Export("html", "Briefing HTML", ".html", "text/html", briefing_html_file,
           "The briefing as one self-contained file; opens offline.", contents=holdings),
    Export("comparison", "Before/after HTML", "-before-after.html", "text/html", comparison_html_file,
           "The era comparison as one self-contained file.", unavailable=_comparison_unavailable,
           contents=comparison_holdings),
    Export("png", "Briefing PNG", ".png", "image/png", briefing_png,
           "1920×1080 at 2× pixel density (3840×2160), for a slide.", unavailable=_png_unavailable, browser=True),
    Export("pptx", "Slide (PowerPoint)", ".pptx",
           "application/vnd.openxmlformats-officedocument.presentationml.presentation", _slide,
           "One 16:9 slide: the map, title, filters, legend and source notes; citations in the speaker notes.",
           unavailable=_png_unavailable, browser=True),
    Export("gif", "Playback GIF", "-playback.gif", "image/gif", playback_gif,
           "The briefing played window by window (1920×1080, 2 windows a second), with the date on the map.",
           unavailable=_playback_unavailable, browser=True, progress=True),
    Export("mp4", "Playback MP4", "-playback.mp4", "video/mp4", playback_mp4,
           "The briefing played window by window as an H.264 video (1920×1080, 2 windows a second).",
           unavailable=_playback_unavailable, browser=True, progress=True),
)


def file_stem(text: BriefingText) -> str:
    """A file name from the briefing's title and date: "office-39-at-the-border-2026-11-23".

    >>> from datetime import date
    >>> file_stem(BriefingText("Office 39 & the MSS: Hyesan", made_on=date(2026, 11, 23)))
    'office-39-the-mss-hyesan-2026-11-23'
    >>> file_stem(BriefingText(made_on=date(2026, 11, 23)))
    'border-atlas-2026-11-23'
    """
    ascii_title = unicodedata.normalize("NFKD", text.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].rstrip("-")
    return f"{slug or 'border-atlas'}-{text.made_on.isoformat()}"
