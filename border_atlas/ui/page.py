"""What every page starts with: configuration, the dataset, the sidebar filters, a title and help."""

from __future__ import annotations

import streamlit as st

from border_atlas.caption import count_label, describe
from border_atlas.dataset import Dataset
from border_atlas.escaping import markdown
from border_atlas.selection import Selection, select
from border_atlas.state import FilterState
from border_atlas.ui.data import get_dataset, show_problems
from border_atlas.ui.sidebar import URL_NOTES_KEY, filter_sidebar


def open_page(*, page: str, tab_title: str,
              show_view_options: bool = False) -> tuple[Dataset, FilterState, Selection]:
    """Configure the page, load the dataset, draw the sidebar filters and select the records."""
    st.set_page_config(page_title=tab_title, page_icon="🗺️", layout="wide")
    dataset = get_dataset()
    state = filter_sidebar(dataset, page=page, show_view_options=show_view_options)
    return dataset, state, select(dataset, state)


def show_notices(dataset: Dataset) -> None:
    """What the user must know before reading the page: ignored link parameters, data problems."""
    for note in st.session_state.get(URL_NOTES_KEY, []):
        st.info(markdown("Link: {note}", note=note), icon=":material/link_off:")
    show_problems(dataset)


def page_header(selection: Selection, *, title: str, help_text: str, show_count: bool = True) -> None:
    """Title, a short help text, notices, and the matching records in words."""
    st.title(title)
    st.caption(help_text)
    show_notices(selection.dataset)
    if show_count:
        st.markdown(markdown("**{count}** · {caption}", count=count_label(selection.count),
                             caption=describe(selection.state, selection.dataset)))


def start_page(*, page: str, title: str, help_text: str, show_count: bool = True,
               ) -> tuple[Dataset, FilterState, Selection]:
    """:func:`open_page` then :func:`page_header`, for the pages that always show their header."""
    dataset, state, selection = open_page(page=page, tab_title=f"{title} — Border Atlas")
    page_header(selection, title=title, help_text=help_text, show_count=show_count)
    return dataset, state, selection
