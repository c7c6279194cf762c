"""Browser tests: the real app in Debian's Chromium, driven by Playwright.

Chromium is found at $BORDER_ATLAS_CHROMIUM or /usr/bin/chromium. Without it these tests
skip with a hint, except under CI=true, where a missing browser fails the run.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from border_atlas.chromium import CHROMIUM_ARGS, INSTALL_HINT, chromium_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Chromium is missing on CI. {INSTALL_HINT}")
        pytest.skip(f"No Chromium. {INSTALL_HINT}")
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(chromium, browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": chromium, "args": list(CHROMIUM_ARGS)}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # At 1280x720 a marker click can miss; a larger window is reliable.
    return {**browser_context_args, "viewport": {"width": 1500, "height": 1000}}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def app_url(chromium):
    """The real app, started with `streamlit run` on a free local port."""
    port = _free_port()
    env = {**os.environ, "BORDER_ATLAS_DATA": ""}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("the app did not start within 60 s")
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def requests_seen(page):
    """Every URL the page asks for, from the page and its iframes."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen
