"""Serve the map's scripts and stylesheets from the app's own server.

A Streamlit component whose folder is the installed xstatic packages is declared but never
rendered: Streamlit then serves that folder under ``component/<name>/`` with correct MIME
types, and the map's iframe loads Leaflet from there instead of a CDN. A second one serves
the scripts made from the bundled data (the basemap's lines).
"""

from __future__ import annotations

import streamlit.components.v1 as components

from border_atlas.runtime.offline_assets import ASSET_ROOT, COMPONENT_NAME, GENERATED_COMPONENT, generated_root


def serve_offline_assets() -> None:
    """Register the asset folders (cheap and idempotent; call on every run)."""
    for name, folder, expected in (("assets", ASSET_ROOT, COMPONENT_NAME),
                                   ("generated", generated_root(), GENERATED_COMPONENT)):
        component = components.declare_component(name, path=str(folder))
        if component.name != expected:  # the URLs in offline_assets depend on it
            raise RuntimeError(f"asset component is {component.name!r}, expected {expected!r}")
