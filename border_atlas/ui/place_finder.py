"""Find a place by name: the offline gazetteer first, an online geocoder only if the user asks."""

from __future__ import annotations

import streamlit as st

from border_atlas.dataset import Dataset
from border_atlas.gazetteer import Gazetteer
from border_atlas.online_geocoder import make_online_geocoder

USER_AGENT = "border-atlas/0.1 (offline OSINT map; online look-ups only on request)"


@st.cache_resource
def _gazetteer(places_key: int, _dataset: Dataset) -> Gazetteer:
    return Gazetteer(_dataset.places)


@st.cache_resource
def _online():
    # One rate-limited, cached client per server: Nominatim allows one request a second.
    return make_online_geocoder(user_agent=USER_AGENT)


def _filter_to(place_id: str) -> None:
    st.session_state["f_places"] = [place_id]


def place_finder(dataset: Dataset) -> None:
    sb = st.sidebar
    sb.subheader("Find a place")
    query = sb.text_input("Name, spelling or hangul", key="finder_query", placeholder="Hyetan, Ryonbong, 혜산…")
    online = sb.checkbox("Also ask OpenStreetMap if not found", key="finder_online",
                         help="Sends your query to an outside service (Nominatim), which then knows what you "
                              "are looking for. Off by default.")
    if not query.strip():
        return
    found = _gazetteer(id(dataset), dataset).geocode(query)
    if found is not None:
        raw = found.raw
        how = "exact name" if raw["match"] == "exact" else f"{raw['match']} match, score {raw['score']:.0f}"
        approx = "" if raw["precision"] == "point" else " (approximate position)"
        sb.success(f"{raw['name']} — {raw['kind']}, {how}{approx}")
        sb.button("Show only this place", on_click=_filter_to, args=(raw["id"],), key="finder_apply")
        return
    if not online:
        sb.warning(f"No place in the dataset matches {query.strip()!r}.")
        return
    try:
        location = _online()(query)
    except Exception as exc:  # noqa: BLE001 - any failure of the outside service is reported, never raised
        sb.error(f"The online geocoder did not answer: {exc}")
        return
    if location is None:
        sb.warning(f"Neither the dataset nor OpenStreetMap knows {query.strip()!r}.")
    else:
        sb.info(f"Not in the dataset. OpenStreetMap: {location.address} "
                f"({location.latitude:.4f}, {location.longitude:.4f}). Add it to places.csv with its source "
                "to use it.")
