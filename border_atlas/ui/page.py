"""What every page starts with: configuration, the dataset, the sidebar, the selection, notices."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from border_atlas.filters.caption import count_text, describe
from border_atlas.filters.link import Link
from border_atlas.filters.selection import Selection, select
from border_atlas.loading.dataset import Dataset
from border_atlas.text.escaping import markdown
from border_atlas.ui.basemaps import show_basemap_problems
from border_atlas.ui.data import get_dataset, show_problems
from border_atlas.ui.sidebar import filter_sidebar, show_match_count, url_notes
from border_atlas.ui.team import member, show_member


@dataclass(frozen=True)
class Page:
    """What a page works with: the dataset, the link (filters, view, briefing text), the selection."""

    dataset: Dataset
    link: Link
    selection: Selection


def open_page(*, page: str, tab_title: str, show_view_options: bool = False) -> Page:
    """Configure the page, load the dataset, draw the sidebar and select the records (once)."""
    st.set_page_config(page_title=tab_title, page_icon="🗺️", layout="wide")
    show_member(member())  # stops here for a request with no identity in a team's sign-in
    dataset = get_dataset()
    link = filter_sidebar(dataset, page=page, show_view_options=show_view_options)
    selection = select(dataset, link.selected)
    show_match_count(selection.count, len(dataset.assignments))
    return Page(dataset, link, selection)


def show_notices(dataset: Dataset) -> None:
    """What the user must know before reading the page: ignored link parameters, data problems."""
    for note in url_notes():
        st.info(markdown("Link: {note}", note=note), icon=":material/link_off:")
    show_problems(dataset)
    show_basemap_problems()


def page_header(selection: Selection, *, title: str, help_text: str, show_count: bool = True) -> None:
    """Title, a short help text, notices, and the matching records in words."""
    st.title(title)
    st.caption(help_text)
    show_notices(selection.dataset)
    if show_count:
        st.markdown(markdown("**{count}** · {caption}", count=count_text(selection),
                             caption=describe(selection.state, selection.dataset)))


def start_page(*, page: str, title: str, help_text: str, show_count: bool = True) -> Page:
    """:func:`open_page` then :func:`page_header`, for the pages that always show their header."""
    opened = open_page(page=page, tab_title=f"{title} — Border Atlas")
    page_header(opened.selection, title=title, help_text=help_text, show_count=show_count)
    return opened
