"""Two app servers on one PostgreSQL database, an analyst on each saving a report at the same moment.

Both servers are started as `make run` starts the app, pointed at the same database. Both analysts
check their drafts, then press "Save" one right after the other: one save lands, the other is refused
because the data changed since its page read it (nothing half-written), and after "Read the data
again" and a second press it lands too. Each server then shows both reports.
"""

from __future__ import annotations

import shutil

import pytest
from browser_helpers import artifact, start_app, stop_app
from databases import fresh_postgres_database
from playwright.sync_api import expect

from border_atlas.loading.dataset import DATA_DIR
from border_atlas.store import DataStore
from tests.browser.test_add_report_edits_in_chromium import idle
from tests.browser.upload_flows import REPORTS, SOURCES, draft_and_check

pytestmark = [pytest.mark.browser, pytest.mark.postgresql]


@pytest.fixture
def two_servers(chromium, postgres_admin_url, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with fresh_postgres_database(postgres_admin_url) as url:
        store = DataStore(url)
        store.import_folder(data, user="setup")
        servers = [start_app(data=data, env={"BORDER_ATLAS_DATABASE": url}) for _ in range(2)]
        try:
            yield [server_url for server_url, _ in servers], store
        finally:
            for _, process in servers:
                stop_app(process)
            store.close()



def saved_sources(store: DataStore) -> set[str]:
    return set(store.contents().tables["sources"]["id"]) & set(SOURCES.values())


def test_two_servers_on_one_database_both_save_and_nothing_is_lost(browser, two_servers):
    (left_url, right_url), store = two_servers
    pages = {side: browser.new_context(viewport={"width": 1440, "height": 900}).new_page() for side in SOURCES}
    draft_and_check(pages["left"], left_url, "left")
    draft_and_check(pages["right"], right_url, "right")

    for side in SOURCES:  # at the same moment, as near as two clicks can be
        pages[side].get_by_role("button", name="Save the new rows").click()
    outcomes = {}
    for side, page in pages.items():
        saved, refused = page.get_by_text("Saved ("), page.get_by_text("The data changed since it was read")
        expect(saved.or_(refused).first).to_be_visible(timeout=90_000)
        outcomes[side] = "saved" if saved.count() else "refused"
    assert sorted(outcomes.values()) == ["refused", "saved"], outcomes
    loser = next(side for side, outcome in outcomes.items() if outcome == "refused")
    assert saved_sources(store) == {SOURCES[next(s for s in SOURCES if s != loser)]}  # nothing of the loser's

    page = pages[loser]
    page.get_by_role("button", name="Read the data again (keeps your draft)").click()
    idle(page)
    expect(page.get_by_text("No problem: the new rows meet every rule")).to_be_visible(timeout=90_000)
    page.get_by_role("button", name="Save the new rows").click()
    expect(page.get_by_text("Saved (")).to_be_visible(timeout=90_000)
    page.screenshot(path=artifact("two-servers-saved.png"))

    assert saved_sources(store) == set(SOURCES.values())
    records = store.contents().tables["assignments"]
    mine = records[records["source_id"].isin(list(SOURCES.values()))]
    assert sorted(mine["summary"]) == ["Told to work with the office (left).", "Told to work with the office (right)."]
    saves = [c for c in store.history() if c.kind == "save"]
    assert sorted(c.source_id for c in saves) == sorted(SOURCES.values())
    for side, base in ((s, u) for s, u in zip(SOURCES, (left_url, right_url), strict=True)):
        pages[side].goto(base + "/Sources")
        for outlet, published, text in REPORTS.values():  # each server shows both reports, whoever saved them
            heading = f"{outlet} — {text.splitlines()[0]} ({published}) · 1 record"
            expect(pages[side].get_by_text(heading).first).to_be_attached(timeout=90_000)
    for page in pages.values():
        page.context.close()
