"""Which database, how SQLite is set up, and the schema's migrations."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from border_atlas.store import DataStore
from border_atlas.store.engine import DATABASE_ENV, chosen_url, default_url
from border_atlas.store.migrations import current, head
from border_atlas.store.sql_tables import metadata


def test_each_source_folder_gets_its_own_database_in_the_users_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    first, second = default_url(tmp_path / "a"), default_url(tmp_path / "b")
    assert first != second and first.startswith(f"sqlite:///{tmp_path / 'share' / 'border-atlas'}/atlas-")
    assert chosen_url(tmp_path / "a") == first
    monkeypatch.setenv(DATABASE_ENV, "postgresql+psycopg://atlas@db.example/atlas")
    assert chosen_url(tmp_path / "a") == "postgresql+psycopg://atlas@db.example/atlas"


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(tmp_path):
    store = DataStore(f"sqlite:///{tmp_path / 'atlas.sqlite3'}", busy_timeout=12)
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 12_000
    store.close()


def test_a_new_database_is_migrated_to_the_head_and_matches_the_tables_declared(database_url):
    store = DataStore(database_url)
    DataStore(database_url).close()  # opening it again changes nothing
    with store.engine.connect() as connection:
        assert current(connection) == head()
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
        assert connection.execute(sa.text("SELECT version FROM store_state")).scalar_one() == 0
    assert store.is_new()
    store.close()
