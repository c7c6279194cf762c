"""While one session's upload is being read (a PDF made to be slow, refused at the time limit), another
session's filter change is answered, and the first session is told which limit stopped its file."""

from __future__ import annotations

import pytest
from browser.upload_flows import ERAS, change_era, open_dashboard, upload_report
from hostile_files import pdf_bomb
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
# Seventeen pages redrawing one 3.7 MB stream: under the cheap content check (64 MB), hours of extraction.
SLOW_PDF = {"pages": 17, "stream_mb": 3.7}


def test_another_session_answers_while_a_slow_upload_is_refused_at_the_time_limit(browser, app_url):
    reader, other = browser.new_context(), browser.new_context()
    uploading, watching = reader.new_page(), other.new_page()
    open_dashboard(watching, app_url)
    upload_report(uploading, app_url, "slow.pdf", pdf_bomb(**SLOW_PDF), "application/pdf")
    reading = uploading.get_by_text("Reading slow.pdf in a separate process")
    expect(reading).to_be_visible(timeout=60_000)
    seconds = change_era(watching, ERAS[0])
    answered_while_reading = reading.is_visible()
    expect(uploading.get_by_text("slow.pdf: reading it took longer than the time limit of 90 s")).to_be_visible(
        timeout=240_000)
    print(f"\nthe other session's filter change took {seconds:.1f} s while slow.pdf was being read")
    assert answered_while_reading
    expect(uploading.get_by_text("Its details")).to_have_count(0)  # nothing was kept from the file
    reader.close()
    other.close()
