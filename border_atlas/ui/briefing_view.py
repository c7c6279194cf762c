"""The briefing view: Streamlit's chrome hidden, the briefing page shown as it will be exported."""

from __future__ import annotations

import streamlit as st

from border_atlas.filters.link import BriefingText
from border_atlas.filters.selection import Selection
from border_atlas.ui.document_frame import show_document
from border_atlas.ui.offline import serve_offline_assets
from border_atlas.ui.page import show_notices
from border_atlas.ui.sidebar import change_view
from border_atlas.views.briefing import briefing_document

BRIEFING_HEIGHT = 1000
# Our own constant CSS (no user text): hide the sidebar, header, toolbar and page padding.
HIDE_CHROME = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container {
  padding: 0.4rem 0.6rem !important; max-width: none !important; }
</style>"""


def show_briefing(selection: Selection, text: BriefingText) -> None:
    serve_offline_assets()
    st.html(HIDE_CHROME)
    show_notices(selection.dataset)
    # Every text in the document is escaped by the package, so it is safe to embed as HTML.
    show_document(briefing_document(selection, text, assets="served-page"), height=BRIEFING_HEIGHT)
    st.button("Leave the briefing view", on_click=change_view, kwargs={"briefing": False})
