"""The configured basemaps, opened once per settings file: those that can be drawn, and why the others cannot.

>>> Catalog.from_specs([]).basemaps
()
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from border_atlas.filters.map_zoom import MAX_ZOOM, MIN_ZOOM
from border_atlas.tiles.settings import BasemapSpec, read_settings, settings_path
from border_atlas.tiles.sources import KINDS, SourceUnavailable

BUILTIN_ID = "builtin"
BUILTIN_NAME = "Built-in: border and rivers (GSHHG)"


@dataclass(frozen=True)
class TileBasemap:
    """A basemap the app can serve: its id in URLs and links, its name, credit and zoom range."""

    id: str
    name: str
    kind: str
    attribution: str
    min_zoom: int
    max_zoom: int  # the deepest zoom it has tiles for; Leaflet enlarges them beyond
    source: object = field(compare=False, repr=False)

    @property
    def credit(self) -> str:
        """The line the map's credits show while it is drawn: which basemap, and whose tiles.

        >>> TileBasemap("h", "Hyesan 2019", "mbtiles", "© Imagery unit", 8, 14, None).credit
        'Basemap: Hyesan 2019 (© Imagery unit)'
        """
        return f"Basemap: {self.name} ({self.attribution})"

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        if not self.min_zoom <= z <= self.max_zoom or not (0 <= x < 1 << z and 0 <= y < 1 << z):
            return None
        return self.source.tile(z, x, y)


def open_basemap(spec: BasemapSpec) -> TileBasemap:
    """Open ``spec``'s archive or server; raises :class:`SourceUnavailable` with the reason."""
    source = KINDS[spec.kind](Path(spec.location) if spec.kind != "xyz" else spec.location)
    info = source.info
    min_zoom = max(MIN_ZOOM, spec.min_zoom if spec.min_zoom is not None else (info.min_zoom or 0))
    max_zoom = min(MAX_ZOOM, spec.max_zoom if spec.max_zoom is not None else (info.max_zoom or MAX_ZOOM))
    if min_zoom > max_zoom:
        raise SourceUnavailable(f"{spec.location}: its zooms ({min_zoom}–{max_zoom}) are outside the map's "
                                f"{MIN_ZOOM}–{MAX_ZOOM}")
    credit = spec.attribution or info.attribution or "no attribution given"
    return TileBasemap(spec.id, spec.name, spec.kind, credit, min_zoom, max_zoom, source)


@dataclass(frozen=True)
class Catalog:
    """The basemaps that opened, and one message per basemap (or settings entry) that did not."""

    basemaps: tuple[TileBasemap, ...] = ()
    problems: tuple[str, ...] = ()

    @classmethod
    def from_specs(cls, specs: list[BasemapSpec], problems: list[str] = ()) -> Catalog:
        opened, messages = [], list(problems)
        for spec in specs:
            try:
                opened.append(open_basemap(spec))
            except SourceUnavailable as exc:
                messages.append(f"Basemap '{spec.name}' cannot be used: {exc}. The built-in basemap is drawn instead.")
        return cls(tuple(opened), tuple(messages))

    def get(self, ident: str | None) -> TileBasemap | None:
        return next((b for b in self.basemaps if b.id == ident), None)


_lock = threading.Lock()
_cache: dict[tuple, Catalog] = {}


def current_catalog(path: Path | None = None) -> Catalog:
    """The catalog of the settings file, opened again only when the file changes."""
    path = path or settings_path()
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        key = (str(path), None)
    with _lock:
        if key not in _cache:
            _cache.clear()
            _cache[key] = Catalog.from_specs(*read_settings(path))
        return _cache[key]


def chosen_basemap(ident: str | None) -> TileBasemap | None:
    """The configured basemap with this id, for a map or an export (None: the built-in basemap).

    This is what an export calls with the id a link or :class:`~border_atlas.filters.link.BriefingText` carries,
    then passes on as ``MapOptions(basemap=...)``.
    """
    return current_catalog().get(ident) if ident else None
