"""Review before a record counts: pending saves, decisions by someone other than the author, in the history."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from border_atlas.loading.dataset import DATA_DIR
from border_atlas.store import ArchivedReport, DataStore, InvalidInput, ReviewRefused, UndoRefused, history
from border_atlas.store.migrations import alembic_config
from border_atlas.store.reviews import SINGLE_USER
from border_atlas.store.sql_tables import metadata, reference_columns, reference_index
from tests.store.store_helpers import REPORT_TEXT, ids, report_rows, sample_save

DUTY = ("assignments", "example-duty-a")


def _row_changes(store: DataStore, change_id: int):
    with store.reading() as connection:
        return history.row_changes(connection, change_id)


def test_a_save_is_pending_under_its_author_and_imported_rows_are_not(store):
    saved = sample_save(store, user="ana")
    assert store.review_status() == {"sources": {"example-a-2025-01-01": "pending"},
                                     "places": {"example-place-a": "pending"},
                                     "assignments": {"example-duty-a": "pending"}}
    assert store.contents().reviews == store.review_status()
    [waiting] = store.pending_reviews()
    assert waiting.change.id == saved.change.id and waiting.source_id == "example-a-2025-01-01"
    assert [(r.table_name, r.row_id, r.author) for r in waiting.reviews] == [
        ("sources", "example-a-2025-01-01", "ana"), ("places", "example-place-a", "ana"),
        ("assignments", "example-duty-a", "ana")]
    assert waiting.rows["assignments"][0]["summary"] == "Line one\nline two"
    with pytest.raises(ReviewRefused, match="imported from the folder"):
        store.approve(user="ben", rows=[("places", "hyesan")])


def test_the_author_cannot_decide_on_their_own_rows(store):
    saved = sample_save(store, user="ana")
    for decide in (lambda: store.approve(user="ana", rows=[DUTY]),
                   lambda: store.reject(user="ana", save=saved.change.id, comment="no"),
                   lambda: store.send_back(user="ana", save=saved.change.id, comment="fix")):
        with pytest.raises(ReviewRefused, match=r"You \(ana\) added .* a reviewer other than its author"):
            decide()
    assert store.review_status()["assignments"] == {"example-duty-a": "pending"}


def test_approving_one_row_is_a_change_in_the_history_naming_the_review(store):
    saved = sample_save(store, user="ana")
    before = store.snapshot().version
    approved = store.approve(user="ben", rows=[DUTY], comment="checked against paragraph 1")
    change = approved.change
    assert (change.kind, change.user, change.note, change.source_id) == (
        "approve", "ben", "checked against paragraph 1", "example-a-2025-01-01")
    assert approved.snapshot.version > before  # the loaded data knows it changed
    [row] = _row_changes(store, change.id)
    assert (row.table, row.row_id) == ("reviews", "assignments:example-duty-a")
    assert (row.before["status"], row.after["status"], row.after["decided_by"]) == ("pending", "approved", "ben")
    assert row.after["change_id"] == saved.change.id and row.after["comment"] == "checked against paragraph 1"
    assert "assignments" not in store.review_status() and "places" in store.review_status()
    with pytest.raises(ReviewRefused, match="was approved already, by ben"):
        store.approve(user="cy", rows=[DUTY])


def test_sending_back_needs_a_comment_and_the_author_sees_it(store):
    saved = sample_save(store, user="ana")
    with pytest.raises(InvalidInput, match="needs a comment"):
        store.send_back(user="ben", save=saved.change.id, comment="  ")
    sent = store.send_back(user="ben", save=saved.change.id, comment="Paragraph 2 says <b>2019</b>")
    assert sent.change.kind == "send back" and len(_row_changes(store, sent.change.id)) == 3
    [mine] = store.pending_reviews(author="ana")
    assert {r.status for r in mine.reviews} == {"sent back"}
    assert {r.comment for r in mine.reviews} == {"Paragraph 2 says <b>2019</b>"}
    assert store.pending_reviews(author="ben") == []
    store.approve(user="cy", save=saved.change.id)  # still open: a later decision settles it
    assert store.review_status() == {} and store.pending_reviews() == []


def test_rejecting_a_save_removes_its_rows_and_keeps_them_in_the_history(store):
    saved = sample_save(store, user="ana")
    rejected = store.reject(user="ben", save=saved.change.id, comment="not about Ryanggang")
    assert "example-duty-a" not in ids(store, "assignments") and "example-place-a" not in ids(store, "places")
    assert "example-a-2025-01-01" not in store.reports()
    written = {(r.table, r.row_id): r for r in _row_changes(store, rejected.change.id)}
    assert written[DUTY].before["summary"] == "Line one\nline two" and written[DUTY].after is None
    assert written[("reports", "example-a-2025-01-01")].after is None
    assert written[("reviews", "places:example-place-a")].after["status"] == "rejected"
    assert store.history(1)[0].kind == "reject" and store.pending_reviews() == []
    with pytest.raises(UndoRefused, match="review decision"):
        store.undo(rejected.change.id, user="ben")
    with pytest.raises(UndoRefused, match=r"reject by ben"):
        store.undo(saved.change.id, user="ana")
    again = sample_save(store, user="ana")  # the same ids saved again: reviewed afresh
    assert store.pending_reviews()[0].change.id == again.change.id


def test_a_row_named_by_one_not_rejected_cannot_be_rejected_alone(store):
    sample_save(store, user="ana")
    with pytest.raises(ReviewRefused, match="assignments example-duty-a names it"):
        store.reject(user="ben", rows=[("places", "example-place-a")], comment="wrong place")
    assert "example-place-a" in ids(store, "places")
    store.reject(user="ben", rows=[DUTY, ("places", "example-place-a")], comment="wrong place")
    assert store.review_status() == {"sources": {"example-a-2025-01-01": "pending"}}


def test_rows_of_several_saves_are_decided_one_save_at_a_time(store):
    sample_save(store, "a", user="ana")
    sample_save(store, "b", user="bo")
    with pytest.raises(InvalidInput, match="several saves"):
        store.approve(user="cy", rows=[DUTY, ("assignments", "example-duty-b")])
    with pytest.raises(InvalidInput, match="either the rows"):
        store.approve(user="cy")


def test_a_single_users_save_needs_no_review_and_says_why(store):
    saved = sample_save_unreviewed(store)
    assert store.review_status() == {} and store.pending_reviews() == []
    with store.reading() as connection:
        found = connection.execute(sa.text("SELECT status, author, decided_by, comment FROM reviews "
                                           "WHERE table_name = 'assignments'")).one()
    assert tuple(found) == ("approved", "solo", "solo", SINGLE_USER)
    assert saved.change.kind == "save"


def sample_save_unreviewed(store: DataStore):
    """The sample save as one user on their own makes it."""
    return store.save(rows=report_rows("a"), expected=store.snapshot(), user="solo", needs_review=False,
                      report=ArchivedReport("example-a-2025-01-01", REPORT_TEXT))


def test_undoing_a_save_drops_its_reviews(store):
    saved = sample_save(store, user="ana")
    store.undo(user="ana")
    assert store.review_status() == {} and store.pending_reviews() == []
    assert saved.change.id not in {p.change.id for p in store.pending_reviews(statuses=("approved",))}


def test_a_database_of_the_second_revision_is_brought_to_the_third(database_url):
    engine = sa.create_engine(database_url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        for name in ("places", "assignments"):  # as the second revision left them: no index on a reference
            for column in reference_columns(name):
                connection.execute(sa.text(f"DROP INDEX {reference_index(name, column)}"))
        connection.execute(sa.text("INSERT INTO changes (version, time, user_name, kind, note) "
                                   "VALUES (0, '2026-01-01T00:00:00Z', 'old', 'save', 'kept')"))
    engine.dispose()
    store = DataStore(database_url)
    store.import_folder(DATA_DIR, user="setup")
    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
        indexes = {i["name"] for i in sa.inspect(connection).get_indexes("assignments")}
    assert {"ix_assignments_place_id", "ix_assignments_source_id"} <= indexes
    assert [c.note for c in store.history()][-1] == "kept"
    seen = store.snapshot().version
    saved = sample_save(store, user="ana")
    assert saved.snapshot.version > seen  # the triggers still count every change
    approved = store.approve(user="ben", save=saved.change.id)
    assert approved.snapshot.version > saved.snapshot.version
    assert json.loads(json.dumps(store.history(1)[0].rows)) == {"reviews": [
        "sources:example-a-2025-01-01", "places:example-place-a", "assignments:example-duty-a"]}
    store.close()
