"""The standalone HTML exports (the briefing, the era comparison): what each holds, and how large it may be.

A large selection's map is the compact one: a point per place with its count, no record's text.
The file says so in its header (and the export panel before it is made), so that nobody takes
its map for the records; the records themselves are in the CSV export.

:data:`MAX_HTML_BYTES` is the largest file made. A file is refused above it, naming its size:
15 MB is 20 MB once an e-mail has encoded it in base64 (×4/3), under the attachment limits
mail servers commonly set (20–25 MB), and a file is kept in the session's memory until it is
downloaded. A map costs about 50 bytes per drawn place (90 for the comparison's two maps) beside
about 0.45 MB of Leaflet and the basemap, so 15 MB is over 150,000 places: more than any
selection the app was measured with (10,000 places at 1,000,000 records). What reaches it in
practice is an analyst's basemap tiles carried in the file, or a gazetteer-sized archive.
"""

from __future__ import annotations

from border_atlas.filters.link import BriefingText
from border_atlas.filters.selection import Selection
from border_atlas.mapview.compact import COMPACT, map_mode
from border_atlas.text.wording import count_label
from border_atlas.views.briefing import briefing_document
from border_atlas.views.comparison import comparison_document, era_selections, era_summary

MAX_HTML_BYTES = 15_000_000
COMPACT_READING = ("the map shows each place as a point sized by its records (point at or tap one for its name "
                   "and count), not the records' text; every record is in the CSV export")
DETAILED_READING = "click a place on the map for its records and their sources"


class ExportTooLarge(ValueError):
    """A file over the size a standalone file may be; the message names its size, for the user."""


def holdings(selection: Selection) -> str:
    """What a map of ``selection`` holds, in words: "100,000 records at 10,000 places; the map shows …"."""
    reading = COMPACT_READING if map_mode(selection) == COMPACT else DETAILED_READING
    return f"{count_label(selection.count)} at {count_label(len(selection.places), 'place')}; {reading}"


def comparison_holdings(selection: Selection) -> str:
    """What the comparison's two maps hold: each era's records and places, then how to read the maps."""
    eras = era_selections(selection)
    counts = "; ".join(f"{era_summary(era).title}: {count_label(era.count)} at {count_label(len(era.places), 'place')}"
                       for era in eras)
    compact = any(map_mode(era) == COMPACT for era in eras)
    reading = COMPACT_READING.replace("the map shows", "the maps show") if compact else DETAILED_READING
    return f"{counts}; {reading}"


def within_limit(document: str, *, label: str, limit: int = MAX_HTML_BYTES) -> bytes:
    """The document as UTF-8, or :class:`ExportTooLarge` naming its size when it is over ``limit`` bytes."""
    data = document.encode("utf-8")
    if len(data) > limit:
        raise ExportTooLarge(
            f"The {label} would be {len(data) / 1e6:,.1f} MB, over the {limit / 1e6:,.0f} MB a standalone file may "
            "be (it must open in a browser and fit in an e-mail). Narrow the filters (an era, a time window, "
            "organisations or places) and make it again; the CSV export holds every record.")
    return data


def briefing_html_file(selection: Selection, text: BriefingText, *, limit: int = MAX_HTML_BYTES) -> bytes:
    document = briefing_document(selection, text, assets="inline", contents=holdings(selection))
    return within_limit(document, label="briefing HTML", limit=limit)


def comparison_html_file(selection: Selection, text: BriefingText, *, limit: int = MAX_HTML_BYTES) -> bytes:
    document = comparison_document(selection, made_on=text.made_on, basemaps=(text.basemap, text.basemap_right),
                                   contents=comparison_holdings(selection))
    return within_limit(document, label="before/after HTML", limit=limit)
