"""The CSV folder in and out of the database: byte for byte for the bundled data, and from a shell."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys

from helpers import ROOT

from border_atlas.loading.dataset import DATA_DIR, load_dataset
from border_atlas.readers import SqlTables
from border_atlas.store import DataStore
from tests.store.store_helpers import REPORT_TEXT, ids, sample_save


def tables_and_reports(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and (p.suffix == ".csv" and p.parent == folder or p.parent.name == "reports")}


def test_the_bundled_data_is_exported_byte_for_byte_and_loads_as_the_folder_does(store, tmp_path):
    result = store.export_folder(tmp_path / "out")
    assert tables_and_reports(tmp_path / "out") == tables_and_reports(DATA_DIR)
    assert set(result.written) == {p.name for p in DATA_DIR.glob("*.csv")}
    from_database, from_folder = load_dataset(SqlTables(store)), load_dataset(DATA_DIR)
    assert from_database.problems == from_folder.problems == ()
    for table in ("places", "organisations", "assignments", "sources", "events", "figures", "eras"):
        assert from_database.table(table).drop(columns="file_row").equals(
            from_folder.table(table).drop(columns="file_row")), table


def test_a_saved_report_is_exported_as_its_text_and_an_undone_one_is_removed(store, tmp_path):
    sample_save(store)
    store.export_folder(tmp_path / "out")
    assert (tmp_path / "out" / "reports" / "example-a-2025-01-01.txt").read_bytes() == REPORT_TEXT.encode()
    assert b"example-duty-a" in (tmp_path / "out" / "assignments.csv").read_bytes()
    store.undo(user="ana")
    result = store.export_folder(tmp_path / "out")
    assert result.removed == ("reports/example-a-2025-01-01.txt",)
    assert tables_and_reports(tmp_path / "out") == tables_and_reports(DATA_DIR)


def test_importing_a_broken_folder_names_each_problem_and_keeps_every_reference_whole(database_url, data_copy):
    with (data_copy / "places.csv").open(encoding="utf-8", newline="") as file:
        places = list(csv.DictReader(file))
    row = next(n for n, place in enumerate(places, start=2) if place["id"] == "kangan")
    places[row - 2]["lat"] = "north"
    with (data_copy / "places.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(places[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(places)
    store = DataStore(database_url)
    try:
        result = store.import_folder(data_copy, user="ana")
        assert ("places.csv", row, "lat") in {(p.file, p.row, p.field) for p in result.problems}
        left_out = [p for p in result.problems if "whose own row was left out" in p.message]
        assert left_out and all(p.file == "assignments.csv" and p.field == "place_id" for p in left_out)
        assert "kangan" not in ids(store, "places")
        loaded = load_dataset(SqlTables(store))  # the app lists what the import left out, by file, row and field
        assert {(p.file, p.row, p.field) for p in result.problems} <= {(p.file, p.row, p.field)
                                                                       for p in loaded.problems}
    finally:
        store.close()


def test_importing_again_adds_new_rows_changes_changed_ones_and_keeps_the_apps(store, data_copy):
    sample_save(store, user="ana")
    text = (data_copy / "events.csv").read_text(encoding="utf-8")
    text = text.replace("UN Resolution 2321", "UN Security Council Resolution 2321")
    text += "new-event,2024-05-01,A new event,geonames,\n"
    (data_copy / "events.csv").write_text(text, encoding="utf-8")
    result = store.import_folder(data_copy, user="ben")
    assert result.added == {"events": 1} and result.changed["events"] == ("unscr-2321",)
    assert result.kept["assignments"] == 1 and result.kept["sources"] == 1  # the app's save stays
    described = result.describe()
    assert "added 1 event;" in described and "changed event unscr-2321." in described
    assert "Kept rows the folder does not have: 1 source, 1 place, 1 record, 1 report text." in described
    events = load_dataset(SqlTables(store)).events.set_index("id")
    assert events.loc["unscr-2321", "label"] == "UN Security Council Resolution 2321" and "new-event" in events.index
    assert "nothing to import" in store.import_folder(data_copy, user="ben").describe()
    assert store.undo(result.change.id, user="ben").change.undoes == result.change.id  # an import is undone too
    assert load_dataset(SqlTables(store)).events.set_index("id").loc["unscr-2321", "label"] == "UN Resolution 2321"


def test_import_and_export_from_a_shell(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    run = [sys.executable, "-m", "border_atlas.data"]
    imported = subprocess.run([*run, "import", "--database", url, str(DATA_DIR)], capture_output=True, text=True,
                              cwd=ROOT, check=True)
    assert "added 13 sources" in imported.stdout and "21 records" in imported.stdout
    exported = subprocess.run([*run, "export", "--database", url, str(tmp_path / "out")], capture_output=True,
                              text=True, cwd=ROOT, check=True)
    assert "7 files written" in exported.stdout
    assert tables_and_reports(tmp_path / "out") == tables_and_reports(DATA_DIR)
    shutil.rmtree(tmp_path / "out")
    missing = subprocess.run([*run, "import", "--database", url, str(tmp_path / "nowhere")], capture_output=True,
                             text=True, cwd=ROOT)
    assert missing.returncode == 1 and "is not a folder" in missing.stderr
