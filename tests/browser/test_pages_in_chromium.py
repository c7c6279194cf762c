"""Each analysis page in a real browser: it draws its chart or graph, offline, and is saved as a picture."""

from __future__ import annotations

import pytest
from browser_helpers import artifact
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("path", "ready", "name"), [
    ("/Timeline?org=office-39&org=brigade-25&org=mss", ".vega-embed canvas, .vega-embed svg", "timeline"),
    ("/Organisations", '[data-testid="stGraphVizChart"] svg g.node', "organisations"),
    ("/Sources", '[data-testid="stDataFrame"]', "sources"),
])
def test_page_draws_offline(page, app_url, requests_seen, path, ready, name):
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(app_url + path)
    expect(page.locator(ready).first).to_be_visible(timeout=45_000)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.wait_for_timeout(1200)
    page.screenshot(path=artifact(f"page-{name}.png"))
    hosts = {u.split("/")[2] for u in requests_seen if u.startswith(("http", "ws"))}
    assert hosts == {app_url.split("/")[2]}, hosts


def test_graph_names_the_2018_pairings(page, app_url):
    page.goto(app_url + "/Organisations?org=office-39")
    graph = page.locator('[data-testid="stGraphVizChart"] svg')
    expect(graph.locator("g.node").first).to_be_visible(timeout=45_000)
    for text in ("Kumgang Office", "Mirim Shipping Company", "Hyetan 2018", "Kangan 2018"):
        expect(graph.get_by_text(text).first).to_be_visible()
