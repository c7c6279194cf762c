"""Appending rows: old bytes untouched, the file's own columns, terminator and quoting."""

from __future__ import annotations

import pytest

from border_atlas.store import DataStore, InvalidInput
from tests.store.store_helpers import data_files, records, sample_rows


def test_a_save_appends_to_each_table_and_keeps_every_old_byte(folder):
    before = data_files(folder)
    store = DataStore(folder)
    store.save(rows=sample_rows(), expected=store.snapshot())
    after = data_files(folder)
    for name in ("sources.csv", "places.csv", "assignments.csv"):
        assert after[name].startswith(before[name])
        assert len(records(after[name])) == len(records(before[name])) + 1
    untouched = set(before) - {"sources.csv", "places.csv", "assignments.csv"}
    assert {name: after[name] for name in untouched} == {name: before[name] for name in untouched}


def test_new_rows_follow_the_header_order_and_leave_missing_columns_empty(folder):
    store = DataStore(folder)
    store.save(rows={"events": [{"note": "a note", "label": "Example, with comma", "id": "example-event"}]},
               expected=store.snapshot())
    header, *_, last = records((folder / "events.csv").read_bytes())
    assert dict(zip(header, last)) == {"id": "example-event", "date": "", "label": "Example, with comma",
                                       "source_id": "", "note": "a note"}
    assert (folder / "events.csv").read_bytes().endswith(b'example-event,,"Example, with comma",,a note\n')


def test_values_are_written_as_text_and_read_back_unchanged(folder):
    hostile = ['=HYPERLINK("http://x")', "<script>alert(1)</script>", 'say "hi"', "a\rb", "c\r\nd", " lead", "혜산"]
    store = DataStore(folder)
    rows = [{"id": f"example-{n}", "label": value} for n, value in enumerate(hostile)]
    store.save(rows={"events": rows}, expected=store.snapshot())
    written = records((folder / "events.csv").read_bytes())[-len(hostile):]
    assert [record[2] for record in written] == hostile


def test_a_crlf_file_gets_crlf_lines(folder):
    path = folder / "eras.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    old = path.read_bytes()
    store = DataStore(folder)
    store.save(rows={"eras": [{"id": "example-era", "name": "Example"}]}, expected=store.snapshot())
    assert path.read_bytes() == old + b"example-era,Example,,,,\r\n"


def test_a_file_without_a_final_newline_gets_one_before_the_new_row(folder):
    path = folder / "eras.csv"
    old = path.read_bytes().rstrip(b"\n")
    path.write_bytes(old)
    store = DataStore(folder)
    store.save(rows={"eras": [{"id": "example-era"}]}, expected=store.snapshot())
    assert path.read_bytes() == old + b"\nexample-era,,,,,\n"
    assert records(path.read_bytes())[-2][0] == "post-covid"


def test_a_file_ending_inside_an_open_quote_is_refused(folder):
    path = folder / "eras.csv"
    path.write_bytes(path.read_bytes() + b'broken,"unclosed\n')
    old = data_files(folder)
    store = DataStore(folder)
    with pytest.raises(InvalidInput, match="eras.csv does not end at a complete record"):
        store.save(rows={"eras": [{"id": "example-era"}]}, expected=store.snapshot())
    assert data_files(folder) == old


def test_unknown_columns_are_refused_and_named(folder):
    store = DataStore(folder)
    with pytest.raises(InvalidInput, match="column.* not in the file's header: colour"):
        store.save(rows={"eras": [{"id": "example-era", "colour": "red"}]}, expected=store.snapshot())


@pytest.mark.parametrize("value", ["a\x00b", 3, b"bytes", "\udc80"])
def test_nul_bytes_and_non_text_values_are_refused_and_nothing_is_written(folder, value):
    old = data_files(folder)
    store = DataStore(folder)
    with pytest.raises(InvalidInput, match="eras.csv new row 2, field 'name'"):
        store.save(rows={"eras": [{"id": "ok"}, {"id": "bad", "name": value}]}, expected=store.snapshot())
    assert data_files(folder) == old
    assert store.journal() == []


def test_a_utf8_bom_is_kept_and_the_header_still_read(folder):
    path = folder / "eras.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    old = path.read_bytes()
    store = DataStore(folder)
    store.save(rows={"eras": [{"id": "example-era", "name": "Example"}]}, expected=store.snapshot())
    assert path.read_bytes() == old + b"example-era,Example,,,,\n"


def test_an_empty_save_is_refused(folder):
    store = DataStore(folder)
    with pytest.raises(InvalidInput, match="nothing to save"):
        store.save(rows={"eras": []}, expected=store.snapshot())


def test_a_saved_table_keeps_its_permissions(folder):
    path = folder / "eras.csv"
    path.chmod(0o640)
    store = DataStore(folder)
    store.save(rows={"eras": [{"id": "example-era"}]}, expected=store.snapshot())
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_save_needs_the_snapshot_it_read(folder):
    store = DataStore(folder)
    with pytest.raises(InvalidInput, match="expected must be the Snapshot"):
        store.save(rows={"eras": [{"id": "example-era"}]}, expected=None)
