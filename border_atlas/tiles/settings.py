"""The settings file that lists the analyst's basemaps (TOML).

``$BORDER_ATLAS_BASEMAPS`` names it; otherwise ``basemaps.toml`` in the user's configuration
folder (``$XDG_CONFIG_HOME/border-atlas``, by default ``~/.config/border-atlas``). No file (or
``off``) means no basemap of one's own. Each ``[[basemap]]`` table gives ``name``, ``kind`` (mbtiles, pmtiles,
folder or xyz), ``path`` (or ``url`` for xyz; a relative path is read from the settings file's
folder) and optionally ``id``, ``attribution``, ``min_zoom`` and ``max_zoom``, which otherwise come
from the archive's metadata. See ``docs/basemaps.example.toml``.

>>> specs, problems = parse_settings('[[basemap]]\\nname = "Hyesan 2019"\\nkind = "mbtiles"\\npath = "h.mbtiles"',
...                                  folder=Path("/maps"))
>>> specs[0].id, specs[0].location, problems
('hyesan-2019', '/maps/h.mbtiles', [])
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from border_atlas.tiles.sources import KINDS

SETTINGS_ENV = "BORDER_ATLAS_BASEMAPS"
MAX_BASEMAPS = 50
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


@dataclass(frozen=True)
class BasemapSpec:
    """One basemap as the settings file gives it."""

    id: str
    name: str
    kind: str
    location: str  # a file or folder path, or for xyz a URL template
    attribution: str | None = None
    min_zoom: int | None = None
    max_zoom: int | None = None


def settings_path() -> Path:
    configured = os.environ.get(SETTINGS_ENV)
    if configured:
        return Path(configured).expanduser()
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config_home) / "border-atlas" / "basemaps.toml"


def slug(text: str) -> str:
    """An id made from a name.

    >>> slug("Hyesan imagery, 2019 (Maxar)")
    'hyesan-imagery-2019-maxar'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].rstrip("-") or "basemap"


def _zoom(entry: dict, key: str) -> int | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 24:
        raise ValueError(f"{key} must be a whole number from 0 to 24, not {value!r}")
    return value


def _spec(entry, folder: Path, taken: set[str]) -> BasemapSpec:
    if not isinstance(entry, dict):
        raise ValueError("is not a table")
    name, kind = str(entry.get("name") or "").strip()[:80], str(entry.get("kind") or "").strip().lower()
    if not name:
        raise ValueError("has no name")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    location = str(entry.get("url" if kind == "xyz" else "path") or "").strip()
    if not location:
        raise ValueError(f"has no {'url' if kind == 'xyz' else 'path'}")
    if kind != "xyz":
        location = str(folder / Path(location).expanduser())
    ident = str(entry.get("id") or slug(name))
    if not _ID.match(ident) or ident in taken or ident == "builtin":
        raise ValueError(f"id {ident[:40]!r} is taken or not lower-case letters, digits and hyphens")
    attribution = str(entry["attribution"]).strip()[:300] if entry.get("attribution") else None
    return BasemapSpec(ident, name, kind, location, attribution, _zoom(entry, "min_zoom"), _zoom(entry, "max_zoom"))


def parse_settings(text: str, *, folder: Path, label: str = "basemaps.toml") -> tuple[list[BasemapSpec], list[str]]:
    """The basemaps a settings text lists, and a message for each entry (or the file) that cannot be used."""
    try:
        entries = tomllib.loads(text).get("basemap", [])
    except tomllib.TOMLDecodeError as exc:
        return [], [f"{label}: not valid TOML ({exc}); only the built-in basemap is available"]
    if not isinstance(entries, list):
        return [], [f"{label}: 'basemap' must be a list of tables ([[basemap]])"]
    specs, problems = [], []
    for number, entry in enumerate(entries[:MAX_BASEMAPS], start=1):
        try:
            specs.append(_spec(entry, folder, {s.id for s in specs}))
        except ValueError as exc:
            problems.append(f"{label}, basemap {number}: {exc}; it is left out")
    return specs, problems


def read_settings(path: Path | None = None) -> tuple[list[BasemapSpec], list[str]]:
    """The basemaps the settings file lists (none if it is absent, or ``$BORDER_ATLAS_BASEMAPS`` is "off")."""
    path = path or settings_path()
    if str(path) == "off":
        return [], []
    if not path.exists():
        return [], ([f"{path}: the basemaps file named by {SETTINGS_ENV} does not exist"]
                    if os.environ.get(SETTINGS_ENV) else [])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [f"{path}: cannot be read ({exc})"]
    return parse_settings(text, folder=path.parent, label=str(path))
