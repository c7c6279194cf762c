"""Find a place by name: the offline gazetteer first, an online geocoder only if the user asks."""

from __future__ import annotations

import streamlit as st

from border_atlas.loading.dataset import Dataset
from border_atlas.places.gazetteer import Gazetteer
from border_atlas.places.online_geocoder import make_online_geocoder
from border_atlas.text.escaping import markdown
from border_atlas.ui.sidebar import change_filters

USER_AGENT = "border-atlas/0.1 (offline OSINT map; online look-ups only on request)"


@st.cache_resource
def _gazetteer(places_key: int, _dataset: Dataset) -> Gazetteer:
    return Gazetteer(_dataset.places)


@st.cache_resource
def _online():
    # One rate-limited, cached client per server: Nominatim allows one request a second.
    return make_online_geocoder(user_agent=USER_AGENT)


_COUNTRIES = {"KP": "North Korea", "CN": "China"}


def _describe(raw: dict) -> str:
    """Name, kind, where it is (province, country, coordinate), how it matched and its source,
    so that a wrong answer shows itself: a Chosan in the wrong province is seen at once."""
    how = "exact name" if raw["match"] == "exact" else f"{raw['match']} match, score {raw['score']:.0f}"
    approx = {"point": "", "line": " (a point on its course)"}.get(raw["precision"], " (approximate position)")
    where = "" if raw["table"] == "places" else f"; {raw['source']}, not in the dataset"
    country = " and ".join(_COUNTRIES.get(code, code) for code in raw["country"].split(";"))
    region = ", ".join(part for part in (raw.get("province"), country) if part)
    return markdown("{name} — {kind}, {region}, {lat}, {lon}{approx}; {how}{where}", name=raw["name"],
                    kind=raw["kind"], region=region, lat=f"{raw['lat']:.4f}", lon=f"{raw['lon']:.4f}",
                    approx=approx, how=how, where=where)


def _offer_filter(sb, raw: dict, *, key: str) -> None:
    """"Show only this place" for a place of the table; a GeoNames place has no records to show."""
    if raw["table"] == "places" and raw["id"]:
        sb.button("Show only this place", on_click=change_filters, kwargs={"places": (raw["id"],)}, key=key)


def _show_candidates(sb, query: str, found: list) -> None:
    sb.info(markdown("No single place is the answer for “{query}”; it may be:", query=query.strip()))
    for number, location in enumerate(found):
        sb.caption(_describe(location.raw))
        _offer_filter(sb, location.raw, key=f"finder_apply_{number}")


def place_finder(dataset: Dataset) -> None:
    sb = st.sidebar
    sb.subheader("Find a place")
    query = sb.text_input("Name, spelling or hangul", key="finder_query", placeholder="Hyetan, Ryonbong, 혜산…")
    online = sb.checkbox("Also ask OpenStreetMap if not found", key="finder_online",
                         help="Sends your query to an outside service (Nominatim), which then knows what you "
                              "are looking for. Off by default.")
    if not query.strip():
        return
    gazetteer = _gazetteer(id(dataset), dataset)
    found = gazetteer.geocode(query)
    if found is not None:
        sb.success(_describe(found.raw))
        _offer_filter(sb, found.raw, key="finder_apply")
        return
    candidates = gazetteer.geocode(query, exactly_one=False, limit=6)
    if candidates:
        _show_candidates(sb, query, candidates)
        return
    if not online:
        sb.warning(markdown("No place in the dataset matches “{query}”.", query=query.strip()))
        return
    _ask_online(sb, query)


def _ask_online(sb, query: str) -> None:
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
