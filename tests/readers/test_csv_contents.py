"""Tables read at one moment: parsed as the folder's files are, untouched by a later save."""

from __future__ import annotations

from border_atlas.dataset import load_dataset
from border_atlas.readers import CsvContents, CsvFolder
from border_atlas.store import DataStore


def test_the_contents_of_a_folder_load_as_the_folder_does(data_copy):
    _, contents = DataStore(data_copy).contents()
    reader = CsvContents(contents, label=str(data_copy))
    assert reader.fingerprint() == CsvFolder(data_copy).fingerprint()
    from_contents, from_folder = load_dataset(reader), load_dataset(CsvFolder(data_copy))
    assert from_contents.problems == from_folder.problems == ()
    for table in ("places", "organisations", "assignments", "sources"):
        assert getattr(from_contents, table).equals(getattr(from_folder, table))


def test_a_save_after_the_read_does_not_reach_the_tables_read(data_copy):
    store = DataStore(data_copy)
    seen, contents = store.contents()
    reader = CsvContents(contents, label="data")
    store.save(rows={"places": [{"id": "kapsan-test", "name": "Kapsan"}]}, expected=seen)
    assert "kapsan-test" in set(CsvFolder(data_copy).read("places").frame["id"])
    assert "kapsan-test" not in set(reader.read("places").frame["id"])
    assert store.contents()[0] != seen


def test_a_missing_table_is_named():
    problem = CsvContents({}, label="data").read("places").problems[0]
    assert (problem.file, problem.message) == ("places.csv", "file is missing")
