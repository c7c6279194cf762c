"""Two sessions of the real app: one uploads a report on the Add-a-report page, the other changes the
dashboard's era filter. Used by the browser test and by bench/upload_limits.py."""

from __future__ import annotations

import time

from browser_helpers import MAP_FRAME
from playwright.sync_api import expect

ERAS = ("Post-COVID (", "Pre-COVID (until")


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
