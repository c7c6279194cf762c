"""The app's tile route: ``/basemap-tiles/{basemap}/{z}/{x}/{y}``, answered from the configured archives.

Tiles come from the app's own origin, so the browser's only host stays the app. Each answer
carries an ETag (a hash of the tile) and a Cache-Control lifetime, and a request whose
``If-None-Match`` matches gets 304 without the body.

>>> [r.path for r in tile_routes()]
['/basemap-tiles/{basemap}/{z:int}/{x:int}/{y:int}']
"""

from __future__ import annotations

import hashlib

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from border_atlas.tiles.catalog import current_catalog
from border_atlas.tiles.sources import media_type

TILE_PATH = "basemap-tiles"
CACHE_CONTROL = "private, max-age=86400"  # a day; the ETag lets the browser check again cheaply after


def tile_url(basemap_id: str, *, prefix: str = "") -> str:
    """Leaflet's URL template for a basemap, relative to the document (``prefix`` climbs to the app's root).

    >>> tile_url("hyesan-2019", prefix="../../")
    '../../basemap-tiles/hyesan-2019/{z}/{x}/{y}'
    """
    return f"{prefix}{TILE_PATH}/{basemap_id}/{{z}}/{{x}}/{{y}}"


def tile_response(request: Request) -> Response:
    """One tile, 404 where the basemap or the tile is not there."""
    params = request.path_params
    basemap = current_catalog().get(params["basemap"])
    data = basemap.tile(params["z"], params["x"], params["y"]) if basemap else None
    kind = media_type(data) if data else None
    if kind is None:
        return Response(status_code=404, headers={"Cache-Control": "no-store"})
    etag = '"' + hashlib.blake2b(data, digest_size=12).hexdigest() + '"'
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, "X-Content-Type-Options": "nosniff"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=kind, headers=headers)


_mounted = False


def mounted() -> bool:
    """Whether this process serves the tile route (the app was started from ``app.py``)."""
    return _mounted


def tile_routes(base_url_path: str = "") -> list[Route]:
    """The routes to mount on the app (``base_url_path``: Streamlit's ``server.baseUrlPath``, if set)."""
    global _mounted
    _mounted = True
    base = "/" + base_url_path.strip("/") if base_url_path.strip("/") else ""
    return [Route(f"{base}/{TILE_PATH}/{{basemap}}/{{z:int}}/{{x:int}}/{{y:int}}", tile_response, methods=["GET"])]
