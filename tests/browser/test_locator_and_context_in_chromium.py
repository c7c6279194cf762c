"""The locator inset and the context layer in a real browser: the view rectangle follows the map."""

from __future__ import annotations

import folium
import pytest
from branca.element import Element
from browser_helpers import artifact

from border_atlas.mapview.context_layer import ContextLayer
from border_atlas.mapview.locator_inset import MIN_VIEW_PX, LocatorInset
from border_atlas.places.context_places import load_context_towns
from border_atlas.places.locator import InsetFrame, load_peninsula
from border_atlas.runtime import offline_assets

pytestmark = pytest.mark.browser
HYESAN = (41.40167, 128.17778)


def write_page(tmp_path, **inset_options) -> tuple[str, str]:
    """A standalone offline page with both plugins; returns its URL and the map's variable name."""
    m = folium.Map(location=HYESAN, zoom_start=9, tiles=None)
    m.default_js, m.default_css = [], []
    m.get_root().header.add_child(Element(offline_assets.inline_head()), name="assets", index=0)
    ContextLayer.from_data().add_to(m)
    LocatorInset(position="topleft", **inset_options).add_to(m)
    path = tmp_path / "map.html"
    path.write_text(m.get_root().render(), encoding="utf-8")
    return path.as_uri(), m.get_name()


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(offline=True, viewport={"width": 1440, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    yield page, outside
    context.close()


def view_rect(page) -> dict:
    return page.eval_on_selector(".ba-locator-view", "r => ({x: +r.getAttribute('x'), y: +r.getAttribute('y'), "
                                 "w: +r.getAttribute('width'), h: +r.getAttribute('height'), "
                                 "shown: r.getAttribute('visibility')})")


def set_view(page, name: str, zoom: int) -> dict:
    """Move the map, then return its bounds."""
    return page.evaluate(
        f"""() => {{ const m = window["{name}"]; m.setView([{HYESAN[0]}, {HYESAN[1]}], {zoom}, {{animate: false}});
        const b = m.getBounds(); return {{west: b.getWest(), east: b.getEast(), north: b.getNorth(),
        south: b.getSouth()}}; }}"""
    )


def count(page, selector: str) -> int:
    return page.eval_on_selector_all(selector, "els => els.length")


def test_view_rectangle_follows_the_map_and_labels_follow_the_zoom(tmp_path, offline_page):
    page, outside = offline_page
    url, name = write_page(tmp_path)
    page.goto(url)
    page.wait_for_selector(".ba-locator svg")
    frame = InsetFrame(load_peninsula().bbox, width=140)

    bounds = set_view(page, name, 9)
    rect = view_rect(page)
    (x0, y0), (x1, y1) = frame.project(bounds["west"], bounds["north"]), frame.project(bounds["east"], bounds["south"])
    assert rect["shown"] == "visible"
    assert (rect["x"], rect["y"], rect["w"], rect["h"]) == pytest.approx((x0, y0, x1 - x0, y1 - y0), abs=0.15)
    page.screenshot(path=str(artifact("locator-context-z9.png")))
    assert count(page, ".ba-ctx.town") == len(load_context_towns())
    assert count(page, ".ba-ctx.country") == 2 and count(page, ".ba-ctx.river") == 1

    # Wider than the inset's box to the east: the rectangle stops at its edge.
    bounds = set_view(page, name, 8)
    rect = view_rect(page)
    assert frame.project(bounds["east"], bounds["south"])[0] > frame.width
    assert rect["x"] == pytest.approx(frame.project(bounds["west"], bounds["north"])[0], abs=0.15)
    assert rect["x"] + rect["w"] == pytest.approx(frame.width, abs=0.15)
    assert count(page, ".ba-ctx.town") == len(load_context_towns())
    assert count(page, ".ba-ctx.country") == 0 and count(page, ".ba-ctx.river") == 0
    set_view(page, name, 10)
    assert count(page, ".ba-ctx.country") > 2 and count(page, ".ba-ctx.river") > 1
    set_view(page, name, 6)
    assert count(page, ".ba-ctx") == 0

    # Zoomed in, the view is smaller than a pixel of the inset: it is drawn at the minimum size, centred.
    bounds = set_view(page, name, 13)
    rect = view_rect(page)
    assert rect["w"] == pytest.approx(MIN_VIEW_PX) and rect["h"] == pytest.approx(MIN_VIEW_PX)
    centre = frame.project(HYESAN[1], HYESAN[0])
    assert rect["x"] + rect["w"] / 2 == pytest.approx(centre[0], abs=0.3)
    assert rect["y"] + rect["h"] / 2 == pytest.approx(centre[1], abs=0.3)
    assert outside == []


def test_inset_shrinks_on_a_phone_and_can_hide(tmp_path, offline_page):
    page, _ = offline_page
    url, _ = write_page(tmp_path)
    page.goto(url)
    page.wait_for_selector(".ba-locator svg")
    assert page.eval_on_selector(".ba-locator svg", "s => s.getBoundingClientRect().width") == 140
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function("document.querySelector('.ba-locator svg').getBoundingClientRect().width < 140")
    assert page.eval_on_selector(".ba-locator svg", "s => s.getBoundingClientRect().width") == 105
    page.screenshot(path=str(artifact("locator-context-phone.png")))

    url, _ = write_page(tmp_path, min_map_width=480)
    page.goto(url)
    page.wait_for_selector(".ba-locator", state="attached")
    assert page.eval_on_selector(".ba-locator", "d => getComputedStyle(d).display") == "none"
