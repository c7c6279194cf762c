"""The Add-a-report page in Chromium with a real report: its highlights shown as marks, and the
preview map's labels and controls clear of each other and of the map's edge, at three screen sizes."""

from __future__ import annotations

import pytest
from browser_helpers import GEOMETRY, MAP_FRAME, artifact, check_controls, check_maps
from helpers import SHARED_SOURCES
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SIZES = {"laptop": (1440, 900), "monitor": (1920, 1080), "phone": (390, 844)}
REPORT = SHARED_SOURCES / "000_0fe90757cfa603df.txt"


def propose(page, app_url: str) -> None:
    """Paste the report, confirm its details and wait for what was recognised and the preview."""
    page.goto(app_url + "/Add_a_report")
    page.get_by_label("The report: its title on the first line").fill(REPORT.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Read the pasted text").click()
    expect(page.get_by_label("Outlet")).to_be_visible(timeout=60_000)
    page.get_by_label("Outlet").fill("Daily NK (English)")
    page.get_by_label("Published (YYYY-MM-DD, YYYY-MM or YYYY)").fill("2018-02-28")
    page.get_by_role("button", name="Confirm and propose records").click()
    expect(page.get_by_role("heading", name="4. Check and preview")).to_be_visible(timeout=90_000)


@pytest.mark.skipif(not REPORT.exists(), reason="the shared source reports are beside the checkout")
@pytest.mark.parametrize("size", SIZES)
def test_a_real_reports_highlights_and_preview_are_clear_at_every_size(browser, app_url, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    propose(page, app_url)
    marks = page.locator("article.report-text mark")
    expect(marks.first).to_be_visible()
    kinds = set(marks.evaluate_all("els => els.map(e => e.dataset.kind)"))
    assert {"place", "organisation", "date"} <= kinds
    assert page.locator("article.report-text script").count() == 0
    frame = page.frame_locator(MAP_FRAME).first
    expect(frame.locator(".ba-marker .ba-sym").first).to_be_attached(timeout=60_000)
    page.wait_for_timeout(1500)  # the labels are placed after the layers are added
    maps = frame.locator("body").evaluate(GEOMETRY)
    assert check_maps(maps) >= 3, "hardly any label is shown"
    check_controls(maps)
    assert frame.locator(".ba-copylink").count() == 0  # a link cannot carry rows not saved yet
    page.get_by_role("heading", name="2. What the app recognised").evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    page.screenshot(path=artifact(f"add-report-{size}.png"))
    page.get_by_role("heading", name="4. Check and preview").evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    page.screenshot(path=artifact(f"add-report-preview-{size}.png"))
    context.close()
