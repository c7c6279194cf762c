"""Place = Kangan after COVID-19, in Chromium at the three screen sizes: the post-COVID map shows the MSS's
records about Ryanggang Province, named in the popup and marked as about the area that contains Kangan;
the Before and after page names who controlled what under its maps."""

from __future__ import annotations

import pytest
from browser_helpers import MAP_FRAME, artifact
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SIZES = {"laptop": (1440, 900), "monitor": (1920, 1080), "phone": (390, 844)}
KANGAN_AFTER = "place=kangan&era=post-covid"
COMPARISON_FRAME = 'iframe[title="st.iframe"]'
AREA_NOTE = "about all of Ryanggang Province"


@pytest.fixture(scope="module", params=SIZES)
def sized(request, browser, app_url):
    """A page at one of the sizes; every size uses the one app server of the session."""
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    yield request.param, context.new_page()
    context.close()


def open_popup(map_box, place_id: str):
    """Click a place's symbol in one map and return that map's open popup."""
    symbol = map_box.locator(f".ba-marker.ba-{place_id} .ba-sym")
    expect(symbol).to_be_attached(timeout=60_000)
    symbol.scroll_into_view_if_needed()
    symbol.click()
    popup = map_box.locator(".leaflet-popup-content")
    expect(popup).to_be_visible(timeout=10_000)
    map_box.page.wait_for_timeout(400)  # the popup fades in: screenshots wait for it
    return popup


def expect_mss_about_the_province(popup, *, marked: bool) -> None:
    expect(popup).to_contain_text("Ministry of State Security")
    expect(popup).to_contain_text("Sealed the border with COVID-19")
    if marked:
        expect(popup).to_contain_text("About all of Ryanggang Province, which contains Kangan")
        expect(popup.get_by_text(AREA_NOTE, exact=True)).to_have_count(5)
    else:
        expect(popup).not_to_contain_text(AREA_NOTE)


def test_dashboard_shows_the_province_records_for_kangan(sized, app_url):
    size, page = sized
    page.goto(f"{app_url}/?{KANGAN_AFTER}")
    expect(page.get_by_text("0 records at Kangan; 5 about Ryanggang Province, which contains it")).to_be_visible(
        timeout=60_000)
    frame = page.frame_locator(MAP_FRAME).first
    label = frame.locator(".ba-marker.ba-ryanggang .ba-label")
    expect(label).to_be_visible(timeout=60_000)
    expect(label.locator(".ba-area")).to_have_text(AREA_NOTE)  # in the DOM even where the label is compact
    page.wait_for_timeout(1000)  # the labels are laid out after the fit
    page.screenshot(path=artifact(f"containment-dashboard-{size}.png"), full_page=True)
    expect_mss_about_the_province(open_popup(frame.locator("body"), "ryanggang"), marked=True)
    page.screenshot(path=artifact(f"containment-dashboard-popup-{size}.png"))


@pytest.mark.parametrize("query", [KANGAN_AFTER, ""], ids=["kangan-post-covid", "unfiltered"])
def test_before_and_after_shows_the_mss_after_covid(sized, app_url, query):
    size, page = sized
    page.goto(f"{app_url}/Before_and_after?{query}")
    frame = page.frame_locator(COMPARISON_FRAME).first
    after_map = frame.locator(".leaflet-container").nth(1)
    expect(after_map.locator(".ba-marker.ba-ryanggang .ba-label")).to_be_attached(timeout=60_000)
    if query:  # both eras' maps mark what they show about the areas containing Kangan
        before_map = frame.locator(".leaflet-container").nth(0)
        expect(before_map.locator(".ba-marker.ba-ryanggang .ba-area")).to_have_text(AREA_NOTE)
        expect(before_map.locator(".ba-marker.ba-hyesan .ba-area")).to_have_text("about all of Hyesan")
        expect(after_map.locator(".ba-marker.ba-ryanggang .ba-area")).to_have_text(AREA_NOTE)
    else:
        expect(after_map.locator(".ba-area")).to_have_count(0)
    heading = page.get_by_text("Who controlled what: Post-COVID (MSS control)")
    expect(heading).to_be_attached()
    listing = page.locator(".st-key-ba-control-post-covid")
    expect(listing).to_contain_text("Ministry of State Security (4 records): Ryanggang Province")
    expect(listing).to_contain_text("NK Insider, 2025-10-27, ¶ 3, 4, 5, 7")
    page.wait_for_timeout(1000)
    name = "kangan" if query else "all"
    page.screenshot(path=artifact(f"containment-before-after-{name}-{size}.png"), full_page=True)
    listing.scroll_into_view_if_needed()
    page.screenshot(path=artifact(f"containment-before-after-{name}-list-{size}.png"))
    expect_mss_about_the_province(open_popup(after_map, "ryanggang"), marked=bool(query))
    page.screenshot(path=artifact(f"containment-before-after-{name}-popup-{size}.png"))
