"""Exports checked in a real browser: the PNG shows the map, the HTML works offline."""

from __future__ import annotations

import io
from datetime import date

import pytest
from browser_helpers import artifact
from PIL import Image
from playwright.sync_api import expect

from border_atlas import FilterState, select
from border_atlas.exports import briefing_html_file, briefing_png
from border_atlas.mapview.area_layer import FILL_OPACITY
from border_atlas.views.briefing import BriefingText
from border_atlas.views.colours import BORDER_COLOUR, LAND_FILL

pytestmark = pytest.mark.browser
TEXT = BriefingText("Office 39 companies on the Ryanggang border", "The MSS order of February 2018",
                    "UNCLASSIFIED // EXERCISE", date(2026, 11, 23))
MIRIM_GREEN = "#009e73"  # Mirim Shipping Company's colour in organisations.csv
CITY_NAVY = "#1b2a3a"


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def count_near(image: Image.Image, colour: str, tolerance: int = 12) -> int:
    target = rgb(colour)
    return sum(count for count, pixel in image.getcolors(maxcolors=1 << 24)
               if all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], target)))


@pytest.fixture(scope="module")
def office39(dataset):
    return select(dataset, FilterState(orgs=("office-39",), era="pre-covid"))


def test_png_export_is_a_slide_at_twice_the_pixels_showing_the_map(chromium, office39):
    data = briefing_png(office39, TEXT)
    artifact("briefing.png").write_bytes(data)
    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert image.size == (3840, 2160)
    # Not a blank or an error page: land, the border line, a company's colour chip and the banner are drawn.
    # The land: plain, or under the light tint of the province the MSS's record is about.
    province = "#" + "".join(f"{round(a * (1 - FILL_OPACITY) + b * FILL_OPACITY):02x}"
                             for a, b in zip(rgb(LAND_FILL), rgb("#c62828")))
    assert count_near(image, LAND_FILL, 3) + count_near(image, province, 3) > 1_000_000
    assert count_near(image, BORDER_COLOUR, 20) > 2_000
    assert count_near(image, MIRIM_GREEN, 10) > 200
    assert count_near(image, "#1b5e20", 6) > 100_000  # the banner, top and bottom
    colours = image.getcolors(maxcolors=1 << 24)
    assert len(colours) > 500


def test_html_export_opens_offline_with_markers(chromium, office39, browser):
    path = artifact("briefing.html")
    path.write_bytes(briefing_html_file(office39, TEXT))
    context = browser.new_context(offline=True, viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    page.goto(path.as_uri())
    expect(page.locator(".ba-marker .ba-sym").first).to_be_visible(timeout=20_000)
    assert page.locator(".leaflet-marker-pane .ba-marker").count() == 4
    assert page.locator(".leaflet-overlay-pane path").count() >= 3
    expect(page.get_by_text("Mirim Shipping Company ⇄ border units")).to_be_visible()
    page.screenshot(path=artifact("briefing-html-offline.png"))
    context.close()
    assert outside == []


def test_briefing_prints_on_one_landscape_a4_page(chromium, office39, browser):
    page = browser.new_page()
    page.route("**/*", lambda route: route.abort())
    page.set_content(briefing_html_file(office39, TEXT).decode("utf-8"))
    expect(page.locator(".ba-marker .ba-sym").first).to_be_attached(timeout=20_000)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    artifact("briefing-a4.pdf").write_bytes(pdf)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages == 1
    # A4 landscape is 842 x 595 points.
    assert b"/MediaBox [0 0 841.91998 594.95996]" in pdf or b"/MediaBox [0 0 842 595]" in pdf
    page.close()


def test_briefing_view_and_comparison_in_the_app(page, app_url, requests_seen):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(app_url + "/?briefing=1&org=office-39&title=Office%2039%20companies%20on%20the%20border"
                        "&subtitle=MSS%20order%2C%20February%202018&banner=UNCLASSIFIED")
    frame = page.frame_locator('iframe[title="st.iframe"], iframe').first
    expect(frame.locator(".ba-marker .ba-sym").first).to_be_visible(timeout=45_000)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    page.wait_for_timeout(800)
    page.screenshot(path=artifact("briefing-view.png"))
    page.goto(app_url + "/Before_and_after")
    frame = page.frame_locator("iframe").first
    expect(frame.locator(".ba-marker .ba-sym").first).to_be_visible(timeout=45_000)
    expect(frame.locator(".ba-cmp-title")).to_have_count(2)
    page.wait_for_timeout(800)
    page.screenshot(path=artifact("before-after.png"))
    # Moving one map moves the other: zoom in on the left, the right follows.
    zooms = "() => Object.keys(window).filter(k => /^map_[0-9a-f]+$/.test(k)).map(k => window[k].getZoom())"
    before = frame.locator("body").evaluate(zooms)
    assert len(before) == 2 and before[0] == before[1]
    frame.locator(".folium-map").first.locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(800)
    after = frame.locator("body").evaluate(zooms)
    assert after == [before[0] + 1, before[1] + 1]
    page.screenshot(path=artifact("before-after-zoomed.png"))
    hosts = {u.split("/")[2] for u in requests_seen if u.startswith(("http", "ws"))}
    assert hosts == {app_url.split("/")[2]}, hosts


def test_slide_export_reads_back_title_picture_and_notes(chromium, office39):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from border_atlas.exports import EXPORTS

    slide_export = next(e for e in EXPORTS if e.key == "pptx")
    assert slide_export.file_name(TEXT) == "office-39-companies-on-the-ryanggang-border-2026-11-23.pptx"
    data = slide_export.build(office39, TEXT)
    artifact("briefing.pptx").write_bytes(data)
    deck = Presentation(io.BytesIO(data))
    [slide] = deck.slides
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert TEXT.title in texts and any("Organisations: Office 39" in t for t in texts)
    [picture] = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    image = Image.open(io.BytesIO(picture.image.blob)).convert("RGB")
    assert image.width >= 3000 and count_near(image, MIRIM_GREEN, 10) > 100  # the map, with its chips
    notes = slide.notes_slide.notes_text_frame.text
    assert "Daily NK (English), “North Korean intel agency to oversee expanded smuggling ops”, 2018-02-28" in notes
