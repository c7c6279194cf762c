"""Tables from bytes read beforehand: parsed as the folder's files are, untouched by a later change of the files."""

from __future__ import annotations

from border_atlas.loading.dataset import load_dataset
from border_atlas.readers import CsvContents, CsvFolder


def test_the_contents_of_a_folder_load_as_the_folder_does(data_copy):
    contents = {p.name: p.read_bytes() for p in data_copy.glob("*.csv")}
    reader = CsvContents(contents, label=str(data_copy))
    assert reader.fingerprint() == CsvFolder(data_copy).fingerprint()
    from_contents, from_folder = load_dataset(reader), load_dataset(CsvFolder(data_copy))
    assert from_contents.problems == from_folder.problems == ()
    for table in ("places", "organisations", "assignments", "sources"):
        assert getattr(from_contents, table).equals(getattr(from_folder, table))


def test_a_change_of_the_files_after_the_read_does_not_reach_the_tables_read(data_copy):
    contents = {p.name: p.read_bytes() for p in data_copy.glob("*.csv")}
    reader = CsvContents(contents, label="data")
    with (data_copy / "eras.csv").open("a", encoding="utf-8") as file:
        file.write("later,Later,,,,\n")
    assert "later" in set(CsvFolder(data_copy).read("eras").frame["id"])
    assert "later" not in set(reader.read("eras").frame["id"])
    assert reader.fingerprint() != CsvFolder(data_copy).fingerprint()


def test_a_missing_table_is_named():
    problem = CsvContents({}, label="data").read("places").problems[0]
    assert (problem.file, problem.message) == ("places.csv", "file is missing")
