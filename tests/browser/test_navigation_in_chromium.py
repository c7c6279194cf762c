"""The page list in a real browser: built by dashboard.py for the member's role, even when the first address a
fresh server is asked for is a page's (a saved link), and a page's address still opens that page; a record's
History link in the records table opens its History page, under the path the app is served at."""

from __future__ import annotations

import re

import pytest
from browser_helpers import artifact, start_app, stop_app
from playwright.sync_api import expect

from border_atlas import FilterState, load_dataset, select

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


@pytest.fixture
def app_under_a_path(data_copy):
    """The app served under /atlas, as behind a proxy that gives it a path of its own."""
    url, process = start_app(data=data_copy, base_path="atlas")
    yield url, data_copy
    stop_app(process)


def test_a_records_history_link_opens_its_history_page_under_the_apps_path(browser, app_under_a_path):
    url, data = app_under_a_path
    first = select(load_dataset(data), FilterState()).records_at([0])[0]  # the table's first row (date order)
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(url + "/")
    grid = page.locator(".st-key-ba-records-screen [data-testid='stDataFrame']")
    expect(grid).to_be_visible(timeout=90_000)
    # The grid's accessible copy: the first column is the History link (pinned, in view on any screen).
    expect(grid.get_by_test_id("glide-cell-0-0")).to_have_text(f"History?record={first.id}", timeout=30_000)
    expect(page.locator("iframe").first).to_be_visible(timeout=60_000)  # the map above it has its height
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(1_000)  # the page settles before the point to click is measured
    box = grid.bounding_box()
    page.screenshot(path=artifact("records-history-link-1920.png"))
    link = (box["x"] + 30, box["y"] + 35 + 17)  # the first row's link: pinned at the left edge, under the header
    page.mouse.move(*link)  # the grid finds the link under the pointer as it moves, then follows it on a click
    page.wait_for_timeout(300)
    with page.context.expect_page() as opened:  # a link column opens its page in a new tab
        page.mouse.click(*link)
    history = opened.value
    expect(history).to_have_url(f"{url}/History?record={first.id}", timeout=30_000)
    expect(history.get_by_role("heading", name="History")).to_be_visible(timeout=60_000)
    chosen = history.get_by_role("combobox", name="Record")  # the record the link names, chosen
    expect(chosen).to_have_value(re.compile(f"^{re.escape(first.id)} — "), timeout=30_000)
    expect(history.get_by_text("imported with the source folder")).to_be_visible()
    history.screenshot(path=artifact("history-from-records-link.png"))
    page.close()
