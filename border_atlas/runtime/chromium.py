"""Finding the system's Chromium (Debian package "chromium"), and running it cut off from the network.

Debian's ``/usr/bin/chromium`` is a shell wrapper that exports Google API keys and loads
extensions; the browser binary it starts (``/usr/lib/chromium/chromium``) is used directly
when it exists, so that none of that applies.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM_ENV = "BORDER_ATLAS_CHROMIUM"
INSTALL_HINT = (
    "Chromium is needed for PNG export: install it with 'sudo apt-get install chromium fonts-noto-cjk' "
    f"(Debian/Ubuntu), or set {CHROMIUM_ENV} to a Chromium binary."
)
_DEBIAN_BINARY = Path("/usr/lib/chromium/chromium")
_DEBIAN_WRAPPER = Path("/usr/bin/chromium")

# Headless as root on a closed network: no sandbox, and none of Chromium's own services.
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--no-pings",
    "--disable-breakpad", "--dns-prefetch-disable",
)
# For a page that needs no network at all (the PNG export). Chromium still starts its own
# component-update and account look-ups whatever the switches say; these make every name
# resolve to nothing (no DNS query) and send every connection, WebSockets included, to a
# closed port on loopback.
ISOLATION_ARGS = (
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)


def chromium_path() -> str | None:
    """$BORDER_ATLAS_CHROMIUM, else Debian's Chromium, else 'chromium' on the PATH; None if none."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in (_DEBIAN_BINARY, _DEBIAN_WRAPPER):
        if candidate.exists():
            return str(candidate)
    return shutil.which("chromium")
