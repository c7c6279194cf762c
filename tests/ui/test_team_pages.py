"""The pages under a team's sign-in (AppTest): no identity, no data; a reader cannot add; saves carry the signed-in
analyst; only a reviewer undoes a save by name; an admin gives roles on the page."""

from __future__ import annotations

import pytest
from apptest_helpers import ROOT, TIMEOUT, map_args, plain
from streamlit.testing.v1 import AppTest

from border_atlas.store import roles as store_roles
from tests.ui.team_members import ANA, NEW, REV, RITA
from tests.ui.test_add_report_page import PAGE, edit, propose, table_with


def signed_in(path: str, email: str | None) -> AppTest:
    at = AppTest.from_file(str(ROOT / path), default_timeout=TIMEOUT)
    at.user = {"is_logged_in": False} if email is None else {"is_logged_in": True, "email": email}
    return at.run()


def texts(at: AppTest) -> str:
    return " ".join(plain(e.value) for kind in ("warning", "info", "markdown", "error", "caption")
                    for e in at.get(kind))


@pytest.mark.parametrize("path", ["dashboard.py", PAGE])
def test_a_request_the_proxy_did_not_sign_shows_whom_to_ask_and_no_data(team, monkeypatch, path):
    monkeypatch.setenv("BORDER_ATLAS_IDENTITY", "proxy")
    at = signed_in(path, None)
    assert not at.exception
    assert len(at.warning) == 1 and f"For access, ask {RITA}." in texts(at)  # (AppTest has no real peer address)
    assert not at.get("dataframe") and not at.text_area and not at.get("iframe")
    monkeypatch.setenv("BORDER_ATLAS_ADMIN_CONTACT", "the desk editor")
    assert "ask the desk editor" in texts(signed_in(path, None))


def test_signed_out_the_page_offers_the_sign_in_and_nothing_else(team):
    at = signed_in("dashboard.py", None)
    assert not at.exception and "not signed in" in texts(at)
    assert [b.label for b in at.button] == ["Sign in"] and not at.get("dataframe")


def test_a_reader_reads_the_map_but_is_told_why_add_a_report_is_closed(team):
    dashboard = signed_in("dashboard.py", NEW)  # signed in, no role given: a reader
    assert not dashboard.exception and "ba-marker" in map_args(dashboard)["feature_group"]
    assert f"Signed in as **{NEW}** (reader)" in " ".join(plain(c.value) for c in dashboard.sidebar.caption)
    page = signed_in(PAGE, NEW)
    assert not page.exception
    assert "Adding reports takes the analyst role" in texts(page) and f"ask {RITA}" in texts(page)
    assert not page.text_area and [b.key for b in page.button] == ["team_logout"]  # nothing to paste, save, undo


def test_a_save_carries_the_analyst_and_only_a_reviewer_may_undo_it_by_name(team):
    ana = propose(signed_in(PAGE, ANA))
    edit(ana, "assignments", {"edited_rows": {0: {"summary": "Opened an office there.", "role": "order"}},
                              "deleted_rows": [1]})
    ana.button(key="ar_report_save").click().run()
    assert not ana.exception and any("Saved" in plain(s.value) for s in ana.success)
    history = table_with(ana, "undone by")
    assert (history.loc[0, "what"], history.loc[0, "who"]) == ("save", ANA)
    assert "ar_undo_choice" not in [s.key for s in ana.selectbox]  # an analyst undoes only their own
    assert "ar_import" not in [b.key for b in ana.button]  # and does not import the folder again for everyone
    assert "ar_undo" in [b.key for b in ana.button]

    reviewer = signed_in(PAGE, REV)
    saved = int(history.loc[0, "change"])
    reviewer.selectbox(key="ar_undo_choice").select(saved).run()
    reviewer.button(key="ar_undo_chosen").click().run()
    assert not reviewer.exception and any("Undone" in plain(s.value) for s in reviewer.success)
    change = team.history(1)[0]
    assert (change.kind, change.user, change.undoes) == ("undo", REV, saved)


def test_an_admin_gives_a_role_on_the_page_and_an_analyst_sees_no_roles(team):
    assert "Team roles" not in [h.value for h in signed_in(PAGE, ANA).header]
    admin = signed_in(PAGE, RITA)
    assert "Team roles" in [h.value for h in admin.header] and "ar_import" in [b.key for b in admin.button]
    admin.text_input(key="team_role_user").input(NEW)
    admin.selectbox(key="team_role_role").select("analyst")
    next(b for b in admin.button if b.label == "Give the role").click().run()
    assert not admin.exception and any(f"{NEW} is now analyst" in plain(s.value) for s in admin.success)
    assert store_roles.role_of(team, NEW) == "analyst"
    grants = table_with(admin, "granted by")
    assert (grants.set_index("user").loc[NEW, "granted by"]) == RITA
    assert "ar_paste" in [t.key for t in signed_in(PAGE, NEW).text_area]  # the new analyst may add reports
