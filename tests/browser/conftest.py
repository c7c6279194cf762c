"""Browser tests: the real app in Debian's Chromium, driven by Playwright.

Chromium is found at $BORDER_ATLAS_CHROMIUM or /usr/bin/chromium. Without it these tests
skip with a hint, except under CI=true, where a missing browser fails the run.
"""

from __future__ import annotations

import os

import pytest
from browser_helpers import start_app, stop_app

from border_atlas.runtime.chromium import CHROMIUM_ARGS, INSTALL_HINT, chromium_path


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


@pytest.fixture(scope="session")
def app_url(chromium):
    """The real app on the bundled dataset."""
    url, process = start_app()
    yield url
    stop_app(process)


@pytest.fixture
def requests_seen(page):
    """Every URL the page asks for, from the page and its iframes."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen
