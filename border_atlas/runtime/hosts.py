"""Which host names the server answers to: loopback and the names the user configures, nothing else.

A page on another site can make its own name resolve to 127.0.0.1 (DNS rebinding) and then read
the atlas as if it were the same origin; refusing any request whose ``Host`` is not one of ours
stops that. ``$BORDER_ATLAS_ALLOWED_HOSTS`` adds names, comma-separated (``atlas.example.org``,
``*.team.example.org``), for a team served through a proxy.

>>> allowed_hosts({"BORDER_ATLAS_ALLOWED_HOSTS": " atlas.example.org, ,*.team.example.org"})
['localhost', '127.0.0.1', '[::1]', 'atlas.example.org', '*.team.example.org']
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

ALLOWED_HOSTS_ENV = "BORDER_ATLAS_ALLOWED_HOSTS"
LOOPBACK = ("localhost", "127.0.0.1", "[::1]")  # an IPv6 literal is bracketed in a Host header


def allowed_hosts(environ: Mapping[str, str] = os.environ) -> list[str]:
    extra = [name.strip().lower() for name in environ.get(ALLOWED_HOSTS_ENV, "").split(",") if name.strip()]
    return list(LOOPBACK) + [name for name in extra if name not in LOOPBACK]


def host_check(environ: Mapping[str, str] = os.environ) -> Middleware:
    """Starlette's TrustedHostMiddleware for :func:`allowed_hosts`: any other ``Host`` gets 400."""
    return Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(environ), www_redirect=False)
