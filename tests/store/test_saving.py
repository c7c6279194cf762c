"""Saving: one transaction, recorded with its user, refused when stale or when the database's rules say no."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from border_atlas.loading.dataset import load_dataset
from border_atlas.readers import SqlTables
from border_atlas.store import ArchiveConflict, ArchivedReport, InvalidInput, StaleData
from tests.store.store_helpers import REPORT_TEXT, ids, report_rows, sample_save


def test_a_save_adds_every_row_and_the_report_and_records_who_when_and_what(store):
    before = store.snapshot()
    result = sample_save(store, user="ana")
    change = result.change
    assert (change.kind, change.user, change.source_id, change.note) == ("save", "ana", "example-a-2025-01-01",
                                                                         "example save a")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", change.time)
    assert change.rows == {"sources": ("example-a-2025-01-01",), "places": ("example-place-a",),
                           "assignments": ("example-duty-a",)}
    assert store.history()[0] == change
    assert result.snapshot == store.snapshot() and result.snapshot.version > before.version
    assert store.reports() == {"example-a-2025-01-01": REPORT_TEXT}
    loaded = load_dataset(SqlTables(store))
    assert loaded.problems == () and "example-duty-a" in set(loaded.assignments["id"])
    assert loaded.assignments.set_index("id").loc["example-duty-a", "summary"] == "Line one\nline two"


def test_a_save_based_on_a_stale_read_is_refused_naming_the_change_since(store):
    seen = store.snapshot()
    sample_save(store, "a", user="ana")
    with pytest.raises(StaleData) as refused:
        store.save(rows=report_rows("b"), expected=seen, user="ben")
    message = str(refused.value)
    assert message.startswith("The data changed since it was read: assignments, places, reports, sources (change 2 "
                              "(save by ana at ")
    assert message.endswith("Nothing was saved; reload the data and try again.")
    assert "example-duty-b" not in ids(store, "assignments")


def test_a_row_the_databases_rules_refuse_saves_nothing_at_all(store):
    rows = report_rows("a")
    rows["assignments"][0]["place_id"] = "atlantis"  # names no place: the reference is checked at commit
    seen = store.snapshot()
    with pytest.raises(InvalidInput, match="The database refused the change: .*FOREIGN KEY|foreign key"):
        store.save(rows=rows, expected=seen, user="ana")
    assert store.snapshot() == seen and "example-a-2025-01-01" not in ids(store, "sources")
    rows = report_rows("b")
    rows["places"][0]["kind"] = "spaceport"
    with pytest.raises(InvalidInput, match="refused the change"):
        store.save(rows=rows, expected=seen, user="ana")
    with pytest.raises(InvalidInput, match="places already has a row with the id hyesan"):
        store.save(rows={"places": [{**report_rows()["places"][0], "id": "hyesan"}]}, expected=seen)
    with pytest.raises(InvalidInput, match="unknown table 'journal'"):
        store.save(rows={"journal": [{"id": "x"}]}, expected=seen)
    with pytest.raises(InvalidInput, match="column.*that places does not have: colour"):
        store.save(rows={"places": [{"id": "x", "colour": "#ffffff"}]}, expected=seen)
    assert store.snapshot() == seen and store.history()[0].kind == "import"


def test_an_archived_text_is_never_overwritten(store):
    sample_save(store)
    rows = {"sources": [{**report_rows("z")["sources"][0], "id": "example-z"}]}
    with pytest.raises(ArchiveConflict, match="already holds a different text"):
        store.save(rows=rows, expected=store.snapshot(), report=ArchivedReport("example-a-2025-01-01", "Other\n"))
    assert store.reports()["example-a-2025-01-01"] == REPORT_TEXT


def test_a_field_longer_than_131072_characters_saves_reads_back_and_exports(store, tmp_path):
    long_note = "A long note. " * 20_000  # 260,000 characters: beyond Python's csv field limit
    rows = report_rows("a")
    rows["assignments"][0]["note"] = long_note
    store.save(rows=rows, expected=store.snapshot(), user="ana")
    loaded = load_dataset(SqlTables(store))
    assert loaded.problems == ()
    assert loaded.assignments.set_index("id").loc["example-duty-a", "note"] == long_note.strip()
    store.export_folder(tmp_path / "out")
    again = load_dataset(tmp_path / "out")
    assert again.problems == () and again.assignments.set_index("id").loc["example-duty-a", "note"] == long_note.strip()


def test_a_direct_sql_write_by_another_program_is_kept_and_seen_or_refused_whole(store, database_url):
    """Another program writing to the database: a valid row is kept (the app sees it, and a save read before it
    is refused as stale); a row that breaks a rule is refused by the database and nothing of it is kept."""
    seen = store.snapshot()
    other = sa.create_engine(database_url, poolclass=sa.pool.NullPool)
    try:
        with other.begin() as connection:
            connection.execute(sa.text(
                "INSERT INTO events (row_order, id, date, label, source_id) "
                "VALUES (1000, 'script-event', '2024-01-01', 'Added by a script', 'geonames')"))
        assert store.snapshot().version > seen.version
        assert "script-event" in set(load_dataset(SqlTables(store)).events["id"])
        with pytest.raises(StaleData, match="a change made outside the app"):
            store.save(rows=report_rows("a"), expected=seen, user="ana")
        for bad in ("INSERT INTO places (row_order, id, name, kind, country, lat, lon, precision, coord_source_id) "
                    "VALUES (1002, 'Bad Id', 'X', 'town', 'KP', '41', '128', 'point', 'geonames')",
                    "INSERT INTO places (row_order, id, name, kind, country, lat, lon, precision, coord_source_id) "
                    "VALUES (1003, 'hyesan', 'X', 'town', 'KP', '41', '128', 'point', 'geonames')",
                    "UPDATE assignments SET role = 'smuggling' WHERE id = 'pairing-2018-hyetan'",
                    "UPDATE assignments SET summary = NULL WHERE id = 'pairing-2018-hyetan'"):
            before = store.snapshot()
            with pytest.raises(sa.exc.IntegrityError), other.begin() as connection:
                connection.execute(sa.text(bad))
            assert store.snapshot() == before
    finally:
        other.dispose()
    events = load_dataset(SqlTables(store)).events
    assert "script-event" in set(events["id"])


def test_a_direct_write_naming_no_row_is_refused_or_named_by_the_loader(store, database_url):
    """PostgreSQL checks references for every client; SQLite only for a connection that turns foreign keys on
    (as the store's own do). A script that does not is still caught: loading names the row and leaves it out."""
    other = sa.create_engine(database_url, poolclass=sa.pool.NullPool)
    bad = ("INSERT INTO events (row_order, id, date, label, source_id) "
           "VALUES (1001, 'bad-event', '2024-01-01', 'Names no source', 'no-such-source')")
    try:
        if database_url.startswith("postgresql"):
            with pytest.raises(sa.exc.IntegrityError), other.begin() as connection:
                connection.execute(sa.text(bad))
        else:
            with other.begin() as connection:
                connection.execute(sa.text(bad))
    finally:
        other.dispose()
    loaded = load_dataset(SqlTables(store))
    assert "bad-event" not in set(loaded.events["id"])
    if database_url.startswith("sqlite"):
        [problem] = loaded.problems
        assert (problem.file, problem.field) == ("events.csv", "source_id") and "no-such-source" in problem.message
