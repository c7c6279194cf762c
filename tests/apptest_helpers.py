"""Helpers for AppTest: run a page, read the map component's arguments and the record count."""

from __future__ import annotations

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60
MAP_COMPONENT = "streamlit_folium.st_folium"


def run_page(path: str = "dashboard.py", query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / path), default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def _elements(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _elements(child)


def maps(at: AppTest) -> list[dict]:
    """The arguments streamlit-folium sent for each map: script, feature groups, asset links."""
    found = [el for el in _elements(at.main) if getattr(getattr(el, "proto", None), "component_name", "")
             == MAP_COMPONENT]
    return [json.loads(el.proto.json_args) for el in found]


def map_args(at: AppTest) -> dict:
    found = maps(at)
    assert found, "no map on the page"
    return found[0]


def record_count(at: AppTest) -> int:
    return int(at.sidebar.metric[0].value.split(" of ")[0].replace(",", ""))


def plain(markdown: str) -> str:
    """What a reader sees of Markdown whose text was escaped: the backslashes and the invisible
    word joiners removed."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")
