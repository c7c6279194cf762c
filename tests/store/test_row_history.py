"""The history of one row and of one report: who added, changed, reviewed, undid or imported it, and why."""

from __future__ import annotations

from border_atlas.store.row_history import ADDED, FIRST_IMPORT, REMOVED
from tests.store.store_helpers import report_rows, sample_save

SOURCE_A = "example-a-2025-01-01"


def summary(events) -> list[tuple[str, str, str | None]]:
    return [(e.change.kind, e.change.user, e.effect) for e in events]


def test_a_rows_history_names_who_added_reviewed_and_undid_it_and_why(store):
    saved = sample_save(store, "a", user="ana")
    sample_save(store, "b", user="ben")  # another row's history stays out
    reviewed = store.approve(user="rev", rows=[("assignments", "example-duty-a")],
                             comment="paragraph 1 says so").change.id
    undone = store.undo(saved.change.id, user="rev", note="wrong place")
    events = store.history_of_row("assignments", "example-duty-a")
    assert summary(events) == [("save", "ana", ADDED), ("approve", "rev", None), ("undo", "rev", REMOVED)]
    assert events[1].change.note == "paragraph 1 says so"
    assert [e.change.id for e in events] == [saved.change.id, reviewed, undone.change.id]
    assert events[0].change.note == "example save a" and events[2].change.note == "wrong place"
    assert events[0].change.undone_by == undone.change.id
    assert {e.row for e in events} == {("assignments", "example-duty-a")}


def test_a_row_from_the_first_import_names_that_import_as_its_origin(store, dataset):
    record = dataset.assignments["id"].iloc[0]
    (origin,) = store.history_of_row("assignments", record)
    assert (origin.change.kind, origin.change.user, origin.effect) == ("import", "setup", FIRST_IMPORT)
    assert store.history_of_row("assignments", "no-such-record") == []


def test_a_reports_history_holds_its_save_the_rows_citing_it_and_their_reviews_but_not_other_reports(store):
    saved = sample_save(store, "a", user="ana")
    other = sample_save(store, "b", user="ben")
    citing = {"assignments": [{**report_rows("c")["assignments"][0], "place_id": "example-place-a",
                               "source_id": SOURCE_A}]}
    later = store.save(rows=citing, expected=store.snapshot(), user="cho", note="one more from report a")
    reviewed = store.send_back(user="rev", rows=[("assignments", "example-duty-c")],
                               comment="check the date").change.id
    events = store.history_of_report(SOURCE_A)
    assert {e.change.id for e in events} == {saved.change.id, later.change.id, reviewed}
    assert other.change.id not in {e.change.id for e in events}
    assert ("assignments", "example-duty-c") in {e.row for e in events if e.change.id == reviewed}
    assert [e.change.id for e in events] == sorted(e.change.id for e in events)  # oldest first


def test_a_bundled_reports_history_starts_with_the_first_import(store, dataset):
    source = dataset.assignments["source_id"].iloc[0]
    events = store.history_of_report(source)
    assert events and {e.effect for e in events} == {FIRST_IMPORT}
    assert ("sources", source) in {e.row for e in events}


def test_the_last_save_of_a_user_is_theirs_and_not_undone(store):
    first = sample_save(store, "a", user="ana")
    sample_save(store, "b", user="ben")
    assert store.last_save_of("ana").id == first.change.id
    store.undo(user="ana")
    assert store.last_save_of("ana") is None
