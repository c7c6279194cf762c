"""The Review page (AppTest): a reviewer approves, sends back with a comment and rejects what an analyst saved,
each row beside the paragraph it cites; the author cannot decide on their own rows; readers and analysts are
told which role it takes; the author reads the comment on Add a report; single-user saves count at once."""

from __future__ import annotations

import json

from apptest_helpers import ROOT, TIMEOUT, map_args, plain, record_count, run_page
from streamlit.testing.v1 import AppTest

from border_atlas.store import roles as store_roles
from tests.store.store_helpers import ids, sample_save
from tests.ui.team_members import ANA, NEW, REV
from tests.ui.test_add_report_page import PAGE as ADD_PAGE
from tests.ui.test_add_report_page import data, edit, propose  # noqa: F401 (fixture)
from tests.ui.test_briefing_page import iframe_html
from tests.ui.test_team_pages import signed_in, texts

REVIEW = "pages/6_Review.py"
DUTY = "assignments_example-duty-a"


def _ana_saved(team):
    return sample_save(team, user=ANA).change.id


def test_a_reviewer_sees_each_record_beside_its_cited_paragraph_and_approves_it(team):
    change = _ana_saved(team)
    at = signed_in(REVIEW, REV)
    assert not at.exception
    shown = " ".join(plain(m.value) for m in at.markdown)
    assert "Report example-a-2025-01-01" in " ".join(plain(s.value) for s in at.subheader)
    assert "**¶ 1** First example paragraph." in shown  # the record cites paragraph 1 of the archived text
    assert "Second example paragraph" not in shown
    at.button(key=f"approval_approve_{change}_{DUTY}").click().run()
    assert not at.exception and any("Approved: 1 row of change" in plain(s.value) for s in at.success)
    assert "assignments" not in team.review_status() and "places" in team.review_status()
    assert team.history(1)[0].kind == "approve" and team.history(1)[0].user == REV
    assert f"approval_approve_{change}_{DUTY}" not in [b.key for b in at.button]  # decided: no longer listed


def test_sending_back_needs_a_comment_and_the_author_reads_it_on_add_a_report(team):
    change = _ana_saved(team)
    at = signed_in(REVIEW, REV)
    at.button(key=f"approval_send_back_{change}").click().run()
    assert any("needs a comment" in plain(e.value) for e in at.error)
    assert team.review_status()["assignments"] == {"example-duty-a": "pending"}
    at.text_input(key=f"approval_comment_{change}").input("Paragraph 1 names no <b>date</b>")
    at.button(key=f"approval_send_back_{change}").click().run()
    assert any("Sent back: 3 rows" in plain(s.value) for s in at.success)
    assert team.review_status()["assignments"] == {"example-duty-a": "sent back"}
    assert "**Sent back** by rev@example.org" in " ".join(plain(m.value) for m in at.markdown)  # still listed
    author = signed_in(ADD_PAGE, ANA)
    warned = " ".join(plain(w.value) for w in author.warning)
    assert "rev@example.org sent back your change" in warned and "Paragraph 1 names no <b>date</b>" in warned


def test_rejecting_all_of_a_report_removes_its_records(team):
    change = _ana_saved(team)
    at = signed_in(REVIEW, REV)
    at.text_input(key=f"approval_comment_{change}").input("Not about Ryanggang")
    at.button(key=f"approval_reject_{change}").click().run()
    assert any("Rejected: 3 rows" in plain(s.value) for s in at.success)
    assert "example-duty-a" not in ids(team, "assignments") and team.history(1)[0].note == "Not about Ryanggang"
    assert any("Nothing awaits review" in s.value for s in at.success) and not at.subheader


def test_the_author_cannot_decide_on_their_own_save(team):
    change = sample_save(team, user=REV).change.id
    at = signed_in(REVIEW, REV)
    assert "You saved these" in texts(at)
    assert at.button(key=f"approval_approve_{change}").disabled
    assert at.button(key=f"approval_approve_{change}_{DUTY}").disabled
    other = "vic@example.org"
    store_roles.set_role(team, other, "reviewer", granted_by="setup")
    assert not signed_in(REVIEW, other).button(key=f"approval_approve_{change}").disabled


def test_readers_and_analysts_are_told_the_page_takes_the_reviewer_role(team):
    _ana_saved(team)
    for user, role in ((NEW, "reader"), (ANA, "analyst")):
        at = signed_in(REVIEW, user)
        assert not at.exception
        assert f"a {role}" in texts(at) and "Reviewing records takes the reviewer role" in texts(at)
        assert not [b for b in at.button if b.key and b.key.startswith("approval_")]


def _briefing(user: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.user = {"is_logged_in": True, "email": user}
    at.query_params["briefing"] = "1"
    return at.run()


def test_on_the_map_a_pending_record_is_marked_and_the_briefing_leaves_it_out(team):
    change = _ana_saved(team)
    at = signed_in("dashboard.py", REV)
    drawn = json.dumps(map_args(at))
    assert "kind-town approx pending" in drawn and "kind-town pending" in drawn  # the symbol; the legend's row
    assert "records awaiting review (pending)" in drawn and 'class=\\"ba-pending\\"' in drawn
    assert "Pending review: saved, not yet approved" in drawn and record_count(at) == 22
    briefing = _briefing(REV)
    assert not briefing.exception and "ba-example-place-a" not in iframe_html(briefing)
    assert "Reviewed records only (1 pending hidden)" in iframe_html(briefing)
    team.approve(user=REV, save=change)
    assert "ba-example-place-a" in iframe_html(_briefing(REV))


def test_a_single_users_save_counts_at_once_in_the_briefing(data):  # noqa: F811
    at = propose(run_page(ADD_PAGE))
    edit(at, "assignments", {"edited_rows": {0: {"summary": "Opened an office there.", "role": "order"}},
                             "deleted_rows": [1]})
    at.button(key="ar_report_save").click().run()
    saved = next(plain(s.value) for s in at.success if "Saved" in s.value)
    assert "pending" not in saved
    briefing = run_page(query={"briefing": "1"})
    assert not briefing.exception and "ba-kapsan" in iframe_html(briefing)
