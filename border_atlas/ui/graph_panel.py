"""The organisations graph at the size its text can be read, with a key to its node shapes.

Streamlit shrinks a Graphviz drawing to the column, and this one is wider than a laptop's column:
its text came out at about 7 px (and unreadable on a phone). The drawing is shown at its own size
instead, zoomed so that one point of the drawing is one pixel (its font sizes, set in
:mod:`border_atlas.views.org_graph`, are then the sizes on screen), and scrolls sideways where the column
is narrower.
"""

from __future__ import annotations

import streamlit as st

from border_atlas.text.escaping import escape_markdown

# Our own constant CSS (no user text): a point of the drawing (4/3 px) as one pixel, scrolled inside its block.
NATURAL_SIZE = """<style>
[data-testid="stGraphVizChart"] { overflow-x: auto; }
[data-testid="stGraphVizChart"] > svg { max-width: none !important; width: auto; height: auto; zoom: 0.75; }
</style>"""


def show_graph(graph_dot: str, shapes_dot: str, caption: str | None = None) -> None:
    """The graph (DOT with every label quoted) under its caption (plain text: what it leaves out), then the
    key to its shapes."""
    st.html(NATURAL_SIZE)
    if caption:
        st.caption(escape_markdown(caption))
    st.graphviz_chart(graph_dot, width="stretch")
    st.caption("Node shapes")
    st.graphviz_chart(shapes_dot, width="stretch")
