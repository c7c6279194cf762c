"""Find a place by name: the offline gazetteer first, an online geocoder only if the user asks."""

from __future__ import annotations

import streamlit as st

from border_atlas.dataset import Dataset
from border_atlas.escaping import markdown
from border_atlas.gazetteer import Gazetteer
from border_atlas.online_geocoder import make_online_geocoder
from border_atlas.ui.sidebar import change_filters

USER_AGENT = "border-atlas/0.1 (offline OSINT map; online look-ups only on request)"


@st.cache_resource
def _gazetteer(places_key: int, _dataset: Dataset) -> Gazetteer:
    return Gazetteer(_dataset.places)


@st.cache_resource
def _online():
    # One rate-limited, cached client per server: Nominatim allows one request a second.
    return make_online_geocoder(user_agent=USER_AGENT)


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
        sb.success(markdown("{name} — {kind}, {how}{approx}", name=raw["name"], kind=raw["kind"], how=how,
                            approx=approx))
        sb.button("Show only this place", on_click=change_filters, kwargs={"places": (raw["id"],)},
                  key="finder_apply")
        return
    if not online:
        sb.warning(markdown("No place in the dataset matches “{query}”.", query=query.strip()))
        return
    try:
        location = _online()(query)
    except Exception as exc:  # noqa: BLE001 - any failure of the outside service is reported, never raised
        sb.error(markdown("The online geocoder did not answer: {exc}", exc=exc))
        return
    if location is None:
        sb.warning(markdown("Neither the dataset nor OpenStreetMap knows “{query}”.", query=query.strip()))
    else:
        sb.info(markdown("Not in the dataset. OpenStreetMap: {address} ({lat}, {lon}). Add it to places.csv with "
                         "its source to use it.", address=location.address, lat=f"{location.latitude:.4f}",
                         lon=f"{location.longitude:.4f}"))
