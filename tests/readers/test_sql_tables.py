"""The database's tables as a reader: one moment, numbered as the export, cached by the change counter."""

from __future__ import annotations

import border_atlas.loading.dataset as dataset_module
from border_atlas.loading.cache import TableCache
from border_atlas.loading.dataset import load_dataset
from border_atlas.readers import SqlTables


def test_rows_are_numbered_as_the_exported_file_numbers_them(store):
    raw = SqlTables(store).read("eras")
    assert list(raw.frame["id"]) == ["pre-covid", "post-covid"] and raw.rows == (2, 3)
    assert raw.file == "eras.csv" and raw.problems == ()


def test_validated_tables_are_cached_by_the_databases_change_counter(store, tmp_path, monkeypatch):
    cache = TableCache(tmp_path / "cache")
    first = load_dataset(SqlTables(store), cache=cache)
    fingerprint = SqlTables(store).fingerprint()
    assert SqlTables(store).fingerprint() == fingerprint  # nothing changed: the same key

    def never(reader):
        raise AssertionError("validated again although the database did not change")

    monkeypatch.setattr(dataset_module, "validated_tables", never)
    again = load_dataset(SqlTables(store), cache=cache)  # from the cache, without reading a table
    assert again.assignments.equals(first.assignments)
    monkeypatch.undo()
    store.save(rows={"eras": [{"id": "later", "name": "Later"}]}, expected=store.snapshot(), user="ana")
    assert SqlTables(store).fingerprint() != fingerprint
    assert "later" in set(load_dataset(SqlTables(store), cache=cache).eras["id"])


def test_a_reader_keeps_the_moment_it_read_while_others_save(store):
    reader = SqlTables(store, store.contents())
    store.save(rows={"eras": [{"id": "later", "name": "Later"}]}, expected=store.snapshot(), user="ana")
    assert "later" not in set(reader.read("eras").frame["id"])
    assert reader.fingerprint() != SqlTables(store).fingerprint()
