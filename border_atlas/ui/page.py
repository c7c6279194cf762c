"""What every page starts with: configuration, the dataset, the sidebar filters, a title and help."""

from __future__ import annotations

import streamlit as st

from border_atlas.caption import count_label, describe
from border_atlas.dataset import Dataset
from border_atlas.selection import Selection, select
from border_atlas.state import FilterState
from border_atlas.ui.data import get_dataset, show_problems
from border_atlas.ui.sidebar import filter_sidebar


def start_page(*, page: str, title: str, help_text: str, tab_title: str | None = None,
               show_view_options: bool = False, show_count: bool = True) -> tuple[Dataset, FilterState, Selection]:
    st.set_page_config(page_title=tab_title or f"{title} — Border Atlas", page_icon="🗺️", layout="wide")
    dataset = get_dataset()
    state = filter_sidebar(dataset, page=page, show_view_options=show_view_options)
    selection = select(dataset, state)
    st.title(title)
    st.caption(help_text)
    show_problems(dataset)
    if show_count:
        st.markdown(f"**{count_label(selection.count)}** · {describe(state, dataset)}")
    return dataset, state, selection
