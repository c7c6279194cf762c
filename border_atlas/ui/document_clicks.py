"""Clicks inside a page's document (the era comparison) handed to the app.

``st.iframe`` shows a document but returns nothing. Beside it, this hidden component (a frame of the
same origin, border_atlas/ui/document_clicks_frontend/index.html) receives the click the document
passes on and returns it as its value: the page reruns and lists the records of the place clicked.
The value comes from the browser; the caller checks it before using it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

_FRONTEND = Path(__file__).with_name("document_clicks_frontend")
# Our own constant CSS (no user text): the receiver takes no room and leaves no gap between the elements.
_HIDDEN = """<style>
.st-key-{key} {{ position: absolute !important; width: 0 !important; height: 0 !important; overflow: hidden; }}
</style>"""


def document_click(*, key: str) -> object:
    """The last click a document on this page passed on (None before any); unchecked, from the browser."""
    receiver = components.declare_component("document_clicks", path=str(_FRONTEND))
    with st.container(key=f"{key}-receiver"):
        st.html(_HIDDEN.format(key=f"{key}-receiver"))
        return receiver(key=key, default=None)
