"""The app's pages, each with the least role that may use it, and the navigation built from them for the
signed-in member: a page their role may not use is left out of the page list. It stays reachable by its
address, where the page itself says why it is closed (:func:`border_atlas.ui.team.require`), so a saved
link never lands on "page not found".

A new page is one more :class:`AtlasPage` in :data:`PAGES`; the paths are those of the files in ``pages/``
(relative to ``dashboard.py``, the entry file) and the URL paths those the app always had.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from border_atlas.team.roles import ANALYST, READER, REVIEWER, rank
from border_atlas.ui.map_page import map_page
from border_atlas.ui.team import Member, member


@dataclass(frozen=True)
class AtlasPage:
    """One page: its file (or, for the map, a function), its title in the page list, its URL path ("" is "/"),
    and the least role that may use it."""

    source: str | Callable[[], None]
    title: str
    url_path: str
    minimum_role: str = READER


PAGES: tuple[AtlasPage, ...] = (
    AtlasPage(map_page, "Map", ""),
    AtlasPage("pages/1_Before_and_after.py", "Before and after", "Before_and_after"),
    AtlasPage("pages/2_Timeline.py", "Timeline", "Timeline"),
    AtlasPage("pages/3_Organisations.py", "Organisations", "Organisations"),
    AtlasPage("pages/4_Sources.py", "Sources", "Sources"),
    AtlasPage("pages/5_Add_a_report.py", "Add a report", "Add_a_report", ANALYST),
    AtlasPage("pages/6_Review.py", "Review", "Review", REVIEWER),
    AtlasPage("pages/7_History.py", "History", "History"),
)


def may_open(page: AtlasPage, role: str) -> bool:
    return rank(role) >= rank(page.minimum_role)


def listed_titles(role: str) -> list[str]:
    """The titles in the page list of a member with ``role``."""
    return [page.title for page in PAGES if may_open(page, role)]


def _st_page(page: AtlasPage, role: str) -> st.Page:
    return st.Page(page.source, title=page.title, url_path=page.url_path or None, default=page.url_path == "",
                   visibility="visible" if may_open(page, role) else "hidden")


def run_navigation(who: Member | None = None) -> None:
    """Build the page list for the signed-in member (signing them in first) and run the page asked for."""
    who = who or member()  # stops here, saying why, for a request with no identity in a team's sign-in
    st.navigation([_st_page(page, who.role) for page in PAGES]).run()
