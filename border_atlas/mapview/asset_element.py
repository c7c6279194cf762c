"""A map element that needs scripts of its own: served by the app, or written into a standalone page.

>>> import folium
>>> from border_atlas.runtime import offline_assets
>>> class Lines(AssetElement):
...     scripts = (offline_assets.BASEMAP_JS,)
>>> served = Lines(assets="served")
>>> served.default_js
[('ba_basemap', '../border_atlas.ui.offline.generated/basemap.js')]
>>> m = folium.Map(tiles=None)
>>> _ = Lines(assets="inline").add_to(m)
>>> "window.BA_BASEMAP = " in m.get_root().render()
True
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.elements import JSCSSMixin

from border_atlas.mapview.options import ASSET_MODES
from border_atlas.runtime import offline_assets
from border_atlas.text.literal_rendering import Literal


class AssetElement(JSCSSMixin, MacroElement):
    """Subclasses name their :attr:`scripts` and :attr:`stylesheets` (each an :class:`offline_assets.Asset`)."""

    scripts: tuple[offline_assets.Asset, ...] = ()
    stylesheets: tuple[offline_assets.Asset, ...] = ()

    def __init__(self, *, assets: str = "served"):
        super().__init__()
        prefix = ASSET_MODES[assets]
        self.inline = prefix is None
        self.default_js = [] if self.inline else [
            (a.name, offline_assets.served_url(a, prefix=prefix)) for a in self.scripts]
        self.default_css = [] if self.inline else [
            (a.name, offline_assets.served_url(a, prefix=prefix)) for a in self.stylesheets]

    def render(self, **kwargs) -> None:
        if self.inline:  # a standalone page: the files inside it, in its head, before the map's script runs
            name = "ba_" + "_".join(a.name for a in self.scripts + self.stylesheets)
            self.get_root().header.add_child(
                Literal(offline_assets.inline_head(scripts=self.scripts, stylesheets=self.stylesheets)), name=name)
        super().render(**kwargs)
