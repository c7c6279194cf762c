"""The page list in a real browser: built by dashboard.py for the member's role, even when the first address a
fresh server is asked for is a page's (a saved link), and a page's address still opens that page."""

from __future__ import annotations

import pytest
from browser_helpers import artifact, start_app, stop_app
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def fresh_app(data_copy):
    """An app nobody has opened yet: its first request is the test's."""
    url, process = start_app(data=data_copy)
    yield url
    stop_app(process)


def test_a_saved_link_to_a_page_opens_it_with_the_apps_page_list(browser, fresh_app):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(fresh_app + "/History?report=dailynk-2018-02-28")
    expect(page.get_by_role("heading", name="History")).to_be_visible(timeout=60_000)
    pages = page.get_by_test_id("stSidebarNav")
    expect(pages.get_by_role("link", name="Map")).to_be_visible()  # not the file names of pages/ ("dashboard")
    expect(pages.get_by_role("link", name="dashboard")).to_have_count(0)
    expect(pages.get_by_role("link", name="Add a report")).to_be_visible()  # on one's own computer: every page
    page.screenshot(path=artifact("navigation-first-link.png"))
    pages.get_by_role("link", name="Sources").click()
    expect(page).to_have_url(fresh_app + "/Sources", timeout=30_000)
    expect(page.get_by_role("heading", name="Sources").first).to_be_visible(timeout=60_000)
    page.close()
