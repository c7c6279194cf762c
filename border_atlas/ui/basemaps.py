"""The analyst's basemaps in the app: which ones the map can offer, the choice widget, the messages.

The map draws them from the app's tile route, which exists only when the app was started from
``app.py`` (``make run``); started from ``dashboard.py`` alone, the map offers the built-in basemap
and the page says how to get the others.
"""

from __future__ import annotations

import streamlit as st

from border_atlas.text.escaping import markdown
from border_atlas.tiles import routes
from border_atlas.tiles.catalog import BUILTIN_NAME, Catalog, current_catalog

NOT_SERVED = ("Your basemaps are listed in {path}, but this server was started without its tile route: start "
              "the app with `make run` (or `streamlit run app.py`) to draw them.")


def served_catalog() -> Catalog:
    """The configured basemaps the map can draw now (none when the tile route is not mounted)."""
    catalog = current_catalog()
    return catalog if routes.mounted() else Catalog(problems=catalog.problems)


def basemap_picker(container, label: str, *, key: str, help_text: str, on_change=None, kwargs=None) -> None:
    """A select box of the built-in basemap and the configured ones; its value is a basemap id ("": built-in)."""
    catalog = served_catalog()
    names = {"": BUILTIN_NAME, **{b.id: b.name for b in catalog.basemaps}}
    if st.session_state.get(key, "") not in names:  # a basemap removed from the settings meanwhile
        st.session_state[key] = ""
    container.selectbox(label, list(names), format_func=names.get, key=key, help=help_text, on_change=on_change,
                        kwargs=kwargs)


def show_basemap_problems() -> None:
    """One message per configured basemap that cannot be drawn (the map falls back to the built-in one)."""
    catalog = current_catalog()
    for problem in catalog.problems:
        st.warning(markdown("{problem}", problem=problem), icon=":material/map:")
    if catalog.basemaps and not routes.mounted():
        from border_atlas.tiles.settings import settings_path

        st.info(markdown(NOT_SERVED, path=str(settings_path())), icon=":material/map:")


def _chosen(key: str, field: str) -> None:
    from border_atlas.ui.sidebar import change_view  # the sidebar imports this module

    change_view(**{field: st.session_state[key]})


def show_basemap_pickers(view) -> None:
    """The Before and after page's two basemaps (e.g. imagery of two dates), left and right, when any is configured."""
    if not served_catalog().basemaps:
        return
    for column, (label, field) in zip(st.columns(2), (("Left map's basemap", "basemap"),
                                                      ("Right map's basemap", "basemap_right")), strict=True):
        key = f"compare_{field}"
        st.session_state.setdefault(key, getattr(view, field))
        basemap_picker(column, label, key=key, help_text="Your own basemaps; both maps move together.",
                       on_change=_chosen, kwargs={"key": key, "field": field})
