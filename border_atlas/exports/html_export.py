"""The briefing as one self-contained HTML file: opens offline in any browser."""

from __future__ import annotations

from border_atlas.briefing import briefing_document
from border_atlas.link import BriefingText
from border_atlas.selection import Selection


def briefing_html_file(selection: Selection, text: BriefingText) -> bytes:
    return briefing_document(selection, text, assets="inline").encode("utf-8")
