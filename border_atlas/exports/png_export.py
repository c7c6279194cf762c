"""The briefing as a PNG, rendered server-side in headless Chromium at twice the pixel density.

The page is self-contained, so the browser is given no network: its own Content-Security-Policy
forbids connections, every request and WebSocket the page might open is refused, and the
browser runs with :data:`~border_atlas.chromium.ISOLATION_ARGS` so that neither a script in the
data nor Chromium's own services reach another host or make a DNS query.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from border_atlas.briefing import briefing_document, map_document
from border_atlas.chromium import CHROMIUM_ARGS, INSTALL_HINT, ISOLATION_ARGS, chromium_path
from border_atlas.link import BriefingText
from border_atlas.selection import Selection

SLIDE = (1920, 1080)


class ChromiumMissing(RuntimeError):
    """No Chromium to render with; the message says what to install."""


def render_png(html: str, *, width: int, height: int, scale: int = 2, timeout_ms: int = 30_000,
               extra_args: Sequence[str] = ()) -> bytes:
    """Screenshot a self-contained page once its map markers are drawn.

    ``extra_args`` are added to Chromium's command line (tests pass ``--log-net-log``). The
    browser is driven from a thread of its own: Playwright's sync API refuses to run in a
    thread that has an event loop going.
    """
    executable = chromium_path()
    if executable is None:
        raise ChromiumMissing(INSTALL_HINT)
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_screenshot, html, executable, width=width, height=height, scale=scale,
                             timeout_ms=timeout_ms, extra_args=extra_args).result()


def _screenshot(html: str, executable: str, *, width: int, height: int, scale: int, timeout_ms: int,
                extra_args: Sequence[str]) -> bytes:
    from playwright.sync_api import sync_playwright  # imported here: the app runs without it

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable,
                                             args=[*CHROMIUM_ARGS, *ISOLATION_ARGS, *extra_args])
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale,
                                          service_workers="block", accept_downloads=False)
            page = context.new_page()
            page.route("**/*", lambda route: route.abort())
            page.route_web_socket("**/*", lambda socket: socket.close())
            page.set_content(html, wait_until="load", timeout=timeout_ms)
            page.wait_for_selector(".leaflet-overlay-pane path", state="attached", timeout=timeout_ms)
            # A picture cannot be zoomed: leave the zoom buttons out of it.
            page.add_style_tag(content=".leaflet-control-zoom { display: none !important; }")
            page.wait_for_timeout(300)  # let Leaflet finish placing labels after fitBounds
            return page.screenshot(type="png", full_page=False)
        finally:
            browser.close()


def briefing_png(selection: Selection, text: BriefingText, *, size: tuple[int, int] = SLIDE, scale: int = 2) -> bytes:
    """PNG of the briefing page at ``size`` CSS pixels × ``scale`` (3840×2160 for a 16:9 slide)."""
    html = briefing_document(selection, text, assets="inline")
    return render_png(html, width=size[0], height=size[1], scale=scale)


SLIDE_MAP = (1600, 900)


def map_png(selection: Selection, *, size: tuple[int, int] = SLIDE_MAP, scale: int = 2) -> bytes:
    """PNG of the map alone (for a slide, which sets its own title, legend and notes)."""
    return render_png(map_document(selection), width=size[0], height=size[1], scale=scale)
