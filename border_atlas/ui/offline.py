"""Serve the map's scripts and stylesheets from the app's own server.

A Streamlit component whose folder is the installed xstatic packages is declared but never
rendered: Streamlit then serves that folder under ``component/<name>/`` with correct MIME
types, and the map's iframe loads Leaflet from there instead of a CDN.
"""

from __future__ import annotations

import streamlit.components.v1 as components

from border_atlas.offline_assets import ASSET_ROOT, COMPONENT_NAME


def serve_offline_assets() -> None:
    """Register the asset folder (cheap and idempotent; call on every run)."""
    component = components.declare_component("assets", path=str(ASSET_ROOT))
    if component.name != COMPONENT_NAME:  # the URLs in offline_assets depend on it
        raise RuntimeError(f"asset component is {component.name!r}, expected {COMPONENT_NAME!r}")
