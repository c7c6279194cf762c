"""A page's document (the briefing, the era comparison) shown in a frame as tall as it needs.

Wide, the document fills a frame of the given height. Narrow (a phone), its parts stack and it
is taller than that: the document then sets its frame's height itself (templates/frame_fit.js),
and the rule below lets the block around the frame, which Streamlit fixes to the height given,
follow it, so that nothing scrolls inside the frame and nothing below it is covered.
"""

from __future__ import annotations

import streamlit as st

# Our own constant CSS (no user text). It matches only while the document has set its frame's height.
FOLLOW_FRAME = """<style>
[data-testid="stElementContainer"]:has(> iframe[data-testid="stIFrame"][style*="height"]) {
  flex: 0 0 auto !important; height: auto !important; }
</style>"""


def show_document(document: str, *, height: int) -> None:
    """Show ``document`` (escaped HTML from the package) in a frame ``height`` px tall when wide."""
    st.html(FOLLOW_FRAME)
    st.iframe(document, height=height)
