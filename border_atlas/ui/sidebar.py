"""The filter sidebar shared by every page: widgets <-> FilterState <-> URL.

The FilterState is kept in session state under a plain key, so that it survives moving
between pages (Streamlit drops a widget's state when a page without it runs), and it is
written to the URL on every run so that any view can be bookmarked or sent on.
"""

from __future__ import annotations

import streamlit as st

from border_atlas.caption import era_label
from border_atlas.dataset import Dataset
from border_atlas.escaping import escape_markdown
from border_atlas.filters import parse_grade
from border_atlas.schema import ORG_TYPES, ROLES
from border_atlas.selection import filter_assignments
from border_atlas.state import FilterState

STATE_KEY = "border_atlas_state"
URL_NOTES_KEY = "border_atlas_url_notes"
ALL_ERAS = "all"
_RELIABILITY = list("ABCDEF")
_CREDIBILITY = [1, 2, 3, 4, 5, 6]


def known_values(dataset: Dataset) -> dict[str, set[str]]:
    return {
        "orgs": set(dataset.organisations["id"]),
        "places": set(dataset.places["id"]),
        "era": set(dataset.eras["id"]),
        "roles": set(ROLES),
    }


def current_state(dataset: Dataset) -> FilterState:
    """The state for this session: from the URL on first load, then from session state."""
    if STATE_KEY not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        state, notes = FilterState.from_query_params(params, known=known_values(dataset))
        st.session_state[STATE_KEY] = state
        st.session_state[URL_NOTES_KEY] = notes
    return st.session_state[STATE_KEY]


def store_state(state: FilterState) -> None:
    st.session_state[STATE_KEY] = state
    st.query_params.from_dict(state.to_query_params())


def _seed(key: str, value, *, force: bool) -> None:
    # Widgets take their value from session state only; seeding it here (not passing
    # value=) avoids Streamlit's "set via session state and default" warning.
    if force or key not in st.session_state:
        st.session_state[key] = value


def _org_options(dataset: Dataset) -> list[str]:
    orgs = dataset.organisations.copy()
    orgs["order"] = orgs["type"].map({t: i for i, t in enumerate(ORG_TYPES)})
    return list(orgs.sort_values(["order", "name"])["id"])


def _place_options(dataset: Dataset) -> tuple[list[str], dict[str, str]]:
    """Places in tree order (province, its cities, their neighbourhoods), with indented labels."""
    places = dataset.places
    children: dict = {}
    for ident, parent in zip(places["id"], places["parent_id"]):
        children.setdefault(parent if isinstance(parent, str) else None, []).append(ident)
    names = dict(zip(places["id"], places["name"]))
    order, labels = [], {}

    def walk(parent, depth):
        for ident in sorted(children.get(parent, []), key=names.get):
            order.append(ident)
            labels[ident] = ("  " * depth + ("└ " if depth else "")) + names[ident]
            walk(ident, depth + 1)

    walk(None, 0)
    return order, labels


def filter_sidebar(dataset: Dataset, *, page: str, show_view_options: bool = True) -> FilterState:
    """Draw the filters in the sidebar and return the state they describe.

    ``page`` names the calling page: on arriving from another page the widgets are set
    again from the stored state, since Streamlit treats them as new widgets there.
    """
    state = current_state(dataset)
    arrived = st.session_state.get("border_atlas_page") != page
    st.session_state["border_atlas_page"] = page
    orgs = dataset.organisations.set_index("id")
    reliability, credibility = parse_grade(state.min_grade) if state.min_grade else ("F", 6)
    for key, value in {
        "f_orgs": list(state.orgs), "f_exact": state.exact_orgs, "f_places": list(state.places),
        "f_era": state.era or ALL_ERAS, "f_from": state.date_from, "f_to": state.date_to,
        "f_roles": list(state.roles), "f_reliability": reliability, "f_credibility": credibility,
        "f_online": state.online_basemap, "f_landmarks": state.landmarks, "f_briefing": state.briefing,
        "f_title": state.title, "f_subtitle": state.subtitle, "f_banner": state.banner,
    }.items():
        _seed(key, value, force=arrived)

    sb = st.sidebar
    sb.header("Filters")
    sb.multiselect(
        "Organisation",
        _org_options(dataset),
        key="f_orgs",
        format_func=lambda i: f"{orgs.loc[i, 'name']} — {orgs.loc[i, 'type']}",
        help="Grouped by type. Choosing an umbrella (Office 39, the MSS) includes its members; "
        "a record matches when the organisation acts, is the partner, or gave the order.",
        placeholder="All organisations",
    )
    sb.checkbox("Only the organisations chosen (not their members)", key="f_exact")
    place_order, place_labels = _place_options(dataset)
    sb.multiselect("Place", place_order, key="f_places", format_func=lambda i: place_labels.get(i, i),
                   help="Choosing a place includes the places inside it (Hyesan brings its neighbourhoods).",
                   placeholder="All places")
    era_ids = [ALL_ERAS, *dataset.eras["id"]]
    sb.radio("Era", era_ids, key="f_era",
             format_func=lambda e: "All" if e == ALL_ERAS else escape_markdown(era_label(dataset, e)),
             help="Eras are read from data/eras.csv.")
    left, right = sb.columns(2)
    left.date_input("From", key="f_from", format="YYYY-MM-DD")
    right.date_input("To", key="f_to", format="YYYY-MM-DD")
    sb.multiselect("Role", list(ROLES), key="f_roles", placeholder="All roles")
    left, right = sb.columns(2)
    left.selectbox("Reliability at least", _RELIABILITY, key="f_reliability",
                   help="Admiralty code: A (reliable) to F (cannot be judged).")
    right.selectbox("Credibility at least", _CREDIBILITY, key="f_credibility",
                    help="Admiralty code: 1 (confirmed) to 6 (cannot be judged).")

    date_from, date_to = st.session_state["f_from"], st.session_state["f_to"]
    if date_from and date_to and date_from > date_to:
        sb.error("The date range ends before it starts; dates are not applied.")
        date_from = date_to = None
    grade = f"{st.session_state['f_reliability']}{st.session_state['f_credibility']}"
    new = state.with_(
        orgs=tuple(st.session_state["f_orgs"]),
        exact_orgs=bool(st.session_state["f_exact"]),
        places=tuple(st.session_state["f_places"]),
        era=None if st.session_state["f_era"] == ALL_ERAS else st.session_state["f_era"],
        date_from=date_from,
        date_to=date_to,
        roles=tuple(st.session_state["f_roles"]),
        min_grade=None if grade == "F6" else grade,
    )
    if show_view_options:
        sb.subheader("Map")
        sb.checkbox("Show landmarks (places with no record)", key="f_landmarks")
        sb.toggle("Online basemap (OpenStreetMap, satellite)", key="f_online",
                  help="Off by default: tiles are fetched from outside servers, which then see the area you view.")
        new = new.with_(online_basemap=bool(st.session_state["f_online"]),
                        landmarks=bool(st.session_state["f_landmarks"]))
        sb.subheader("Briefing")
        sb.toggle("Briefing view", key="f_briefing",
                  help="A clean page for slides and print: the map, the filters in words and the source notes.")
        sb.text_input("Title", key="f_title", max_chars=200, placeholder="Who controls smuggling on the …")
        sb.text_input("Subtitle", key="f_subtitle", max_chars=200)
        sb.text_input("Handling banner", key="f_banner", max_chars=200,
                      help="Printed at the top and bottom of the briefing, e.g. a classification. Empty: none.")
        new = new.with_(briefing=bool(st.session_state["f_briefing"]), title=st.session_state["f_title"],
                        subtitle=st.session_state["f_subtitle"], banner=st.session_state["f_banner"])
    matching = len(filter_assignments(dataset, new))
    sb.metric("Matching records", f"{matching} of {len(dataset.assignments)}")
    store_state(new)
    return new
