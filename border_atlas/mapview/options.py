"""How a map is drawn: one value that every caller passes to the assembler."""

from __future__ import annotations

from dataclasses import dataclass

from border_atlas.runtime import offline_assets
from border_atlas.tiles.catalog import TileBasemap

ASSET_MODES = {"served": offline_assets.FROM_COMPONENT, "served-page": offline_assets.FROM_PAGE, "inline": None}
# From the same documents to the app's root, where the tile route is (None: the page carries its tiles).
TILE_PREFIXES = {"served": "../../", "served-page": "", "inline": None}


@dataclass(frozen=True)
class MapOptions:
    """How the map is drawn.

    :param online_basemap: add online tile layers (OpenStreetMap, satellite imagery).
    :param assets: "served" (URLs into the app's own server, from streamlit-folium's iframe),
        "served-page" (the same, from a page-level document) or "inline" (a standalone page).
    :param landmarks: draw places that no selected record names (a drawn place's parent is
        always drawn, for context).
    :param layer_control: the layer switcher (a static picture has no use for one).
    :param legend: the legend on the map (a page that shows it beside the map turns this off).
    :param locator: the inset showing where the map lies on the Korean peninsula.
    :param context: towns on both banks and the river's and countries' names, as a layer shown by default.
    :param centre: with ``zoom``, the view a link asked for; otherwise the map fits the drawn places.
    :param copy_link: a button that copies a link to the current view (for the app, not for files).
    :param basemap: the analyst's basemap to draw under the lines (None: the built-in basemap).
    :param basemaps: every basemap the layer control offers (in the app; a standalone page has only ``basemap``).
    :param player: with a time window, the player's buttons and slider (a picture shows only its date).

    >>> MapOptions(assets="cdn")
    Traceback (most recent call last):
    ...
    ValueError: assets must be one of served, served-page, inline, not 'cdn'
    """

    online_basemap: bool = False
    assets: str = "served"
    legend: bool = True
    layer_control: bool = True
    landmarks: bool = True
    locator: bool = True
    context: bool = True
    centre: tuple[float, float] | None = None
    zoom: int | None = None
    copy_link: bool = False
    basemap: TileBasemap | None = None
    basemaps: tuple[TileBasemap, ...] = ()
    player: bool = True

    @property
    def fit(self) -> bool:
        return self.centre is None or self.zoom is None

    def __post_init__(self):
        if self.assets not in ASSET_MODES:
            raise ValueError(f"assets must be one of {', '.join(ASSET_MODES)}, not {self.assets!r}")
