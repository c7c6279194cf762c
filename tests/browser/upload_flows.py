"""Steps of the Add-a-report page and the dashboard that several browser tests (and bench/upload_limits.py) take:
upload a report, draft and check a pasted one, open the dashboard, change its era."""

from __future__ import annotations

import time

from browser_helpers import MAP_FRAME
from playwright.sync_api import expect

from tests.browser.test_add_report_edits_in_chromium import edit_cell, idle

ERAS = ("Post-COVID (", "Pre-COVID (until")
# Made-up reports (placeholders, not facts) naming only places the dataset has: two analysts' reports.
REPORTS = {
    "left": ("Example Weekly", "2024-04-02",
             "Border notes\nUnits in Hyetan were told to work with the Kumgang Office.\n"
             "Traders said the office checks every load.\nGuards near the river were replaced in spring.\n"),
    "right": ("Example Daily", "2024-05-06",
              "River notes\nUnits in Hyetan were told to work with the Kumgang Office again.\n"
              "Prices of rice rose after the checks began.\nThe guards were replaced in summer.\n"),
}
SOURCES = {"left": "exampleweekly-2024-04-02", "right": "exampledaily-2024-05-06"}


def upload_report(page, base: str, name: str, data: bytes, mime: str) -> None:
    """Open the Add-a-report page and upload ``data`` as the report file ``name``."""
    page.goto(base + "/Add_a_report")
    page.get_by_text("Upload a file").click()
    page.locator('input[type="file"]').set_input_files(files=[{"name": name, "mimeType": mime, "buffer": data}])


def open_dashboard(page, base: str) -> None:
    page.goto(base)
    expect(page.locator(MAP_FRAME).first).to_be_attached(timeout=240_000)


def change_era(page, label: str) -> float:
    """Click an era in the sidebar; the seconds until the caption above the map names it."""
    began = time.monotonic()
    page.get_by_test_id("stSidebar").get_by_text(label).click()
    page.locator('[data-testid="stMain"]').get_by_text("Era: " + label).first.wait_for(timeout=240_000)
    return time.monotonic() - began


def draft_and_check(page, base: str, side: str) -> None:
    """Paste ``REPORTS[side]`` on Add a report, confirm it, edit the first record's summary and check the draft."""
    outlet, published, text = REPORTS[side]
    page.goto(base + "/Add_a_report")
    page.get_by_label("The report: its title on the first line").fill(text)
    page.get_by_role("button", name="Read the pasted text").click()
    page.get_by_label("Outlet").fill(outlet)
    page.get_by_label("Published (YYYY-MM-DD, YYYY-MM or YYYY)").fill(published)
    page.get_by_role("button", name="Confirm and propose records").click()
    expect(page.get_by_role("heading", name="4. Check and preview")).to_be_visible(timeout=90_000)
    idle(page)
    edit_cell(page, "assignments", 0, "summary", f"Told to work with the office ({side}).")
    page.get_by_role("button", name="Check the edits").click()
    expect(page.get_by_text("No problem: the new rows meet every rule")).to_be_visible(timeout=90_000)
    idle(page)
