"""Hostile values in every free-text field of every table, in a real browser: no page, popup or
exported document obeys them.

The values (tests/security/hostile.py) are run in batches, one app per batch, each value of a
batch in its own rows. Every page and the briefing view are opened, every marker's tooltip and
popup on every map, and the briefing and before/after HTML files: no dialog opens, no script
error is thrown, no inline code is blocked (it would mean it got in), no element that only an
injection makes exists, and nothing is fetched from another host. Each popup shows its place's
name exactly as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browser.watch import PAGES, Watch, open_popups, settle, undrawn
from browser_helpers import start_app, stop_app
from security.hostile import VALUES, Cells, Hostile, batches, hostile_copy

from border_atlas import FilterState, load_dataset, select
from border_atlas.exports import EXPORTS
from border_atlas.filters.link import BriefingText
from border_atlas.loading.dataset import DATA_DIR

pytestmark = pytest.mark.browser
BATCHES = batches(VALUES)


@dataclass(frozen=True)
class HostileApp:
    url: str
    folder: Path
    cells: Cells
    values: list[Hostile]

    def place_names(self) -> dict[str, str]:
        """Each place's name as a browser lays it out (runs of white space are one space)."""
        return {ident: shown(text) for (table, ident, field), text in self.cells.items()
                if (table, field) == ("places", "name")}


def shown(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


@pytest.fixture(scope="module", params=range(len(BATCHES)), ids=lambda i: f"batch{i + 1}")
def hostile_app(request, chromium, tmp_path_factory):
    values = BATCHES[request.param]
    folder = tmp_path_factory.mktemp("hostile") / "data"
    cells = hostile_copy(values, DATA_DIR, folder)
    # Every value is accepted as text: nothing is left out, so every field is on show.
    assert [str(p) for p in load_dataset(folder).problems] == []
    url, process = start_app(data=folder)
    yield HostileApp(url, folder, cells, values)
    stop_app(process)


def marker_frames(page) -> list:
    return [f for f in page.frames if f != page.main_frame and f.query_selector(".leaflet-marker-pane .ba-sym")]


def test_no_page_or_popup_obeys_a_value(page, hostile_app):
    watch = Watch({urlparse(hostile_app.url).netloc}).on(page)
    headings: dict[str, str | None] = {}
    blank: list[str] = []
    for path in PAGES:
        page.goto(f"{hostile_app.url}/{path}")
        settle(page, path)
        blank += [f"{path or 'dashboard'}: {chart}" for chart in undrawn(page)]
        for frame in marker_frames(page):
            opened = open_popups(frame)
            headings.update(opened if path == "" else {})
        page.wait_for_timeout(300)
        watch.inspect(page, path or "dashboard")
    assert not watch.problems(), watch.problems()
    assert blank == []
    names = hostile_app.place_names()
    assert len(headings) >= 10
    assert {ident: shown(heading) for ident, heading in headings.items()} == {ident: names[ident] for ident in headings}


def test_no_exported_document_obeys_a_value(browser, hostile_app, tmp_path):
    selection = select(load_dataset(hostile_app.folder), FilterState())
    texts = [v.text for v in hostile_app.values]
    briefing = BriefingText(" ".join(texts[0::3]), " ".join(texts[1::3]), " ".join(texts[2::3]))
    for export in (e for e in EXPORTS if e.key in ("html", "comparison")):
        path = tmp_path / f"{export.key}.html"
        path.write_bytes(export.build(selection, briefing))
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                      else route.abort())
        page = context.new_page()
        watch = Watch(set()).on(page)
        page.goto(path.as_uri())
        page.wait_for_selector(".leaflet-marker-pane .ba-sym", state="attached", timeout=30_000)
        headings = open_popups(page.main_frame)
        page.wait_for_timeout(300)
        watch.inspect(page, export.label)
        if export.key == "html":
            assert page.locator("h1").text_content() == briefing.title
        context.close()
        assert not watch.problems(), f"{export.label}:\n{watch.problems()}"
        names = hostile_app.place_names()
        assert len(headings) >= 10
        assert {i: shown(h) for i, h in headings.items()} == {i: names[i] for i in headings}, export.label
