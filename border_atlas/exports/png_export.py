"""The briefing as a PNG, rendered server-side in headless Chromium at twice the pixel density."""

from __future__ import annotations

from border_atlas.briefing import BriefingText, briefing_document
from border_atlas.chromium import CHROMIUM_ARGS, INSTALL_HINT, chromium_path
from border_atlas.selection import Selection

SLIDE = (1920, 1080)


class ChromiumMissing(RuntimeError):
    """No Chromium to render with; the message says what to install."""


def render_png(html: str, *, width: int, height: int, scale: int = 2, timeout_ms: int = 30_000) -> bytes:
    """Screenshot a self-contained page once its map markers are drawn."""
    executable = chromium_path()
    if executable is None:
        raise ChromiumMissing(INSTALL_HINT)
    from playwright.sync_api import sync_playwright  # imported here: the app runs without it

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=scale)
            # Nothing may leave the machine: the page is self-contained, so refuse any request.
            page.route("**/*", lambda route: route.abort())
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
