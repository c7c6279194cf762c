"""The journal of saves, and undo restoring the exact previous bytes."""

from __future__ import annotations

import json
import re

import pytest

from border_atlas.store import ArchivedReport, DataStore, StaleData, StoreCorrupt, UndoRefused
from tests.store.store_helpers import REPORT_TEXT, SOURCE_ID, data_files, sample_save


def test_every_save_is_journalled_with_time_report_tables_row_ids_and_note(folder):
    store = DataStore(folder)
    result = sample_save(store)
    [entry] = store.journal()
    assert entry == result.entry
    assert (entry.id, entry.kind, entry.source_id, entry.note) == ("000001", "save", SOURCE_ID, "example save")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.time)
    assert entry.row_ids == {"sources": (SOURCE_ID,), "places": ("example-place-a",),
                             "assignments": ("example-duty-a",)}
    assert entry.row_counts == {"sources": 1, "places": 1, "assignments": 1}
    assert entry.files == ("sources.csv", "places.csv", "assignments.csv", f"reports/{SOURCE_ID}.txt")
    recorded = json.loads((folder / "journal" / "000001.json").read_text(encoding="utf-8"))
    assert recorded["state"] == "committed"
    assert recorded["changes"][1]["tail"] == "example-place-a,Example place,,,,town,,,,,,,,\n"


def test_undo_restores_every_file_byte_for_byte_and_is_journalled(folder):
    original = data_files(folder)
    store = DataStore(folder)
    saved = sample_save(store)
    undone = store.undo()
    assert data_files(folder) == original
    assert not (folder / "reports" / f"{SOURCE_ID}.txt").exists()
    assert (undone.entry.kind, undone.entry.undoes) == ("undo", saved.entry.id)
    assert [(e.id, e.kind, e.undone_by) for e in store.journal()] == [("000002", "undo", None),
                                                                       ("000001", "save", "000002")]
    assert undone.snapshot == store.snapshot()


def test_undo_goes_back_in_reverse_order_only(folder):
    original = data_files(folder)
    store = DataStore(folder)
    first = store.save(rows={"eras": [{"id": "first-era"}]}, expected=store.snapshot())
    after_first = data_files(folder)
    second = store.save(rows={"eras": [{"id": "second-era"}], "places": [{"id": "second-place"}]},
                        expected=store.snapshot())
    with pytest.raises(UndoRefused, match=r"only the last save not yet undone \(000002\)"):
        store.undo(first.entry.id)
    store.undo(second.entry.id)
    assert data_files(folder) == after_first
    with pytest.raises(UndoRefused, match="already undone"):
        store.undo(second.entry.id)
    store.undo()
    assert data_files(folder) == original
    with pytest.raises(UndoRefused, match="nothing to undo"):
        store.undo()


def test_undo_is_refused_when_a_file_changed_since_the_save(folder):
    store = DataStore(folder)
    sample_save(store)
    places = folder / "places.csv"
    places.write_bytes(places.read_bytes() + b"edited-by-hand\n")
    edited = data_files(folder)
    with pytest.raises(StaleData, match="places.csv") as error:
        store.undo()
    assert error.value.files == ("places.csv",)
    assert "Nothing was undone" in str(error.value)
    assert data_files(folder) == edited


def test_old_saves_are_compacted_and_can_no_longer_be_undone(folder):
    store = DataStore(folder, keep=2)
    for n in range(4):
        store.save(rows={"eras": [{"id": f"era-{n}"}]}, expected=store.snapshot())
    entries = store.journal()
    assert [e.undoable for e in entries] == [True, True, False, False]
    assert entries[-1].row_ids == {"eras": ("era-0",)}  # the summary stays
    store.undo()
    store.undo()  # era-2 is among the two newest saves kept in full
    with pytest.raises(UndoRefused, match="000002 is older than the 2 newest saves kept in full"):
        store.undo()
    tails = [json.loads(p.read_text())["changes"][0]["tail"] for p in sorted((folder / "journal").glob("*.json"))]
    assert tails == [None, None, "era-2,,,,,\n", "era-3,,,,,\n", None, None]


def test_a_save_after_an_undo_is_undone_first(folder):
    store = DataStore(folder)
    store.save(rows={"eras": [{"id": "one"}]}, expected=store.snapshot())
    after_one = data_files(folder)
    store.save(rows={"eras": [{"id": "two"}]}, expected=store.snapshot())
    store.undo()
    store.save(rows={"eras": [{"id": "three"}]}, expected=store.snapshot(),
               report=ArchivedReport(SOURCE_ID, REPORT_TEXT))
    assert store.undo().entry.undoes == "000004"
    assert data_files(folder) == after_one
    assert store.undo().entry.undoes == "000001"


def test_the_journal_and_lock_do_not_show_up_as_tables_or_archives(folder):
    store = DataStore(folder)
    sample_save(store)
    assert store.tables == ("assignments", "eras", "events", "figures", "organisations", "places", "sources")
    assert all(not path.startswith("journal") for path in store.snapshot().files)


def test_an_unreadable_journal_entry_stops_the_store_with_its_name(folder):
    store = DataStore(folder)
    store.save(rows={"eras": [{"id": "one"}]}, expected=store.snapshot())
    (folder / "journal" / "000001.json").write_text("{not json", encoding="utf-8")
    old = data_files(folder)
    with pytest.raises(StoreCorrupt, match=r"journal entry .*000001.json cannot be read"):
        DataStore(folder)
    assert data_files(folder) == old
