"""Hostile text in the data and in links makes the browser fetch nothing from another host."""

from __future__ import annotations

import shutil

import pytest
from browser_helpers import MAP_FRAME, start_app, stop_app
from helpers import read_rows, write_rows
from playwright.sync_api import expect

from border_atlas.loading.dataset import DATA_DIR

pytestmark = pytest.mark.browser
IMAGE = "![x](http://evil.example/x.png)"
SHOWN = IMAGE.replace("://", ":\u2060//")  # Markdown text carries a word joiner so that no address is linked
FIELDS = {"eras": ["name"], "organisations": ["name", "note"], "places": ["name"],
          "sources": ["outlet", "title", "locator", "note"]}
PAGES = ["", "Before_and_after", "Timeline", "Organisations?org=mirim", "Sources", "?briefing=1"]


@pytest.fixture(scope="module")
def hostile_app(chromium, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DATA_DIR, folder)
    for table, fields in FIELDS.items():
        header, rows = read_rows(folder / f"{table}.csv")
        for row in rows:
            for field in fields:
                row[field] = f"{row[field]} {IMAGE} http://evil.example/bare www.evil.example"
        write_rows(folder / f"{table}.csv", header, rows)
    url, process = start_app(data=folder)
    yield url
    stop_app(process)


def visit_everything(page, base: str) -> None:
    for path in PAGES:
        page.goto(f"{base}/{path}")
        expect(page.locator('[data-testid="stApp"]')).to_be_visible(timeout=30_000)
        page.wait_for_timeout(2500)


def test_hostile_data_text_fetches_nothing(page, hostile_app, requests_seen):
    visit_everything(page, hostile_app)
    expect(page.get_by_text(SHOWN).first).to_be_attached()  # the payload is on the page, as text
    hosts = {u.split("/")[2] for u in requests_seen if u.startswith(("http", "ws"))}
    assert hosts == {hostile_app.split("/")[2]}, hosts


def test_hostile_link_parameters_fetch_nothing(page, app_url, requests_seen):
    for query in (f"?org={IMAGE}", f"?title={IMAGE}&briefing=1", "?online=1", f"?place={IMAGE}&era=$x$"):
        page.goto(f"{app_url}/{query}")
        expect(page.locator('[data-testid="stApp"]')).to_be_visible(timeout=30_000)
        page.wait_for_timeout(2500)
    hosts = {u.split("/")[2] for u in requests_seen if u.startswith(("http", "ws"))}
    assert hosts == {app_url.split("/")[2]}, hosts


def test_online_parameter_loads_no_tile(page, app_url, requests_seen):
    page.goto(f"{app_url}/?online=1")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".ba-marker .ba-sym").first).to_be_visible(timeout=45_000)
    assert not [u for u in requests_seen if "tile" in u or "arcgis" in u]
    expect(page.get_by_text("it stays off until you switch it on yourself")).to_be_visible()
