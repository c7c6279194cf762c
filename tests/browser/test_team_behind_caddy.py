"""The team recipe, as the README gives it: two app processes on one PostgreSQL behind Caddy, which signs
users in (basic authentication, for the test) and names them to the app in X-Forwarded-User.

Two analysts, each pinned to one app process, save a report at the same moment: both saves land
(the one refused as stale lands after "Read the data again"), each under its analyst's name. A
reviewer approves one and sends the other back with a comment: the briefing view shows the approved
report and not the pending one, and the History page lists every step. A reader cannot open (or see)
Add a report. The same header sent straight to an app process, from an address
that is not the proxy's, is not believed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from browser_helpers import ROOT, _free_port, artifact
from databases import fresh_postgres_database
from playwright.sync_api import expect

from border_atlas.loading.dataset import DATA_DIR
from border_atlas.store import DataStore
from border_atlas.store import roles as store_roles
from tests.browser.test_add_report_edits_in_chromium import idle
from tests.browser.upload_flows import REPORTS, SOURCES, draft_and_check

pytestmark = [pytest.mark.browser, pytest.mark.postgresql]
PASSWORD = "correct horse"  # one password for the test's users; Caddy keeps only its bcrypt hash
ANALYSTS = {"left": "ana", "right": "ben"}
COMMENT = "Name the unit and cite the paragraph that says so."
SERVE = str(ROOT / "scripts" / "serve_team.sh")


def own_address() -> str | None:
    """This machine's address on its network (not loopback): where a request that bypasses the proxy comes from."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent for a UDP connect
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def wait_until_up(url: str, process: subprocess.Popen, user: str | None = None) -> None:
    request = urllib.request.Request(url + "/_stcore/health")
    if user:
        token = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"{url} did not start (exit code {process.poll()})")


def pinned_to(app: str) -> str:
    """The value of Caddy's cookie that sends a session to the app process ``app`` (HMAC-SHA256 of its address,
    with the empty secret the Caddyfile leaves)."""
    return hmac.new(b"", app.encode(), hashlib.sha256).hexdigest()


def users_file(folder) -> str:
    hashed = subprocess.run(["caddy", "hash-password", "--plaintext", PASSWORD], capture_output=True, text=True,
                            check=True).stdout.strip()
    path = folder / "users"
    path.write_text("".join(f"{user} {hashed}\n" for user in ("ana", "ben", "rea", "rev", "rita")), encoding="utf-8")
    return str(path)


@pytest.fixture
def team(chromium, postgres_admin_url, tmp_path):
    if shutil.which("caddy") is None:
        pytest.fail("Caddy is missing: apt-get install -y caddy") if os.environ.get("CI") == "true" else pytest.skip(
            "No Caddy: apt-get install -y caddy")
    address = own_address()
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with fresh_postgres_database(postgres_admin_url) as url:
        store = DataStore(url)
        store.import_folder(data, user="setup")
        for user, role in (("rita", "admin"), ("ana", "analyst"), ("ben", "analyst"), ("rev", "reviewer")):
            store_roles.set_role(store, user, role, granted_by="setup")
        ports = [_free_port(), _free_port()]
        proxy_port = _free_port()
        env = {**os.environ, "PYTHON": sys.executable, "BORDER_ATLAS_DATABASE": url, "BORDER_ATLAS_DATA": str(data),
               "BORDER_ATLAS_BASEMAPS": "off", "ATLAS_APP_ADDRESS": "0.0.0.0",  # noqa: S104 (reached from own_address)
               "BORDER_ATLAS_ALLOWED_HOSTS": address or "", "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
               "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"), "ATLAS_SITE": f"http://127.0.0.1:{proxy_port}",
               "ATLAS_APPS": " ".join(f"127.0.0.1:{p}" for p in ports), "ATLAS_USERS": users_file(tmp_path)}
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env, "cwd": ROOT}
        processes = [subprocess.Popen([SERVE, "app", str(port)], **quiet) for port in ports]
        processes.append(subprocess.Popen([SERVE, "proxy"], **quiet))
        try:
            for port, process in zip(ports, processes, strict=False):
                wait_until_up(f"http://127.0.0.1:{port}", process)
            proxy = f"http://127.0.0.1:{proxy_port}"
            wait_until_up(proxy, processes[-1], user="ana")
            yield {"proxy": proxy, "apps": [f"127.0.0.1:{p}" for p in ports], "ports": ports, "address": address,
                   "store": store}
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=20)
            store.close()



def signed_in(browser, user: str, proxy: str, app: str | None = None):
    context = browser.new_context(viewport={"width": 1440, "height": 900},
                                  http_credentials={"username": user, "password": PASSWORD})
    if app:
        context.add_cookies([{"name": "atlas_process", "value": pinned_to(app), "url": proxy}])
    return context.new_page()


def test_two_analysts_through_caddy_save_at_once_each_under_their_name(browser, team):
    proxy, store = team["proxy"], team["store"]
    pages = {side: signed_in(browser, user, proxy, app) for (side, user), app in zip(ANALYSTS.items(), team["apps"],
                                                                                      strict=True)}
    for side, page in pages.items():
        draft_and_check(page, proxy, side)
        expect(page.get_by_text(f"Signed in as {ANALYSTS[side]} (analyst).")).to_be_visible()
    for page in pages.values():  # at the same moment, as near as two clicks can be
        page.get_by_role("button", name="Save the new rows").click()
    for page in pages.values():
        saved, refused = page.get_by_text("Saved ("), page.get_by_text("The data changed since it was read")
        expect(saved.or_(refused).first).to_be_visible(timeout=90_000)
        if not saved.count():
            page.get_by_role("button", name="Read the data again (keeps your draft)").click()
            idle(page)
            expect(page.get_by_text("No problem: the new rows meet every rule")).to_be_visible(timeout=90_000)
            page.get_by_role("button", name="Save the new rows").click()
            expect(page.get_by_text("Saved (")).to_be_visible(timeout=90_000)
    pages["right"].screenshot(path=artifact("team-behind-caddy-saved.png"))

    saves = {c.source_id: c.user for c in store.history() if c.kind == "save"}
    assert saves == {SOURCES[side]: user for side, user in ANALYSTS.items()}
    records = store.contents().tables["assignments"]
    assert set(records[records["source_id"].isin(list(SOURCES.values()))]["summary"]) == {
        f"Told to work with the office ({side})." for side in REPORTS}
    for (side, page), app in zip(pages.items(), team["apps"], strict=True):  # each stayed on its own process
        cookie = next(c for c in page.context.cookies() if c["name"] == "atlas_process")
        assert cookie["value"] == pinned_to(app), side
        history = page.get_by_test_id("stDataFrame").filter(has_text="undone by").first
        expect(history).to_be_visible()
        expect(page.get_by_test_id("stSidebarNav").get_by_role("link", name="Add a report")).to_be_visible()
        page.goto(f"{proxy}/History?report={SOURCES[side]}")  # the History page names who saved the report
        saved = page.get_by_test_id("stTable").filter(has_text=ANALYSTS[side]).first
        expect(saved).to_be_visible(timeout=90_000)
        page.context.close()
    a_reviewer_approves_one_report_and_sends_the_other_back(browser, team)


def a_reviewer_approves_one_report_and_sends_the_other_back(browser, team) -> None:
    """A third user, a reviewer, decides; the briefing then holds the approved report and not the pending one,
    and the History page names each decision, who made it and why."""
    proxy, store = team["proxy"], team["store"]
    saves = {c.source_id: c.id for c in store.history() if c.kind == "save"}
    page = signed_in(browser, "rev", proxy)
    page.goto(proxy + "/Review")
    approved = page.locator(f".st-key-approval_save_{saves[SOURCES['left']]}")
    expect(approved.get_by_text("Border notes").first).to_be_visible(timeout=90_000)
    idle(page)
    page.screenshot(path=artifact("team-review.png"))
    approved.get_by_role("button", name="Approve all of this report").click()
    expect(page.get_by_text("Approved: ")).to_be_visible(timeout=90_000)
    idle(page)
    sent_back = page.locator(f".st-key-approval_save_{saves[SOURCES['right']]}")
    comment = sent_back.get_by_label("Comment (needed to send back)").first
    comment.fill(COMMENT)
    comment.press("Enter")
    idle(page)
    sent_back.get_by_role("button", name="Send all of this report back").click()
    expect(page.get_by_text("Sent back: ")).to_be_visible(timeout=90_000)
    page.screenshot(path=artifact("team-reviewer-decided.png"))

    decisions = {(c.source_id, c.kind, c.user, c.note) for c in store.history() if c.kind in ("approve", "send back")}
    assert decisions == {(SOURCES["left"], "approve", "rev", ""), (SOURCES["right"], "send back", "rev", COMMENT)}
    page.goto(proxy + "/?briefing=1")  # reviewed records only, by default
    notes = page.frame_locator("iframe").first.locator(".ba-notes")
    expect(notes).to_contain_text("Example Weekly", timeout=90_000)
    expect(notes).not_to_contain_text("Example Daily")
    page.screenshot(path=artifact("team-briefing-reviewed-only.png"))
    for side, words in (("left", ("approved", "rev", ANALYSTS["left"])),
                        ("right", ("sent back", "rev", COMMENT, ANALYSTS["right"]))):
        page.goto(f"{proxy}/History?report={SOURCES[side]}")
        table = page.get_by_test_id("stTable").first
        for word in words:
            expect(table).to_contain_text(word, timeout=90_000)
        page.screenshot(path=artifact(f"team-history-{side}.png"))
    page.context.close()


def test_a_reader_through_caddy_cannot_open_add_a_report(browser, team):
    page = signed_in(browser, "rea", team["proxy"])
    page.goto(team["proxy"] + "/Add_a_report")
    expect(page.get_by_text("Adding reports takes the analyst role")).to_be_visible(timeout=90_000)
    expect(page.get_by_text("ask rita")).to_be_visible()
    expect(page.get_by_label("The report: its title on the first line")).to_have_count(0)
    pages = page.get_by_test_id("stSidebarNav")  # the page list leaves out what a reader may not use
    expect(pages.get_by_role("link", name="History")).to_be_visible()
    expect(pages.get_by_role("link", name="Add a report")).to_have_count(0)
    page.screenshot(path=artifact("team-reader-add-a-report.png"))
    page.context.close()


def test_a_user_header_sent_straight_to_an_app_process_is_believed_only_from_the_proxys_address(browser, team):
    if team["address"] is None:
        pytest.skip("this machine has no address but loopback to send a request from")
    forged = {"X-Forwarded-User": "rita"}
    context = browser.new_context(viewport={"width": 1440, "height": 900}, extra_http_headers=forged)
    page = context.new_page()
    page.goto(f"http://{team['address']}:{team['ports'][0]}/Add_a_report")
    expect(page.get_by_text("This address is not served directly")).to_be_visible(timeout=90_000)
    expect(page.get_by_text("For access, ask rita.")).to_be_visible()
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    page.screenshot(path=artifact("team-forged-header.png"))
    # the control: the same header from the proxy's address (loopback) is believed, so it did reach the app
    page.goto(f"http://127.0.0.1:{team['ports'][0]}/Add_a_report")
    expect(page.get_by_text("Signed in as rita (admin).")).to_be_visible(timeout=90_000)
    context.close()
