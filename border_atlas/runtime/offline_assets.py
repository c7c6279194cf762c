"""Where every script and stylesheet of the map comes from, and how the browser gets it.

Leaflet, jQuery and Leaflet.markercluster come from installed PyPI packages (xstatic-leaflet,
xstatic-jquery, xstatic-leaflet-markercluster); no third-party file is kept in this repository
and no CDN is named. The basemap's lines are a script made from the bundled GeoJSON when the
process first asks for it (:data:`BASEMAP_JS`), so that the app's browser loads them once as a
file instead of receiving them with the map on every filter change. Two ways to deliver them:

- ``served``: relative URLs into a Streamlit component whose folder is the packages'
  folder, for the map inside the app (the map's iframe lives under ``component/``);
- ``inline``: the files' text inside the page, for self-contained exports.
"""

from __future__ import annotations

import atexit
import base64
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import xstatic.pkg.jquery
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster

from border_atlas.places.basemap import load_basemap

# The Streamlit component that serves ASSET_ROOT; border_atlas.ui.offline declares it.
COMPONENT_NAME = "border_atlas.ui.offline.assets"
ASSET_ROOT = Path(xstatic.pkg.leaflet.BASE_DIR).parent.parent  # the xstatic/pkg folder
# The Streamlit component that serves the scripts made from our own data (generated_root()).
GENERATED_COMPONENT = "border_atlas.ui.offline.generated"


def basemap_script() -> str:
    """``window.BA_BASEMAP``: the shaded Chinese side, the border and the rivers, as Leaflet takes them ([lat, lon])."""
    basemap = load_basemap()

    def runs(lines: list) -> list:
        return [[[lat, lon] for lon, lat in run] for run in lines]

    data = {"china": basemap.china_polygon(), "border": runs(basemap.border), "rivers": runs(basemap.rivers)}
    return "window.BA_BASEMAP = " + json.dumps(data, separators=(",", ":")) + ";\n"


@cache
def generated_root() -> Path:
    """A private folder, made once per process, holding the scripts made from the bundled data."""
    folder = Path(tempfile.mkdtemp(prefix="border-atlas-scripts-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    (folder / "basemap.js").write_text(basemap_script(), encoding="utf-8")
    return folder


@dataclass(frozen=True)
class Asset:
    name: str
    kind: str  # "js" or "css"
    path: str  # relative to its component's folder
    component: str = COMPONENT_NAME

    @property
    def file(self) -> Path:
        return (generated_root() if self.component == GENERATED_COMPONENT else ASSET_ROOT) / self.path


LEAFLET_JS = Asset("leaflet", "js", f"{Path(xstatic.pkg.leaflet.BASE_DIR).parent.name}/data/leaflet.js")
LEAFLET_CSS = Asset("leaflet_css", "css", f"{Path(xstatic.pkg.leaflet.BASE_DIR).parent.name}/data/leaflet.css")
JQUERY_JS = Asset("jquery", "js", f"{Path(xstatic.pkg.jquery.BASE_DIR).parent.name}/data/jquery.min.js")
# folium's popups call jQuery's $, so it is needed even for a plain map.
SCRIPTS = (LEAFLET_JS, JQUERY_JS)
STYLESHEETS = (LEAFLET_CSS,)
# Only the compact map (many places, clustered) uses these; its layer asks for them itself.
_MARKERCLUSTER = f"{Path(xstatic.pkg.leaflet_markercluster.BASE_DIR).parent.name}/data"
MARKERCLUSTER_JS = Asset("leaflet_markercluster", "js", f"{_MARKERCLUSTER}/leaflet.markercluster.js")
MARKERCLUSTER_CSS = Asset("leaflet_markercluster_css", "css", f"{_MARKERCLUSTER}/MarkerCluster.css")
BASEMAP_JS = Asset("ba_basemap", "js", "basemap.js", component=GENERATED_COMPONENT)


# Relative URL prefixes: from streamlit-folium's iframe (…/component/streamlit_folium.st_folium/index.html),
# and from a page-level document such as an st.components.v1.html iframe (its base is the app's page).
FROM_COMPONENT = "../"
FROM_PAGE = "component/"


def served_url(asset: Asset, *, prefix: str = FROM_COMPONENT) -> str:
    """The asset's URL on the app's own server, relative to the document that loads it."""
    return f"{prefix}{asset.component}/{asset.path}"


@cache
def asset_text(asset: Asset) -> str:
    return asset.file.read_text(encoding="utf-8")


def _inline_images(css: str, folder: Path) -> str:
    """Replace ``url(images/x.png)`` with data: URIs (the layers icon of the layer control)."""

    def data_uri(match: re.Match) -> str:
        path = folder / match.group(1)
        if not path.is_file():
            return match.group(0)
        return f"url(data:image/png;base64,{base64.b64encode(path.read_bytes()).decode()})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)


def inline_head(*, scripts: tuple[Asset, ...] = SCRIPTS, stylesheets: tuple[Asset, ...] = STYLESHEETS) -> str:
    """<style> and <script> elements holding the assets (Leaflet's by default), for a page that must stand alone.

    Images the stylesheets point at become data: URIs, and ``</`` inside the scripts is
    broken up so that no script ends early.
    """
    parts = [f"<style>{_inline_images(asset_text(a), a.file.parent)}</style>" for a in stylesheets]
    parts += ["<script>" + asset_text(a).replace("</", "<\\/") + "</script>" for a in scripts]
    return "\n".join(parts)
