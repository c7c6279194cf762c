"""Undo: a save undone as a new change; "undo my last save" only ever undoes the user's own."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from border_atlas.store import UndoRefused
from tests.store.store_helpers import ids, report_rows, sample_save


def test_undo_my_last_save_undoes_my_save_never_a_later_one_by_someone_else(store):
    ana = sample_save(store, "a", user="ana")
    ben = sample_save(store, "b", user="ben")
    undone = store.undo(user="ana")
    assert undone.change.undoes == ana.change.id and undone.change.user == "ana"
    assert "example-duty-a" not in ids(store, "assignments") and "example-a-2025-01-01" not in store.reports()
    assert "example-duty-b" in ids(store, "assignments") and "example-b-2025-01-01" in store.reports()
    with pytest.raises(UndoRefused, match=r"Nothing of yours \(ana\) to undo"):
        store.undo(user="ana")
    assert store.undo(user="ben").change.undoes == ben.change.id
    history = {c.id: c for c in store.history()}
    assert history[ana.change.id].undone_by == undone.change.id


def test_undo_restores_the_tables_exactly(store, tmp_path):
    store.export_folder(tmp_path / "before")
    sample_save(store, "a", user="ana")
    store.undo(user="ana")
    store.export_folder(tmp_path / "after")
    for path in (tmp_path / "before").rglob("*"):
        if path.is_file():
            assert (tmp_path / "after" / path.relative_to(tmp_path / "before")).read_bytes() == path.read_bytes()


def test_a_named_save_is_undone_unless_a_later_change_depends_on_it_and_the_message_names_that_change(store):
    ana = sample_save(store, "a", user="ana")
    ben_rows = {"assignments": [{**report_rows("b")["assignments"][0], "place_id": "example-place-a",
                                 "source_id": "example-a-2025-01-01"}]}
    ben = store.save(rows=ben_rows, expected=store.snapshot(), user="ben")
    with pytest.raises(UndoRefused, match=rf"change {ben.change.id} \(save by ben at .*\) added assignments "
                                          r"example-duty-b, which refers to"):
        store.undo(ana.change.id, user="carl")
    store.undo(ben.change.id, user="carl")  # anyone may undo a save named by its number
    store.undo(ana.change.id, user="carl")
    assert not {"example-duty-a", "example-duty-b"} & ids(store, "assignments")
    with pytest.raises(UndoRefused, match=rf"Change {ana.change.id} was already undone"):
        store.undo(ana.change.id, user="ana")
    with pytest.raises(UndoRefused, match="There is no change 999"):
        store.undo(999, user="ana")


def test_undo_is_refused_when_the_row_changed_since(store, database_url):
    ana = sample_save(store, "a", user="ana")
    other = sa.create_engine(database_url, poolclass=sa.pool.NullPool)
    with other.begin() as connection:
        connection.execute(sa.text("UPDATE places SET name = 'Renamed' WHERE id = 'example-place-a'"))
    other.dispose()
    with pytest.raises(UndoRefused, match="a change made outside the app changed the same row since "
                                          r"\(places example-place-a\)"):
        store.undo(user="ana")
    assert "example-duty-a" in ids(store, "assignments")  # nothing undone
    assert ana.change.id == store.history()[0].id


def test_the_import_that_filled_the_database_cannot_be_undone(store):
    [first] = store.history()
    with pytest.raises(UndoRefused, match=f"Change {first.id} filled the empty database"):
        store.undo(first.id, user="ana")
