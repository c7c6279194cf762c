"""The counts beside the sidebar's filter options in Chromium at three sizes: an option with no
record is grey in the open list and as a chosen chip, and no label is cut (the count ends it)."""

from __future__ import annotations

import pytest
from browser_helpers import artifact
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SIZES = {"laptop": (1440, 900), "monitor": (1920, 1080), "phone": (390, 844)}
GREY = "rgb(128, 134, 144)"
# Office 39 has no record after COVID-19; the MSS has 7.
LINK = "/?era=post-covid&org=office-39&org=mss"
CUT = "els => els.filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)" \
      ".map(e => e.textContent)"
# An option's text, two lines at most, must fit in its row of the list (the rows have a fixed height).
OUTGROWN = "els => els.filter(e => e.getBoundingClientRect().height > e.parentElement.getBoundingClientRect().height" \
           " || e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"


@pytest.mark.parametrize("size", SIZES)
def test_zero_options_are_grey_and_no_label_is_cut(browser, app_url, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(app_url + LINK)
    sidebar = page.locator('[data-testid="stSidebar"]')
    if width < 500:  # the sidebar starts folded on a phone
        page.locator('[data-testid="stExpandSidebarButton"]').click()
    chips = sidebar.locator("[data-tag]")
    expect(chips).to_have_count(2, timeout=60_000)
    office, mss = chips.nth(0), chips.nth(1)
    expect(office).to_have_text("Office 39 — party office (0)")
    expect(mss).to_have_text("Ministry of State Security — security agency (7)")
    expect(office).to_have_css("background-color", GREY)  # the style arrives with the sidebar, maybe after it
    expect(mss).not_to_have_css("background-color", GREY)
    assert sidebar.locator("[data-tag] > span[title]").evaluate_all(CUT) == []
    page.screenshot(path=artifact(f"facets-sidebar-{size}.png"))

    sidebar.locator('input[aria-label="Place"]').click()
    options = page.locator('[role="listbox"] [role="option"]')
    pyongyang = options.filter(has_text="Pyongyang (0)")
    expect(pyongyang).to_have_count(1)
    expect(pyongyang).to_have_css("color", GREY)
    expect(options.filter(has_text="Ryanggang Province (5)")).not_to_have_css("color", GREY)
    page.locator('[role="listbox"]').evaluate("e => { e.scrollTop = 200; }")
    bridge = options.filter(has_text="Changbai–Hyesan International Bridge (0 + 5 about its areas)")
    expect(bridge).to_be_visible()
    assert page.locator('[role="listbox"] [role="option"] > div').evaluate_all(OUTGROWN) == []
    page.wait_for_timeout(400)  # the list fades in: a picture taken at once shows the page through it
    page.screenshot(path=artifact(f"facets-places-open-{size}.png"))
    context.close()
