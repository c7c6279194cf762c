"""The Timeline of a large selection in Chromium: counted cells, and a click lists the cell's records."""

from __future__ import annotations

import re

import pytest
from browser_helpers import artifact, start_app, stop_app
from playwright.sync_api import expect

from bench.synthetic import write_archive
from border_atlas import FilterState, load_dataset, select
from border_atlas.views.period_counts import cell_positions, period_counts

pytestmark = pytest.mark.browser
N_RECORDS, N_PLACES = 3_000, 300


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return write_archive(tmp_path_factory.mktemp("timeline"), n_records=N_RECORDS, n_places=N_PLACES)


@pytest.fixture(scope="module")
def app_url(chromium, archive):
    url, process = start_app(data=archive)
    yield url
    stop_app(process)


def test_clicking_a_cell_lists_its_records(page, app_url, archive):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{app_url}/Timeline")
    grid = page.locator(".vega-embed").first
    expect(grid.locator("svg")).to_be_visible(timeout=60_000)
    selection = select(load_dataset(archive), FilterState())
    # One mark per non-empty cell (organisation × month), none per record.
    cells = grid.locator("g.mark-rect path")
    expect(cells).to_have_count(len(period_counts(selection, "organisation", "month").cells))
    box = cells.nth(cells.count() // 2).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    listing = page.locator(".st-key-ba-cell-records")
    expect(listing).to_be_visible(timeout=60_000)
    heading = listing.locator('[data-testid="stMarkdownContainer"]').first.inner_text()
    row, period, count = re.fullmatch(r"(.+), (\d{4}-\d{2}): ([\d,]+) records? known to hold then", heading).groups()
    keys = dict(zip(selection.dataset.organisations["name"], selection.dataset.organisations["id"]))
    assert len(cell_positions(selection, "organisation", "month", keys[row], period)) == int(count.replace(",", ""))
    expect(listing.locator('[data-testid="stDataFrame"]')).to_be_visible()
    page.screenshot(path=artifact("timeline-cell-records-1440.png"), full_page=True)
