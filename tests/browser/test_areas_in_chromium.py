"""Records about a whole province in the browser: the post-COVID map draws the province's outline
with the MSS's name in its label at every screen size; no marker starts under a control; no label
shown for records is left without its organisations; a label opens its popup when clicked."""

from __future__ import annotations

import pytest
from browser_helpers import GEOMETRY, MAP_FRAME, artifact, overlap, start_app, stop_app
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SIZES = {"laptop": (1440, 900), "monitor": (1920, 1080), "phone": (390, 844)}
COMPARISON_FRAME = 'iframe[title="st.iframe"]'

# Per map: every label shown for a place with records, with the organisation lines it shows.
LABELS = """() => Array.from(document.querySelectorAll(".leaflet-container")).map(map =>
    Array.from(map.querySelectorAll(".leaflet-marker-pane .ba-marker .ba-label")).filter(label =>
        getComputedStyle(label).visibility !== "hidden" && label.offsetWidth > 0
    ).map(label => ({
        name: label.querySelector("b").textContent,
        organisations: Array.from(label.querySelectorAll(".ba-chip:not(.ba-area), .ba-orgs")).filter(line =>
            getComputedStyle(line).display !== "none" && line.offsetHeight > 0 && line.textContent.trim()
        ).map(line => line.textContent),
    })))"""
# Per map: the outlines drawn, by class, with their size on screen.
AREAS = """() => Array.from(document.querySelectorAll(".leaflet-container")).map(map =>
    Array.from(map.querySelectorAll("path.ba-outline")).map(path => {
        const r = path.getBoundingClientRect();
        return {cls: path.getAttribute("class"), fill: path.getAttribute("fill"), w: r.width, h: r.height};
    }))"""


@pytest.fixture(scope="module")
def app(chromium):
    url, process = start_app()
    yield url
    stop_app(process)


def open_page(browser, url: str, size: str, frame_selector: str, maps: int):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(url)
    frame = page.frame_locator(frame_selector).first
    expect(frame.locator(".leaflet-container[data-ba-fitted]")).to_have_count(maps, timeout=60_000)
    page.wait_for_timeout(1500)  # the labels are laid out after the fit
    return context, page, frame


def no_symbol_under_a_control(frame) -> None:
    for m in frame.locator("body").evaluate(GEOMETRY):
        for symbol in m["symbols"]:
            for control in m["controls"]:
                assert overlap(symbol, control) < 1, f"a marker starts under {control['name']}: {symbol}"


def every_label_has_its_organisations(frame) -> list[list[dict]]:
    maps = frame.locator("body").evaluate(LABELS)
    for labels in maps:
        for label in labels:
            assert label["organisations"], f"the label {label['name']!r} is shown without its organisations"
    return maps


@pytest.mark.parametrize("size", SIZES)
def test_the_post_covid_map_shows_the_mss_over_the_province(browser, app, size):
    context, page, frame = open_page(browser, app + "/Before_and_after", size, COMPARISON_FRAME, 2)
    before, after = every_label_has_its_organisations(frame)
    province = [label for label in after if label["name"] == "Ryanggang Province"]
    assert province and any(line.startswith("MSS") for line in province[0]["organisations"]), after
    _, outlines = frame.locator("body").evaluate(AREAS)
    ryanggang = [o for o in outlines if "ba-outline-ryanggang" in o["cls"]]
    assert ryanggang and ryanggang[0]["w"] > 50 and ryanggang[0]["h"] > 50
    assert ryanggang[0]["fill"].startswith("url(#ba-stripes-")  # MSS and private companies: striped
    assert len(before) >= 3
    no_symbol_under_a_control(frame)
    page.screenshot(path=artifact(f"areas-before-after-{size}.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_post_covid_dashboard_is_fitted_to_the_province(browser, app, size):
    context, page, frame = open_page(browser, app + "/?era=post-covid", size, MAP_FRAME, 1)
    zoom = frame.locator("body").evaluate("() => map_div.getZoom()")
    assert zoom <= 9, f"zoomed in to {zoom} around the province's label point"
    [outlines] = frame.locator("body").evaluate(AREAS)
    assert any("ba-outline-ryanggang" in o["cls"] and o["w"] > 150 for o in outlines)
    [labels] = every_label_has_its_organisations(frame)
    # A far province whose label the view holds after all is not also called "off this map".
    noted = frame.locator(".ba-offmap .ba-off-item").evaluate_all(
        "items => items.filter(i => i.offsetWidth > 0).map(i => i.textContent)")
    assert not [n for n in noted for label in labels if n.endswith(" at " + label["name"])], (noted, labels)
    no_symbol_under_a_control(frame)
    expect(frame.locator(".leaflet-control-attribution")).to_contain_text("Natural Earth")
    page.screenshot(path=artifact(f"areas-dashboard-post-covid-{size}.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_dashboard_keeps_every_marker_clear_and_labelled(browser, app, size):
    context, page, frame = open_page(browser, app + "/", size, MAP_FRAME, 1)
    [labels] = every_label_has_its_organisations(frame)
    assert len(labels) >= 4
    no_symbol_under_a_control(frame)
    page.screenshot(path=artifact(f"areas-dashboard-{size}.png"), full_page=True)
    context.close()


def test_every_label_on_the_comparison_opens_its_popup(browser, app):
    # The map took focus on a press and scrolled the page, so the release landed elsewhere: Kangan's label,
    # near the top of a map taller than the window, opened nothing.
    context, page, frame = open_page(browser, app + "/Before_and_after", "laptop", COMPARISON_FRAME, 2)
    names = [label["name"] for label in frame.locator("body").evaluate(LABELS)[0]]
    assert "Kangan" in names and "Yonbong" in names
    for name in names:
        page.reload()  # a popup pans the map to make room: each label is clicked on the first view
        expect(frame.locator(".leaflet-container[data-ba-fitted]")).to_have_count(2, timeout=60_000)
        page.wait_for_timeout(1500)
        before = frame.locator(".leaflet-container").first
        before.locator(".ba-marker .ba-label", has_text=name).first.click()
        expect(before.locator(".leaflet-popup h3")).to_have_text(name, timeout=5_000)
    context.close()
