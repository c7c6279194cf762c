"""Reading raster tiles from where an organisation keeps them: MBTiles, PMTiles, a folder, an XYZ server.

Every source answers ``tile(z, x, y)`` with the tile's bytes (``None`` where it has none) and
describes itself with :class:`TileInfo` read from its own metadata. None reads an archive whole:
MBTiles is an SQLite database (one indexed row per tile), PMTiles is mapped into memory and only
the directories and tiles asked for are touched.
"""

from __future__ import annotations

import gzip
import json
import mmap
import sqlite3
import threading
import urllib.request
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pmtiles.tile import (
    Compression,
    MagicNumberNotFound,
    SpecVersionUnsupported,
    deserialize_directory,
    deserialize_header,
    find_tile,
    zxy_to_tileid,
)

MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}
XYZ_TIMEOUT_S = 10


class SourceUnavailable(ValueError):
    """A basemap cannot be read; the message says which file or server, and why, for the user."""


@dataclass(frozen=True)
class TileInfo:
    """What a source says of itself (each value ``None`` where it does not say)."""

    attribution: str | None = None
    min_zoom: int | None = None
    max_zoom: int | None = None
    name: str | None = None


def media_type(data: bytes) -> str | None:
    """The image type of a tile from its first bytes; None for anything but PNG, JPEG and WebP.

    >>> media_type(b"\\x89PNG\\r\\n\\x1a\\n...")
    'image/png'
    >>> media_type(b"\\x1f\\x8b...") is None  # a gzipped vector tile
    True
    """
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _zoom(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


class MBTilesSource:
    """An MBTiles file: SQLite, rows counted from the south (TMS), read-only."""

    def __init__(self, path: Path):
        if not path.is_file():
            raise SourceUnavailable(f"{path}: no such file")
        try:
            self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            meta = dict(self._db.execute("SELECT name, value FROM metadata").fetchall())
            self._db.execute("SELECT 1 FROM tiles LIMIT 1").fetchall()
        except sqlite3.Error as exc:
            raise SourceUnavailable(f"{path}: not a readable MBTiles file ({exc})") from exc
        if str(meta.get("format", "png")).lower() in {"pbf", "mvt"}:
            raise SourceUnavailable(f"{path}: holds vector tiles; only raster tiles (PNG, JPEG, WebP) can be drawn")
        self._lock = threading.Lock()
        self.info = TileInfo(meta.get("attribution") or None, _zoom(meta.get("minzoom")), _zoom(meta.get("maxzoom")),
                             meta.get("name") or None)

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        with self._lock:
            row = self._db.execute("SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                                   (z, x, (1 << z) - 1 - y)).fetchone()
        return bytes(row[0]) if row else None


class PMTilesSource:
    """A PMTiles (v3) file, mapped into memory; directories are parsed once and kept."""

    def __init__(self, path: Path):
        if not path.is_file():
            raise SourceUnavailable(f"{path}: no such file")
        try:
            with path.open("rb") as handle:
                self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            self._header = deserialize_header(self._map[0:127])
            meta = self._metadata()
        except Exception as exc:  # noqa: BLE001  (any damage to the file means the same to the user)
            raise SourceUnavailable(f"{path}: not a readable PMTiles file ({_pmtiles_problem(exc)})") from exc
        if self._header["tile_type"].name not in {"PNG", "JPEG", "WEBP"}:
            raise SourceUnavailable(f"{path}: holds {self._header['tile_type'].name} tiles; only raster tiles "
                                    "(PNG, JPEG, WebP) can be drawn")
        self._directory = lru_cache(maxsize=256)(self._read_directory)
        self.info = TileInfo(meta.get("attribution") or None, self._header["min_zoom"], self._header["max_zoom"],
                             meta.get("name") or None)

    def _metadata(self) -> dict:
        h = self._header
        raw = self._map[h["metadata_offset"]:h["metadata_offset"] + h["metadata_length"]]
        if h["internal_compression"] == Compression.GZIP:
            raw = gzip.decompress(raw)
        meta = json.loads(raw or b"{}")
        return meta if isinstance(meta, dict) else {}

    def _read_directory(self, offset: int, length: int) -> list:
        raw = self._map[offset:offset + length]
        if self._header["internal_compression"] != Compression.GZIP:  # the reader expects gzip, as writers make it
            raw = gzip.compress(raw, compresslevel=1)
        return deserialize_directory(raw)

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        h, tile_id = self._header, zxy_to_tileid(z, x, y)
        offset, length = h["root_offset"], h["root_length"]
        for _depth in range(4):
            entry = find_tile(self._directory(offset, length), tile_id)
            if entry is None:
                return None
            if entry.run_length:
                start = h["tile_data_offset"] + entry.offset
                data = self._map[start:start + entry.length]
                return gzip.decompress(data) if h["tile_compression"] == Compression.GZIP else data
            offset, length = h["leaf_directory_offset"] + entry.offset, entry.length
        return None


def _pmtiles_problem(exc: Exception) -> str:
    """Why a PMTiles file could not be read, in words.

    >>> _pmtiles_problem(SpecVersionUnsupported())
    'only PMTiles version 3 can be read'
    """
    if isinstance(exc, MagicNumberNotFound):
        return "it does not begin as a PMTiles file does"
    if isinstance(exc, SpecVersionUnsupported):
        return "only PMTiles version 3 can be read"
    return str(exc) or type(exc).__name__


class FolderSource:
    """A folder of ``{z}/{x}/{y}.png`` (or .jpg, .jpeg, .webp) files."""

    def __init__(self, path: Path):
        if not path.is_dir():
            raise SourceUnavailable(f"{path}: no such folder")
        self.root = path.resolve()
        self.info = TileInfo()

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        for suffix in ("png", "jpg", "jpeg", "webp"):
            candidate = self.root / str(z) / str(x) / f"{y}.{suffix}"
            if candidate.is_file():
                return candidate.read_bytes()
        return None


class XYZSource:
    """A tile server on the organisation's network; the app asks it, so the browser still talks to the app only."""

    def __init__(self, template: str):
        if not template.startswith(("http://", "https://")) or not all(k in template for k in ("{z}", "{x}", "{y}")):
            raise SourceUnavailable(f"{template[:200]}: not an http(s) URL with {{z}}, {{x}} and {{y}}")
        self.template = template
        self.info = TileInfo()

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        url = self.template.replace("{z}", str(z)).replace("{x}", str(x)).replace("{y}", str(y))
        try:
            with urllib.request.urlopen(url, timeout=XYZ_TIMEOUT_S) as response:  # noqa: S310  (checked scheme)
                return response.read()
        except OSError:
            return None


KINDS = {"mbtiles": MBTilesSource, "pmtiles": PMTilesSource, "folder": FolderSource, "xyz": XYZSource}
