"""The sidebar shared by every page: widgets <-> Link (filters, view, briefing text) <-> URL.

The Link is kept in session state under one key, so that it survives moving between pages
(Streamlit drops a widget's state when a page without it runs), and it is written to the URL
on every run so that any view can be bookmarked or sent on. Other modules change it only
through :func:`change_filters` and :func:`change_view`.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from border_atlas.filters import FILTERS, FilterState
from border_atlas.filters.facets import facet_counts
from border_atlas.filters.link import BriefingText, Link
from border_atlas.loading.dataset import Dataset
from border_atlas.ui import widgets
from border_atlas.ui.basemaps import basemap_picker, served_catalog

LINK_KEY = "border_atlas_link"
PAGE_KEY = "border_atlas_page"
RESEED_KEY = "border_atlas_reseed"
_VIEW_WIDGETS = {"landmarks": "view_landmarks", "online_basemap": "view_online", "briefing": "view_briefing"}
BASEMAP_WIDGET = "view_basemap"
_TEXT_WIDGETS = {"title": "briefing_title", "subtitle": "briefing_subtitle", "banner": "briefing_banner"}


def current_link(dataset: Dataset) -> Link:
    """The link for this session: from the URL on first load, then from session state."""
    if LINK_KEY not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        known = {b.id for b in served_catalog().basemaps}
        st.session_state[LINK_KEY] = Link.from_query_params(params, dataset, basemaps=known)
    return st.session_state[LINK_KEY]


def url_notes() -> tuple[str, ...]:
    link = st.session_state.get(LINK_KEY)
    return link.notes if link else ()


def _store(link: Link) -> Link:
    # The exports draw on the basemaps the view shows.
    link = link.with_(briefing=replace(link.briefing, basemap=link.view.basemap,
                                       basemap_right=link.view.basemap_right))
    st.session_state[LINK_KEY] = link
    st.query_params.from_dict(link.to_query_params())
    return link


def change_filters(**changes) -> None:
    """Change filters from outside the sidebar (a callback); the widgets follow on the next run."""
    link = st.session_state[LINK_KEY]
    _store(link.with_(filters=link.filters.with_(**changes)))
    st.session_state[RESEED_KEY] = True


def change_view(**changes) -> None:
    """Change view options from outside the sidebar (a callback), e.g. leaving the briefing view."""
    link = st.session_state[LINK_KEY]
    _store(link.with_(view=replace(link.view, **changes)))
    st.session_state[RESEED_KEY] = True


def _seed_all(link: Link, *, force: bool) -> None:
    for spec in FILTERS:
        widgets.seed(spec, getattr(link.filters, spec.field), force=force)
    for name, key in _VIEW_WIDGETS.items():
        if force or key not in st.session_state:
            st.session_state[key] = getattr(link.view, name)
    for name, key in _TEXT_WIDGETS.items():
        if force or key not in st.session_state:
            st.session_state[key] = getattr(link.briefing, name)
    if force or BASEMAP_WIDGET not in st.session_state:
        st.session_state[BASEMAP_WIDGET] = link.view.basemap


def _pending(current: FilterState) -> FilterState:
    """The filters the widgets hold before they are drawn (a changed widget's value is in session
    state already), so that the counts beside their options follow this run's choice."""
    values = {}
    for spec in FILTERS:
        seeded = all(key in st.session_state for key in widgets.keys(spec))
        values[spec.field] = widgets.read(spec)[0] if seeded else getattr(current, spec.field)
    return FilterState(**values)


def _filters(dataset: Dataset, sidebar, current: FilterState) -> FilterState:
    values, counts = {}, facet_counts(dataset, _pending(current))
    style = [widgets.FACET_STYLE]
    for spec in FILTERS:
        options = widgets.draw(spec, dataset, sidebar, getattr(current, spec.field), counts.get(spec.field))
        style.append(widgets.zero_option_style(spec, options, counts.get(spec.field)))
        values[spec.field], problem = widgets.read(spec)
        if problem:
            sidebar.error(problem)
    sidebar.html(f"<style>{' '.join(filter(None, style))}</style>")  # only a <style>: it takes no room
    return FilterState(**values)


def _view_and_text(sidebar) -> tuple[dict, BriefingText]:
    sidebar.subheader("Map")
    sidebar.checkbox("Show landmarks (places with no record)", key=_VIEW_WIDGETS["landmarks"])
    if served_catalog().basemaps:
        basemap_picker(sidebar, "Basemap", key=BASEMAP_WIDGET,
                       help_text="Your own basemaps (settings file), served by this app; also in the map's layer "
                                 "control. The briefing, its PNG and the slide use the one chosen here.")
    sidebar.toggle("Online basemap (OpenStreetMap, satellite)", key=_VIEW_WIDGETS["online_basemap"],
                   help="Off by default: tiles are fetched from outside servers, which then see the area you view.")
    sidebar.subheader("Briefing")
    sidebar.toggle("Briefing view", key=_VIEW_WIDGETS["briefing"],
                   help="A clean page for slides and print: the map, the filters in words and the source notes.")
    sidebar.text_input("Title", key=_TEXT_WIDGETS["title"], max_chars=200, placeholder="Who controls smuggling on …")
    sidebar.text_input("Subtitle", key=_TEXT_WIDGETS["subtitle"], max_chars=200)
    sidebar.text_input("Handling banner", key=_TEXT_WIDGETS["banner"], max_chars=200,
                       help="Printed at the top and bottom of the briefing, e.g. a classification. Empty: none.")
    view = {name: bool(st.session_state[key]) for name, key in _VIEW_WIDGETS.items()}
    view["basemap"] = st.session_state.get(BASEMAP_WIDGET, "") if served_catalog().basemaps else ""
    return view, BriefingText(**{name: st.session_state[key] for name, key in _TEXT_WIDGETS.items()})


def filter_sidebar(dataset: Dataset, *, page: str, show_view_options: bool = True) -> Link:
    """Draw the filters (and, on the map page, the view and briefing options); return the link.

    ``page`` names the calling page: on arriving from another page the widgets are set again
    from the stored link, since Streamlit treats them as new widgets there.
    """
    link = current_link(dataset)
    arrived = st.session_state.get(PAGE_KEY) != page or st.session_state.pop(RESEED_KEY, False)
    st.session_state[PAGE_KEY] = page
    _seed_all(link, force=arrived)
    sidebar = st.sidebar
    sidebar.header("Filters")
    new = link.with_(filters=_filters(dataset, sidebar, link.filters))
    if new.filters != link.filters:  # a link's map view holds until the filters change
        new = new.with_(view=replace(new.view, centre=None, zoom=None))
    if show_view_options:
        view, text = _view_and_text(sidebar)
        new = new.with_(view=replace(new.view, **view), briefing=text)
    return _store(new)


def show_match_count(count: int, total: int) -> None:
    st.sidebar.metric("Matching records", f"{count:,} of {total:,}")
