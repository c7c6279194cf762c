"""The History page (AppTest) under a team's sign-in: a record's and a report's history in words; a reviewer
reverts a named save (and is told when it cannot be); an analyst undoes only their own; a reader only reads.
And the page list: a page a role may not use is not listed, yet says why when opened by its address."""

from __future__ import annotations

import pytest
import streamlit as st
from apptest_helpers import ROOT, TIMEOUT, map_args, plain
from streamlit.testing.v1 import AppTest

from border_atlas.store import DataStore
from border_atlas.store import roles as store_roles
from tests.store.store_helpers import report_rows, sample_save
from tests.ui.team_members import ANA, BEN, NEW, REV, RITA

PAGE = "pages/7_History.py"
SOURCE_A, SOURCE_B = "example-a-2025-01-01", "example-b-2025-01-01"


def signed_in(email: str, path: str = PAGE, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / path), default_timeout=TIMEOUT)
    at.user = {"is_logged_in": True, "email": email}
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def lines(at: AppTest) -> list[dict]:
    """The history table's rows as the reader sees them (its cells are escaped Markdown)."""
    (table,) = [t.value for t in at.table if "undone by" in t.value.columns]
    return table.map(plain).to_dict("records")


def shown(at: AppTest, kind: str) -> str:
    return " ".join(plain(e.value) for e in at.get(kind))


def citing_save(store: DataStore, *, user: str):
    """A record of report A at report A's place, saved by ``user`` after report A."""
    rows = {"assignments": [{**report_rows("c")["assignments"][0], "place_id": "example-place-a",
                             "source_id": SOURCE_A}]}
    return store.save(rows=rows, expected=store.snapshot(), user=user, note="one more record from report A")


def test_a_reader_sees_a_records_history_from_a_link_and_no_button(team):
    saved = sample_save(team, "a", user=ANA)
    reviewed = team.approve(user=REV, rows=[("assignments", "example-duty-a")], comment="paragraph 1 says so").change.id
    at = signed_in(NEW, record="example-duty-a")
    assert not at.exception
    assert at.radio(key="hist_kind").value == "record" and at.selectbox(key="hist_record").value == "example-duty-a"
    found = lines(at)
    assert [(line["who"], line["change"], line["why"]) for line in found] == [
        (REV, str(reviewed), "paragraph 1 says so"), (ANA, str(saved.change.id), "example save a")]
    assert [line["what"] for line in found] == ["approved", "saved: added"] and found[1]["undone by"] == ""
    assert [b.key for b in at.button] == ["team_logout"]  # a reader reverts nothing


def test_a_reports_history_names_its_rows_and_a_bad_link_is_said(team):
    saved = sample_save(team, "a", user=ANA)
    sample_save(team, "b", user=BEN)
    at = signed_in(NEW, report="no-such-report")
    assert not at.exception and "there is no report no-such-report" in shown(at, "info")
    at.radio(key="hist_kind").set_value("report").run()
    at.selectbox(key="hist_report").select(SOURCE_A).run()
    (only,) = lines(at)  # report B's save is not in report A's history
    assert only["change"] == str(saved.change.id) and only["who"] == ANA
    assert only["what"].startswith("saved: added source example-a-2025-01-01, added report text")
    assert at.query_params["report"] == SOURCE_A  # the address names the report shown, to be sent on
    bundled = signed_in(NEW, report="dailynk-2018-02-28")
    assert lines(bundled)[0]["what"].startswith("imported with the source folder: source dailynk-2018-02-28")


def test_a_reviewer_reverts_a_named_save_and_is_told_why_one_cannot_be(team):
    saved = sample_save(team, "a", user=ANA)
    later = citing_save(team, user=BEN)
    at = signed_in(REV, report=SOURCE_A)
    labels = [b.label for b in at.button if b.key.startswith("hist_revert_")]
    assert labels == [f"Revert change {later.change.id}", f"Revert change {saved.change.id}"]
    at.button(key=f"hist_revert_{saved.change.id}").click().run()
    assert not at.exception
    assert f"change {later.change.id} (save by {BEN}" in shown(at, "error")  # it refers to report A's place
    at.button(key=f"hist_revert_{later.change.id}").click().run()
    assert f"Reverted change {later.change.id}" in shown(at, "success")
    newest = team.history(1)[0]
    assert (newest.kind, newest.user, newest.undoes) == ("undo", REV, later.change.id)
    assert lines(at)[0]["what"] == f"undid change {later.change.id}: removed record example-duty-c"
    assert f"hist_revert_{later.change.id}" not in [b.key for b in at.button]  # undone: nothing left to revert


def test_an_analyst_undoes_only_their_own_last_save(team):
    sample_save(team, "a", user=ANA)
    bens = sample_save(team, "b", user=BEN)
    theirs = signed_in(ANA, report=SOURCE_B)
    assert not theirs.exception and [b.key for b in theirs.button] == ["team_logout"]  # Ben's save: no button
    own = signed_in(ANA, report=SOURCE_A)
    (undo,) = [b for b in own.button if b.key == "hist_undo_mine"]
    undo.click().run()
    assert not own.exception and "Reverted change" in shown(own, "success")
    newest = team.history(1)[0]
    assert (newest.kind, newest.user) == ("undo", ANA) and bens.change.undone_by is None
    assert team.history_of_row("assignments", "example-duty-b")[-1].change.undone_by is None


@pytest.fixture
def page_lists(monkeypatch):
    """Each run's page list as (title, visibility), seen on its way into the real st.navigation."""
    seen: list[list[tuple[str, str]]] = []
    real = st.navigation

    def listing(pages, **options):
        seen.append([(page.title, page.visibility) for page in pages])
        return real(pages, **options)

    monkeypatch.setattr(st, "navigation", listing)
    return seen


def listed(seen) -> list[str]:
    return [title for title, visibility in seen[-1] if visibility == "visible"]


def test_a_readers_page_list_has_no_add_a_report_and_the_page_says_why(team, page_lists):
    reader = signed_in(NEW, "dashboard.py")
    assert not reader.exception and "ba-marker" in map_args(reader)["feature_group"]  # the map page still renders
    assert listed(page_lists) == ["Map", "Before and after", "Timeline", "Organisations", "Sources", "History"]
    assert ("Review", "hidden") in page_lists[-1]  # registered, so its address says why rather than "not found"
    reader.switch_page("pages/5_Add_a_report.py").run()  # opened by its address: closed, saying why
    assert "Adding reports takes the analyst role" in shown(reader, "info") and not reader.text_area


def test_an_analysts_page_list_has_add_a_report_and_a_reviewers_has_review(team, page_lists):
    analyst = signed_in(ANA, "dashboard.py")
    assert not analyst.exception and "Add a report" in listed(page_lists) and "Review" not in listed(page_lists)
    analyst.switch_page("pages/7_History.py").run()
    assert not analyst.exception and analyst.title[0].value == "History"
    reviewer = signed_in(REV, "dashboard.py")
    assert not reviewer.exception and {"Add a report", "Review", "History"} <= set(listed(page_lists))


def test_on_ones_own_machine_every_page_is_listed(data_copy, monkeypatch, page_lists):
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(data_copy))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    assert not at.exception and "Add a report" in listed(page_lists) and "History" in listed(page_lists)


def test_the_role_is_checked_again_when_the_revert_button_is_clicked(team):
    saved = sample_save(team, "a", user=ANA)
    at = signed_in(REV, report=SOURCE_A)
    store_roles.set_role(team, REV, "analyst", granted_by=RITA)  # the role taken away while the page was open
    at.button(key=f"hist_revert_{saved.change.id}").click().run()
    assert not at.exception and "takes the reviewer role" in shown(at, "error")
    assert team.history(1)[0].id == saved.change.id  # nothing was undone


def test_add_a_report_links_to_the_history_page(team):
    analyst = signed_in(ANA, "dashboard.py")
    analyst.switch_page("pages/5_Add_a_report.py").run()
    assert not analyst.exception
    (link,) = [link for link in analyst.get("page_link") if "history" in link.proto.label]
    assert link.proto.page == "History"


def test_a_record_found_by_search_stays_chosen_and_the_search_is_kept(team):
    sample_save(team, "a", user=ANA)
    at = signed_in(NEW)
    at.radio(key="hist_kind").set_value("record").run()
    at.text_input(key="hist_search").input("example-duty").run()
    assert at.selectbox(key="hist_record").options == ["example-duty-a — Line one line two"]
    at.selectbox(key="hist_record").select("example-duty-a").run()
    at.run()  # a rerun with the record in the address does not open it again as a new link
    assert at.text_input(key="hist_search").value == "example-duty" and at.query_params["record"] == "example-duty-a"
    assert lines(at)[0]["who"] == ANA


def test_a_note_is_shown_as_its_text_never_as_markdown(team):
    note = "see [this](http://evil.example/x) **now** <b>bold</b>"
    team.save(rows=report_rows("a"), expected=team.snapshot(), user=ANA, note=note)
    at = signed_in(NEW, record="example-duty-a")
    (table,) = [t.value for t in at.table]
    (cell,) = table["why"]
    assert cell != note and plain(cell) == note  # escaped: no link, no bold, no HTML


def test_a_reports_history_says_what_was_sent_back_and_what_rejected(team):
    sample_save(team, "a", user=ANA)
    citing_save(team, user=BEN)
    team.send_back(user=REV, rows=[("assignments", "example-duty-a")], comment="which paragraph?")
    team.reject(user=REV, rows=[("assignments", "example-duty-c")], comment="not in the report")
    what = {line["why"]: line["what"] for line in lines(signed_in(NEW, report=SOURCE_A))}
    assert what["which paragraph?"] == "sent back record example-duty-a"
    assert what["not in the report"] == "rejected: removed record example-duty-c"
