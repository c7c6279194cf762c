"""Archived reports, and saves refused because the data changed since it was read."""

from __future__ import annotations

import pytest

from border_atlas.store import ArchiveConflict, ArchivedReport, DataStore, InvalidInput, StaleData
from tests.store.store_helpers import REPORT_TEXT, SOURCE_ID, data_files, journal_files, sample_rows


def test_the_report_text_is_archived_as_plain_utf8_beside_its_rows(folder):
    store = DataStore(folder)
    result = store.save(rows=sample_rows(), expected=store.snapshot(), report=ArchivedReport(SOURCE_ID, REPORT_TEXT))
    assert (folder / "reports" / f"{SOURCE_ID}.txt").read_bytes() == REPORT_TEXT.encode("utf-8")
    assert result.entry.source_id == SOURCE_ID
    assert f"reports/{SOURCE_ID}.txt" in result.snapshot.files


def test_the_same_text_again_is_no_change_and_a_different_one_is_refused(folder):
    store = DataStore(folder)
    store.save(rows={}, expected=store.snapshot(), report=ArchivedReport(SOURCE_ID, REPORT_TEXT))
    result = store.save(rows={"eras": [{"id": "example-era"}]}, expected=store.snapshot(),
                        report=ArchivedReport(SOURCE_ID, REPORT_TEXT))
    assert result.entry.files == ("eras.csv",)
    old = data_files(folder)
    with pytest.raises(ArchiveConflict, match=f"reports/{SOURCE_ID}.txt already holds a different text"):
        store.save(rows={"eras": [{"id": "other-era"}]}, expected=store.snapshot(),
                   report=ArchivedReport(SOURCE_ID, REPORT_TEXT + "changed\n"))
    assert data_files(folder) == old


@pytest.mark.parametrize("source_id", ["../places", "a/b", "..", "", "A-upper", "x" * 101, "a--b", ".hidden"])
def test_hostile_source_ids_are_refused_before_anything_is_written(folder, source_id):
    old = data_files(folder)
    store = DataStore(folder)
    with pytest.raises(InvalidInput, match="source id .* is not a valid id"):
        store.save(rows={}, expected=store.snapshot(), report=ArchivedReport(source_id, "text"))
    assert data_files(folder) == old


@pytest.mark.parametrize("table", ["../data/places", "places.csv", "PLACES", "", "journal", "reports", "lock", 7])
def test_hostile_or_unknown_table_names_are_refused(folder, table):
    old = data_files(folder)
    store = DataStore(folder)
    with pytest.raises(InvalidInput, match="table name .* is not a valid id|unknown table"):
        store.save(rows={table: [{"id": "x"}]}, expected=store.snapshot())
    assert data_files(folder) == old


def test_a_symlinked_csv_is_not_a_table(folder, tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_bytes(b"id\n")
    (folder / "linked.csv").symlink_to(outside)
    store = DataStore(folder)
    assert "linked" not in store.tables
    with pytest.raises(InvalidInput, match="unknown table 'linked'"):
        store.save(rows={"linked": [{"id": "x"}]}, expected=store.snapshot())
    assert outside.read_bytes() == b"id\n"


def test_a_save_against_changed_data_is_refused_naming_the_file_and_writes_nothing(folder):
    store = DataStore(folder)
    seen = store.snapshot()
    edited = folder / "figures.csv"
    edited.write_bytes(edited.read_bytes() + b"edited-by-hand,,,,,,,,,\n")
    old, old_journal = data_files(folder), journal_files(folder)
    with pytest.raises(StaleData, match="figures.csv") as error:
        store.save(rows=sample_rows(), expected=seen)
    assert error.value.files == ("figures.csv",)
    assert data_files(folder) == old
    assert journal_files(folder) == old_journal


def test_another_sessions_save_makes_the_first_sessions_snapshot_stale(folder):
    first, second = DataStore(folder), DataStore(folder)
    seen_by_first, seen_by_second = first.snapshot(), second.snapshot()
    second.save(rows={"eras": [{"id": "second-era"}]}, expected=seen_by_second,
                report=ArchivedReport(SOURCE_ID, REPORT_TEXT))
    with pytest.raises(StaleData) as error:
        first.save(rows={"places": [{"id": "first-place"}]}, expected=seen_by_first)
    assert error.value.files == ("eras.csv", f"reports/{SOURCE_ID}.txt")
    assert b"first-place" not in (folder / "places.csv").read_bytes()


def test_a_removed_table_counts_as_changed(folder):
    store = DataStore(folder)
    seen = store.snapshot()
    (folder / "figures.csv").unlink()
    with pytest.raises(StaleData, match="figures.csv"):
        store.save(rows={"eras": [{"id": "example-era"}]}, expected=seen)
