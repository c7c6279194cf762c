"""The map in a real browser: drawn offline, filterable, and talking to no other host."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from browser_helpers import MAP_FRAME, artifact
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def open_map(page, url):
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".ba-marker .ba-sym").first).to_be_visible(timeout=45_000)
    return frame


def marker_ids(frame) -> set[str]:
    classes = frame.locator(".leaflet-marker-pane .ba-marker").evaluate_all("els => els.map(e => e.className)")
    return {c.split("ba-marker ba-")[1].split()[0] for c in classes}


def test_map_draws_markers_inside_the_map(page, app_url, requests_seen):
    frame = open_map(page, app_url)
    box = frame.locator(".leaflet-container").bounding_box()
    assert box["width"] > 600 and box["height"] > 500
    inside = 0
    for sym in frame.locator(".ba-marker .ba-sym").all():
        b = sym.bounding_box()
        if b and box["x"] <= b["x"] <= box["x"] + box["width"] and box["y"] <= b["y"] <= box["y"] + box["height"]:
            inside += 1
    assert inside >= 6
    assert {"hyesan", "hyetan", "kangan", "samsu"} <= marker_ids(frame)
    # The basemap is drawn from the script the app serves (loaded once, not sent with every change):
    # the Chinese side, the rivers, and the border as a halo and a dashed line, each an SVG path.
    assert frame.locator(".leaflet-overlay-pane path").count() >= 4
    assert frame.locator('.leaflet-overlay-pane path[stroke-dasharray="7 4"]').count() == 1
    assert any(urlparse(u).path.endswith("/border_atlas.ui.offline.generated/basemap.js") for u in requests_seen)
    page.wait_for_timeout(800)
    page.screenshot(path=artifact("dashboard.png"), full_page=True)
    hosts = {urlparse(u).netloc for u in requests_seen if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert hosts == {urlparse(app_url).netloc}, hosts


def test_organisation_filter_changes_the_map(page, app_url, requests_seen):
    frame = open_map(page, app_url)
    before = marker_ids(frame)
    # A probe in the map's page: it survives only if the filter change does not reload the map.
    frame.locator("body").evaluate("() => { window.__probe = 42; }")
    leaflet_id = frame.locator(".leaflet-container").evaluate("e => e._leaflet_id")
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    box.locator("input").click()
    page.keyboard.type("Mirim")
    page.get_by_role("option", name="Mirim Shipping Company").first.click()
    page.keyboard.press("Escape")
    expect(frame.locator(".leaflet-marker-pane .ba-marker")).to_have_count(1, timeout=20_000)
    after = marker_ids(frame)
    assert before != after and "samsu" in after and "hyetan" not in after
    assert frame.locator("body").evaluate("() => window.__probe") == 42
    assert frame.locator(".leaflet-container").evaluate("e => e._leaflet_id") == leaflet_id
    expect(frame.get_by_text("Mirim Shipping Company ⇄ border units")).to_be_visible()
    page.screenshot(path=artifact("dashboard-mirim.png"), full_page=True)
    hosts = {urlparse(u).netloc for u in requests_seen if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert hosts == {urlparse(app_url).netloc}, hosts


def test_clicking_a_place_opens_its_records(page, app_url):
    frame = open_map(page, app_url + "/?place=samsu")
    frame.locator(".ba-samsu .ba-sym").click()
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Mirim Shipping Company")
    expect(popup).to_contain_text("Daily NK (English), 2018-02-28")
    page.screenshot(path=artifact("dashboard-popup.png"), full_page=True)


def test_the_map_page_prints_as_map_caption_and_records(page, app_url):
    import io
    import unicodedata

    from pypdf import PdfReader

    page.set_viewport_size({"width": 1440, "height": 900})
    open_map(page, app_url + "/?org=office-39")
    page.wait_for_timeout(800)
    page.emulate_media(media="print")
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.locator(".st-key-ba-exports")).to_be_hidden()
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    artifact("dashboard-print.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    text = unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in reader.pages))  # "ﬀ" -> "ff"
    assert len(reader.pages) <= 2
    assert "4 records" in text and "Organisations: Office 39" in text  # the caption
    assert "Told by the MSS to work with Mirim Shipping Company" in text  # the records, every row
    assert "Filters" not in text and "Export" not in text  # no sidebar, no export buttons
