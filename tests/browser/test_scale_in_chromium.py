"""The map at 10,000 records over 1,000 places: compact points in the browser, and a click lists a place's records."""

from __future__ import annotations

import numpy as np
import pytest
from browser_helpers import MAP_FRAME, artifact, start_app, stop_app
from playwright.sync_api import expect

from bench.synthetic import write_archive
from border_atlas import FilterState, load_dataset, select
from border_atlas.text.wording import count_label
from border_atlas.views.comparison import era_selections, era_summary

pytestmark = pytest.mark.browser
N_RECORDS, N_PLACES = 10_000, 1_000

# Zoom in on the place at payload row ``place`` until it stands alone, and say where it is drawn in the frame.
SHOW_PLACE = """(body, place) => new Promise((done, fail) => {
    const map = window.map || map_div;
    let group = null;
    map.eachLayer(layer => { if (layer instanceof L.MarkerClusterGroup) { group = layer; } });
    const marker = group.getLayers().find(m => m.feature.properties.place === place);
    map.setView(marker.getLatLng(), 14, {animate: false});
    const started = Date.now();
    (function wait() {
        if (map.hasLayer(marker)) {
            setTimeout(() => {
                const p = map.latLngToContainerPoint(marker.getLatLng());
                const box = map.getContainer().getBoundingClientRect();
                done({x: box.left + p.x, y: box.top + p.y});
            }, 500);
        } else if (Date.now() - started > 10000) {
            fail(new Error("the place is still inside a cluster at zoom 14"));
        } else {
            setTimeout(wait, 100);
        }
    })();
})"""

# Boxes of the shown labels and of the controls, relative to the map.
GEOMETRY = """() => {
    const map = document.querySelector(".leaflet-container"), origin = map.getBoundingClientRect();
    const box = el => { const r = el.getBoundingClientRect();
        return {x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height}; };
    const shown = el => getComputedStyle(el).display !== "none" && el.offsetWidth > 0;
    return {size: {w: origin.width, h: origin.height},
            labels: Array.from(map.querySelectorAll(".ba-clabel")).filter(shown).map(box),
            controls: Array.from(map.querySelectorAll(".leaflet-control")).filter(shown).map(box)};
}"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return write_archive(tmp_path_factory.mktemp("scale"), n_records=N_RECORDS, n_places=N_PLACES)


@pytest.fixture(scope="module")
def scale_url(chromium, archive):
    url, process = start_app(data=archive)
    yield url
    stop_app(process)


def standing_alone(archive) -> tuple[int, str, int]:
    """The busiest place with no other place within about 1 km: its row, name and record count."""
    dataset = load_dataset(archive)
    places = dataset.places
    lat, lon = places["lat"].to_numpy(), places["lon"].to_numpy()
    counts = dataset.assignments["place_id"].value_counts()
    for place_id in counts.index:
        row = int(np.flatnonzero(places["id"].to_numpy() == place_id)[0])
        near = (np.abs(lat - lat[row]) < 0.01) & (np.abs(lon - lon[row]) < 0.013)
        if near.sum() == 1:
            return row, places["name"].iloc[row], int(counts[place_id])
    raise AssertionError("no place stands alone")


def overlaps(a, b) -> bool:
    return (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])


def assert_labels_clear(frame) -> None:
    """Every label inside the map, clear of the legend and the other controls."""
    geometry = frame.locator("body").evaluate(GEOMETRY)
    for label in geometry["labels"]:
        assert label["x"] >= 0 and label["x"] + label["w"] <= geometry["size"]["w"], label
        assert label["y"] >= 0 and label["y"] + label["h"] <= geometry["size"]["h"], label
        assert not any(overlaps(label, control) for control in geometry["controls"]), label


@pytest.fixture
def monitor_page(browser):
    """A page the size of a desktop monitor (on narrower maps the first view gives up the legend's side)."""
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    yield page
    page.close()


def assert_data_clear_of_the_legend(frame) -> None:
    """No cluster or labelled place of the first view lies under the legend."""
    legend = frame.locator(".ba-legend").bounding_box()
    for item in frame.locator(".ba-cluster, .ba-clabel").all():
        box = item.bounding_box()
        assert not overlaps({"x": box["x"], "y": box["y"], "w": box["width"], "h": box["height"]},
                            {"x": legend["x"], "y": legend["y"], "w": legend["width"], "h": legend["height"]}), box


def test_ten_thousand_records_draw_as_points_and_a_click_lists_a_place(monitor_page, scale_url, archive):
    page = monitor_page
    page.goto(scale_url)
    frame = page.frame_locator(MAP_FRAME)
    container = frame.locator(".leaflet-container[data-ba-compact-draws]")
    expect(container).to_have_attribute("data-ba-compact-places", str(N_PLACES), timeout=90_000)
    # Places are grouped at the first zoom; no chip and no popup anywhere.
    expect(frame.locator(".ba-cluster").first).to_be_visible()
    assert frame.locator(".ba-marker, .leaflet-popup-pane *").count() == 0
    expect(frame.locator(".ba-legend-data")).to_contain_text("grouped at this zoom")
    page.wait_for_timeout(800)
    assert_labels_clear(frame)
    assert_data_clear_of_the_legend(frame)
    page.screenshot(path=artifact("scale-10000.png"))  # the README's copy is refreshed by hand, after a look

    row, name, count = standing_alone(archive)
    at = frame.locator("body").evaluate(SHOW_PLACE, row)
    assert frame.locator(".ba-clabel").count() >= 1, "zoomed in, the busiest places in view are labelled"
    assert_labels_clear(frame)
    frame_box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.move(frame_box["x"] + at["x"], frame_box["y"] + at["y"])
    expect(frame.locator(".leaflet-tooltip")).to_contain_text(f"{name} — {count_label(count)}")
    page.mouse.click(frame_box["x"] + at["x"], frame_box["y"] + at["y"])
    panel = page.locator(".st-key-ba-place-records")
    expect(panel).to_contain_text(f"{name}: {count_label(count)}", timeout=30_000)
    expect(panel.locator('[data-testid="stDataFrame"]')).to_be_visible()
    page.screenshot(path=artifact("scale-10000-click.png"), full_page=True)


COMPARISON = 'iframe[title="st.iframe"]'
# The era comparison's maps are globals of its document: the one drawn in the index-th map box.
ERA_MAP = """index => { const box = document.querySelectorAll(".leaflet-container")[index];
    return Object.values(window).find(value => value instanceof L.Map && value.getContainer() === box); }"""


def standing_alone_in(archive, era: int) -> tuple[int, str, int, str]:
    """As :func:`standing_alone`, among the places of one era of the comparison: row, name, count, era title."""
    dataset = load_dataset(archive)
    selection = era_selections(select(dataset, FilterState()))[era]
    places = dataset.places
    lat, lon = places["lat"].to_numpy(), places["lon"].to_numpy()
    counts = selection.records["place_id"].value_counts()
    for place_id in counts.index:
        row = int(np.flatnonzero(places["id"].to_numpy() == place_id)[0])
        near = (np.abs(lat - lat[row]) < 0.01) & (np.abs(lon - lon[row]) < 0.013)
        if near.sum() == 1:
            return row, places["name"].iloc[row], int(counts[place_id]), era_summary(selection).title
    raise AssertionError("no place stands alone")


def test_a_click_on_the_after_map_lists_that_eras_records(monitor_page, scale_url, archive):
    page = monitor_page
    page.goto(scale_url + "/Before_and_after")
    frame = page.frame_locator(COMPARISON)
    expect(frame.locator(".leaflet-container[data-ba-compact-draws]")).to_have_count(2, timeout=90_000)
    expect(page.get_by_text("Click a place on either map")).to_be_visible()
    row, name, count, title = standing_alone_in(archive, 1)
    page.locator(COMPARISON).scroll_into_view_if_needed()
    show = SHOW_PLACE.replace("const map = window.map || map_div;", f"const map = ({ERA_MAP})(1);")
    at = frame.locator("body").evaluate(show, row)
    box = page.locator(COMPARISON).bounding_box()
    page.mouse.move(box["x"] + at["x"], box["y"] + at["y"])
    expect(frame.locator(".leaflet-tooltip")).to_contain_text(f"{name} — {count_label(count)}")
    page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    panel = page.locator(".st-key-ba-place-records")
    expect(panel).to_contain_text(f"{name}, {title}: {count_label(count)}", timeout=30_000)
    expect(panel.locator('[data-testid="stDataFrame"]')).to_be_visible()
    # The document was not sent anew: both maps still show the place, zoomed in.
    assert frame.locator("body").evaluate(f"() => [0, 1].map(k => ({ERA_MAP})(k).getZoom())") == [14, 14]
    page.screenshot(path=artifact("scale-10000-before-after-click.png"), full_page=True)
