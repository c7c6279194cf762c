"""Finding the system's Chromium (Debian package "chromium"), for PNG export and browser tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM_ENV = "BORDER_ATLAS_CHROMIUM"
INSTALL_HINT = (
    "Chromium is needed for PNG export: install it with 'sudo apt-get install chromium fonts-noto-cjk' "
    f"(Debian/Ubuntu), or set {CHROMIUM_ENV} to a Chromium binary."
)
# Headless as root on a closed network: no sandbox, and none of Chromium's own connections.
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)


def chromium_path() -> str | None:
    """$BORDER_ATLAS_CHROMIUM, else /usr/bin/chromium, else 'chromium' on the PATH; None if none."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        return configured if Path(configured).exists() else None
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")
