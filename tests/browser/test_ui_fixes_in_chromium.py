"""What a new user met at 1440×900, 1920×1080 and on a 390 px phone, in the real app: the map's deepest
zoom travels in a link, the stacked pages hold their whole content, popups fit a phone's map and open
on a tap, the Timeline fits its column, the Organisations graph reads, and the export buttons keep
their labels. One app serves every test and size here."""

from __future__ import annotations

import re

import pytest
from browser_helpers import MAP_FRAME, artifact, overlap, start_app, stop_app
from playwright.sync_api import expect

from border_atlas.filters.map_zoom import MAX_ZOOM, MIN_ZOOM

pytestmark = pytest.mark.browser
SIZES = {"laptop": (1440, 900), "monitor": (1920, 1080), "phone": (390, 844)}
DOCUMENT_FRAME = 'iframe[title="st.iframe"]'
MAP_OBJECT = "() => Object.values(window).find(v => v instanceof L.Map)"


@pytest.fixture(scope="module")
def app(chromium):
    url, process = start_app()
    yield url
    stop_app(process)


def _open(browser, url: str, size: str, *, touch: bool = False, **context_args):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch,
                                  **context_args)
    page = context.new_page()
    page.goto(url)
    return context, page


def _wait_for_map(page, frame_selector: str):
    frame = page.frame_locator(frame_selector).first
    expect(frame.locator(".ba-marker .ba-sym").first).to_be_attached(timeout=60_000)
    page.wait_for_timeout(1500)  # the fit and the label layout run after the layers are added
    return frame


def test_a_link_made_at_the_deepest_zoom_reopens_there(browser, app):
    context, page = _open(browser, app + "/?org=mss", "laptop", permissions=["clipboard-read", "clipboard-write"])
    frame = _wait_for_map(page, MAP_FRAME)
    limits = frame.locator("body").evaluate(f"() => {{ const m = ({MAP_OBJECT})(); "
                                            "return [m.getMinZoom(), m.getMaxZoom()]; }")
    assert limits == [MIN_ZOOM, MAX_ZOOM]
    zoom_in = frame.locator(".leaflet-control-zoom-in")
    for _ in range(25):  # as far in as the map lets the user go
        if "leaflet-disabled" in (zoom_in.get_attribute("class") or ""):
            break
        zoom_in.click()
        page.wait_for_timeout(300)
    frame.locator(".ba-copylink button").click()
    expect(frame.locator(".ba-copylink-status")).to_have_text("Copied")
    link = page.evaluate("() => navigator.clipboard.readText()")
    assert f"zoom={MAX_ZOOM}" in link
    context.close()
    context, page = _open(browser, link, "laptop")
    frame = _wait_for_map(page, MAP_FRAME)
    assert frame.locator("body").evaluate(f"() => ({MAP_OBJECT})().getZoom()") == MAX_ZOOM
    expect(page.get_by_text("the map shows all drawn places instead")).to_have_count(0)
    context.close()


STACKED = {
    "before-after": ("/Before_and_after", [".ba-cmp-title.t2", ".leaflet-container >> nth=1", ".ba-cmp-key",
                                           ".ba-cmp-foot"]),
    "briefing": ("/?briefing=1&org=office-39&banner=UNCLASSIFIED",
                 [".ba-notes .ba-legend", ".ba-notes ol", ".ba-foot", ".ba-banner.bottom"]),
}
FRAME_AND_DOCUMENT = """f => [f.getBoundingClientRect().height, f.contentDocument.documentElement.scrollHeight,
    f.contentDocument.documentElement.clientHeight]"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", STACKED)
def test_the_stacked_pages_hold_their_whole_content(browser, app, name, size):
    path, last_parts = STACKED[name]
    context, page = _open(browser, app + path, size, touch=size == "phone")
    frame = _wait_for_map(page, DOCUMENT_FRAME)
    page.wait_for_timeout(500)
    frame_height, document_height, view_height = page.locator(DOCUMENT_FRAME).first.evaluate(FRAME_AND_DOCUMENT)
    assert document_height <= view_height + 1, f"the document scrolls in its frame: {document_height} > {view_height}"
    assert frame_height >= document_height - 1
    for part in last_parts:  # the post-COVID map, the legend, the sources, the bottom banner
        element = frame.locator(part).first
        element.scroll_into_view_if_needed()
        box = element.bounding_box()
        assert box and box["height"] > 0
        assert box["y"] >= 0 and box["y"] + box["height"] <= SIZES[size][1] + 1, f"{part} is cut off: {box}"
    below = page.locator('[data-testid="stElementContainer"]:has(iframe) ~ [data-testid="stElementContainer"]'
                         ':not(:has(style))').first
    if below.count():  # what follows the frame starts under it, not over it
        frame_box = page.locator(DOCUMENT_FRAME).first.bounding_box()
        assert below.bounding_box()["y"] >= frame_box["y"] + frame_box["height"] - 1
    page.screenshot(path=artifact(f"ui-fixes-{name}-{size}.png"))
    context.close()


ON_TOP = """el => { const r = el.getBoundingClientRect(), hit = document.elementFromPoint(r.left + r.width / 2,
    r.top + r.height / 2); return !!hit && hit.closest(".ba-marker") === el.closest(".ba-marker"); }"""
PLACE_PAGES = {"dashboard": ("/", MAP_FRAME), "before-after": ("/Before_and_after", DOCUMENT_FRAME)}
POPUP = """() => {
    const map = document.querySelector(".leaflet-popup").closest(".leaflet-container"), m = map.getBoundingClientRect();
    const box = el => { const r = el.getBoundingClientRect(); return {x: r.left - m.left, y: r.top - m.top, w: r.width,
        h: r.height}; };
    const shown = el => el.offsetWidth > 0 && getComputedStyle(el).visibility !== "hidden";
    return {map: {w: m.width, h: m.height}, popup: box(document.querySelector(".leaflet-popup-content-wrapper")),
            controls: Array.from(map.querySelectorAll(".leaflet-control")).filter(shown).map(c =>
                Object.assign(box(c), {name: c.className}))};
}"""


@pytest.mark.parametrize("name", PLACE_PAGES)
def test_a_tap_on_a_phone_opens_a_popup_that_fits_the_map(browser, app, name):
    path, frame_selector = PLACE_PAGES[name]
    context, page = _open(browser, app + path, "phone", touch=True)
    frame = _wait_for_map(page, frame_selector)
    tapped: list[str] = []
    for number in range(3):
        # A popup pans the map; the next place is one whose label is still in view.
        shown = frame.locator(".ba-marker .ba-label").filter(visible=True).locator("b").all_inner_texts()
        place = next(n for n in shown if n and n not in tapped)
        tapped.append(place)
        marker = frame.locator(".ba-marker", has=frame.locator(".ba-label b", has_text=re.compile(f"^{place}$")))
        target = marker.locator(".ba-label").first
        if number % 2 and marker.locator(".ba-sym").first.evaluate(ON_TOP):  # its symbol, where nothing covers it
            target = marker.locator(".ba-sym").first
        target.scroll_into_view_if_needed()
        target.tap(timeout=10_000)
        expect(frame.locator(".leaflet-popup h3")).to_have_text(place, timeout=5_000)
        page.wait_for_timeout(600)  # the popup pans into view
        seen = frame.locator("body").evaluate(POPUP)
        popup, size = seen["popup"], seen["map"]
        assert popup["x"] >= 0 and popup["x"] + popup["w"] <= size["w"], f"{place}'s popup is wider than the map"
        assert popup["y"] >= 0 and popup["y"] + popup["h"] <= size["h"], f"{place}'s popup leaves the map"
        for control in seen["controls"]:
            assert overlap(popup, control) < 1, f"{control['name']} covers {place}'s popup"
        if number == 0:
            page.screenshot(path=artifact(f"ui-fixes-popup-{name}-phone.png"))
        frame.locator(".leaflet-popup-close-button").tap()
        expect(frame.locator(".leaflet-popup")).to_have_count(0)
    context.close()


TIMELINE = """el => {
    const box = el.closest('[data-testid="stVerticalBlock"]').getBoundingClientRect(), svg = el.querySelector("svg");
    if (!svg) { return null; }
    const texts = Array.from(svg.querySelectorAll("text")).filter(t => t.textContent.trim()).map(t => {
        const r = t.getBoundingClientRect(); return {text: t.textContent, left: r.left, right: r.right}; });
    return {left: box.left, right: box.right, svg: svg.getBoundingClientRect().width, texts: texts,
            years: Array.from(svg.querySelectorAll(".role-axis-label text")).map(t => t.textContent)};
}"""


@pytest.mark.parametrize("size", SIZES)
def test_the_timeline_fits_its_column_and_shows_every_year(browser, app, size):
    context, page = _open(browser, app + "/Timeline", size)
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    expect(chart.locator("svg .role-axis-label text").first).to_be_attached(timeout=60_000)
    page.wait_for_timeout(800)
    seen = chart.evaluate(TIMELINE)
    assert seen["svg"] <= seen["right"] - seen["left"] + 1, f"the chart is wider than the page's column: {seen}"
    for text in seen["texts"]:
        assert seen["left"] - 1 <= text["left"] and text["right"] <= seen["right"] + 1, f"{text} is cut off"
    years = [int(y) for y in seen["years"] if re.fullmatch(r"\d{4}", y)]
    assert min(years) <= 2017 and max(years) >= 2025, f"only {years} shown"
    legend = page.locator(".ba-tl-legend").first  # the timeline's; the counts over time have their own
    expect(legend.get_by_text("Ministry of State Security")).to_be_visible()
    shades = legend.locator("i[style*=opacity]").evaluate_all("els => els.map(e => getComputedStyle(e).opacity)")
    assert len(set(shades)) == 3
    page.screenshot(path=artifact(f"ui-fixes-timeline-{size}.png"))
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_bribe_charts_fit_the_column_and_show_their_amounts(browser, app, size):
    context, page = _open(browser, app + "/Timeline", size)
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts.nth(2).locator("svg .role-axis-label text").first).to_be_attached(timeout=60_000)
    page.wait_for_timeout(800)
    amounts = []
    for index in (1, 2):  # after the timeline: one chart per subject and currency
        seen = charts.nth(index).evaluate(TIMELINE)
        assert seen["svg"] <= seen["right"] - seen["left"] + 1, f"the chart is wider than the page's column: {seen}"
        for text in seen["texts"]:
            assert seen["left"] - 1 <= text["left"] and text["right"] <= seen["right"] + 1, f"{text} is cut off"
        amounts += [text["text"] for text in seen["texts"]]
    assert {"8,000–15,000 CNY", "25,000–30,000 CNY"} <= set(amounts)
    charts.nth(1).scroll_into_view_if_needed()
    page.screenshot(path=artifact(f"ui-fixes-bribes-{size}.png"))
    context.close()


GRAPH = """el => {
    const size = t => parseFloat(t.getAttribute("font-size")) * t.getScreenCTM().a;
    const texts = sel => Array.from(el.querySelectorAll(sel)).map(size);
    return {node: Math.min(...texts("g.node text")), edge: Math.min(...texts("g.edge text")),
            svg: el.querySelector("svg").getBoundingClientRect().width, block: el.clientWidth,
            scroll: el.scrollWidth, page: document.documentElement.scrollWidth, window: window.innerWidth,
            nodes: el.querySelectorAll("g.node").length};
}"""


@pytest.mark.parametrize("size", SIZES)
def test_the_organisations_graph_reads_and_has_a_key_to_its_shapes(browser, app, size):
    context, page = _open(browser, app + "/Organisations", size)
    charts = page.locator('[data-testid="stGraphVizChart"]')
    graph, key = charts.nth(0), charts.nth(1)
    expect(graph.locator("svg g.node").first).to_be_attached(timeout=60_000)
    expect(key.locator("svg g.node").first).to_be_attached(timeout=10_000)
    page.wait_for_timeout(800)
    seen = graph.evaluate(GRAPH)
    assert seen["node"] >= 11.9 and seen["edge"] >= 10, f"text too small to read: {seen}"
    assert seen["page"] <= seen["window"], "the graph widens the page"
    if seen["svg"] > seen["block"] + 1:  # wider than the column (a phone): it scrolls sideways in its block
        assert seen["scroll"] >= seen["svg"] - 1
    assert size == "phone" or seen["svg"] <= seen["block"] + 1, "the graph does not fit a desktop column"
    kinds = key.locator("g.node text").all_text_contents()
    assert "trading company" in kinds and any("border guard" in k for k in kinds)
    assert key.evaluate(GRAPH)["node"] >= 9.9
    graph.scroll_into_view_if_needed()
    page.screenshot(path=artifact(f"ui-fixes-organisations-{size}.png"))
    context.close()


BUTTONS = """() => Array.from(document.querySelectorAll(".st-key-ba-exports button")).map(b => {
    const r = b.getBoundingClientRect();
    const cut = [b, ...b.querySelectorAll("*")].some(e => e.scrollWidth > e.clientWidth + 1);  // an ellipsis
    return {text: b.textContent, cut: cut, x: r.left, right: r.right};
})"""


@pytest.mark.parametrize("size", SIZES)
def test_export_buttons_keep_their_labels(browser, app, size):
    context, page = _open(browser, app + "/", size)
    exports = page.locator(".st-key-ba-exports")
    expect(exports.get_by_role("button", name="Make Briefing PNG")).to_be_attached(timeout=60_000)
    exports.scroll_into_view_if_needed()
    buttons = page.evaluate(BUTTONS)
    assert len(buttons) >= 7
    for button in buttons:
        assert not button["cut"], f"{button['text']!r} is cut"
        assert button["right"] <= SIZES[size][0], f"{button['text']!r} runs off the page"
    page.screenshot(path=artifact(f"ui-fixes-exports-{size}.png"))
    context.close()


def test_the_progress_of_a_briefing_png_shows_where_its_button_is(browser, app):
    context, page = _open(browser, app + "/?briefing=1&org=office-39", "laptop")
    _wait_for_map(page, DOCUMENT_FRAME)
    button = page.get_by_role("button", name="Make Briefing PNG")
    button.scroll_into_view_if_needed()
    button.click()
    status = page.get_by_text("Making the Briefing PNG")
    expect(status).to_be_visible(timeout=10_000)
    box = status.bounding_box()
    assert 0 <= box["y"] <= SIZES["laptop"][1] - box["height"], f"the progress is out of sight: {box}"
    expect(page.locator(DOCUMENT_FRAME)).to_be_visible()  # the briefing stays on the page meanwhile
    expect(page.get_by_role("button", name="Briefing PNG")).to_be_visible(timeout=90_000)
    context.close()
