"""The briefing as a PNG, rendered server-side in headless Chromium at twice the pixel density.

The page is self-contained, so the browser is given no network: its own Content-Security-Policy
forbids connections, every request and WebSocket the page might open is refused, and the
browser runs with :data:`~border_atlas.runtime.chromium.ISOLATION_ARGS` so that neither a script in the
data nor Chromium's own services reach another host or make a DNS query.
"""

from __future__ import annotations

import io
import json
import math
import struct
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from border_atlas.filters.link import BriefingText
from border_atlas.filters.selection import Selection
from border_atlas.runtime.chromium import CHROMIUM_ARGS, INSTALL_HINT, ISOLATION_ARGS, chromium_path
from border_atlas.views.briefing import briefing_document, map_document

SLIDE = (1920, 1080)


class ChromiumMissing(RuntimeError):
    """No Chromium to render with; the message says what to install."""


RENDER_KEY = "border-atlas:render"  # the PNG text chunk that records how a map picture was rendered
# The smallest text in a label (the organisation lines) and the largest of the map's own controls, in CSS px.
_LABEL_FONT_JS = """() => {
    const sizes = [];
    document.querySelectorAll(".ba-label, .ba-label *").forEach((el) => {
        const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
        if (own && el.getClientRects().length) { sizes.push(parseFloat(getComputedStyle(el).fontSize)); }
    });
    return sizes.length ? Math.min(...sizes) : null;
}"""


def render_png(html: str, *, width: int, height: int, scale: int = 2, timeout_ms: int = 30_000,
               extra_args: Sequence[str] = ()) -> bytes:
    """Screenshot a self-contained page once its map markers are drawn.

    ``extra_args`` are added to Chromium's command line (tests pass ``--log-net-log``). The
    browser is driven from a thread of its own: Playwright's sync API refuses to run in a
    thread that has an event loop going.
    """
    return _render(html, width=width, height=height, scale=scale, timeout_ms=timeout_ms, extra_args=extra_args)[0]


def _render(html: str, *, width: int, height: int, scale: int, timeout_ms: int = 30_000,
            extra_args: Sequence[str] = (), legend: bool = False) -> tuple[bytes, list[LegendRow]]:
    executable = chromium_path()
    if executable is None:
        raise ChromiumMissing(INSTALL_HINT)
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_screenshot, html, executable, width=width, height=height, scale=scale,
                             timeout_ms=timeout_ms, extra_args=extra_args, legend=legend).result()


def _screenshot(html: str, executable: str, *, width: int, height: int, scale: int, timeout_ms: int,
                extra_args: Sequence[str], legend: bool) -> tuple[bytes, list[LegendRow]]:
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
            png = page.screenshot(type="png", full_page=False)
            png = with_text(png, RENDER_KEY, json.dumps({
                "viewport": [width, height], "device_scale_factor": scale,
                "label_font_px": page.evaluate(_LABEL_FONT_JS)}))
            return png, (_legend_rows(page, scale) if legend else [])
        finally:
            browser.close()


@dataclass(frozen=True)
class LegendRow:
    """One entry of the legend as the page draws it: its heading, its text and its symbol as a PNG."""

    section: str
    label: str
    symbol: bytes | None


# The page's legend (``#ba-slide-legend``, hidden under the map) is brought out, and each row read with
# the place of its symbol, so that the slide lists exactly what the map's own legend lists.
_LEGEND_JS = """() => {
    const box = document.getElementById("ba-slide-legend");
    if (!box) { return []; }
    box.style.cssText = "position:absolute;left:0;top:0;z-index:100000;visibility:visible;max-height:none;" +
        "overflow:visible;max-width:none;width:400px;background:#fff;box-shadow:none;border-radius:0";
    let section = "";
    const rows = [];
    box.querySelectorAll("h4, .row").forEach((el) => {
        if (el.tagName === "H4") { section = el.textContent.trim(); return; }
        const sw = el.querySelector(".sw");
        const label = Array.from(el.children).filter((c) => c !== sw).map((c) => c.textContent).join(" ");
        const r = sw ? sw.getBoundingClientRect() : null;
        rows.push({section: section, label: label.replace(/\\s+/g, " ").trim(),
                   box: r ? [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height] : null});
    });
    return rows;
}"""


def _legend_rows(page, scale: int) -> list[LegendRow]:
    from PIL import Image  # imported here like Playwright

    found = page.evaluate(_LEGEND_JS)
    if not found:
        return []
    whole = Image.open(io.BytesIO(page.screenshot(type="png", full_page=True)))
    rows = []
    for row in found:
        symbol = None
        if row["box"]:
            left, top, w, h = (round(v * scale) for v in row["box"])
            out = io.BytesIO()
            whole.crop((left, top, left + max(w, 1), top + max(h, 1))).save(out, format="PNG")
            symbol = out.getvalue()
        rows.append(LegendRow(row["section"], row["label"], symbol))
    return rows


def briefing_png(selection: Selection, text: BriefingText, *, size: tuple[int, int] = SLIDE, scale: int = 2) -> bytes:
    """PNG of the briefing page at ``size`` CSS pixels × ``scale`` (3840×2160 for a 16:9 slide)."""
    html = briefing_document(selection, text, assets="inline")
    return render_png(html, width=size[0], height=size[1], scale=scale)


def with_text(png: bytes, key: str, value: str) -> bytes:
    """``png`` with a tEXt chunk ``key``: ``value`` after its header; the image data is left as it is.

    >>> from PIL import Image
    >>> import io
    >>> out = io.BytesIO(); Image.new("RGB", (4, 2)).save(out, format="PNG")
    >>> Image.open(io.BytesIO(with_text(out.getvalue(), "k", "v"))).text
    {'k': 'v'}
    """
    body = b"tEXt" + key.encode("latin-1") + b"\0" + value.encode("latin-1")
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    end_of_header = 8 + 4 + 4 + 13 + 4  # signature, then IHDR's length, type, data and CRC
    return png[:end_of_header] + chunk + png[end_of_header:]


@dataclass(frozen=True)
class SlideRender:
    """How the slide's map picture is drawn: ``viewport`` CSS px at ``scale`` device pixels per CSS px."""

    viewport: tuple[int, int]
    scale: int


LABEL_FONT_PX = 11  # the organisation lines of a label (.ba-chip in mapview/style.py), the smallest label text
SLIDE_LABEL_PT = 10.5  # what that text measures on the slide: at least 10 pt, like the slide's own smallest text
MIN_PICTURE_PX = 3000  # device pixels across the picture, so that it stays sharp on a projector


def slide_render(width_in: float, height_in: float) -> SlideRender:
    """The viewport that makes a map label ``SLIDE_LABEL_PT`` on a picture this size (inches) on the slide.

    A 1600 px map shrunk to an 8.5 in picture set its labels at 4 pt; drawn at the picture's own size
    (about 1 CSS px to the point) they keep the size they have on screen.

    >>> slide_render(8.48, 4.77)
    SlideRender(viewport=(639, 359), scale=5)
    """
    px_per_inch = 72 * LABEL_FONT_PX / SLIDE_LABEL_PT
    viewport = (math.floor(width_in * px_per_inch), math.floor(height_in * px_per_inch))
    return SlideRender(viewport, math.ceil(MIN_PICTURE_PX / viewport[0]))


def slide_map_png(selection: Selection, render: SlideRender, *, basemap: str = "") -> tuple[bytes, list[LegendRow]]:
    """The slide's map picture at ``render``'s size (recorded in the PNG, :data:`RENDER_KEY`), and the rows
    of the legend that explains it; ``basemap``: the id of the analyst's basemap it is drawn on."""
    return _render(map_document(selection, basemap=basemap), width=render.viewport[0], height=render.viewport[1],
                   scale=render.scale, legend=True)


def label_size_pt(label_px: float, viewport_px: float, picture_emu: int) -> float:
    """How large a label set at ``label_px`` CSS px is on the slide, for a render ``viewport_px`` wide
    shown ``picture_emu`` wide (12,700 EMU to the point).

    >>> round(label_size_pt(11, 1600, 7_757_160), 2)  # the old slide: a 1600 px map on 8.48 in
    4.2
    """
    return label_px * (picture_emu / 12_700) / viewport_px
