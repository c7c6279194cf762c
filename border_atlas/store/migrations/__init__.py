"""The database's schema history (Alembic), run from code: opening a store brings its database up to date.

No ``alembic.ini`` is needed: :func:`alembic_config` names this folder. A new revision is a new file in
``versions/`` whose ``down_revision`` names the newest one (``script.py.mako`` is its template).
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from border_atlas.store.engine import WRITE

FOLDER = Path(__file__).resolve().parent


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(FOLDER))
    return config


def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current(connection: sa.Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: sa.Engine) -> None:
    """Bring the database to the newest revision, in one transaction; a no-op when it is there.

    SQLite's foreign keys are off while it runs (a revision copying a table in batch mode checks them itself).
    Two processes opening a new database at once: SQLite's write lock (BEGIN IMMEDIATE) or a
    PostgreSQL advisory lock makes the second wait, and it then finds the work done.
    """
    with engine.connect() as probe:
        if current(probe) == head():
            return
    with engine.connect().execution_options(**WRITE) as connection:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:  # a table copied in batch mode is dropped and renamed: its references must not fire meanwhile
            _sqlite_foreign_keys(connection, on=False)
        try:
            with connection.begin():
                if not sqlite:
                    connection.execute(sa.text("SELECT pg_advisory_xact_lock(7261934)"))
                config = alembic_config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        finally:
            if sqlite:
                _sqlite_foreign_keys(connection, on=True)


def _sqlite_foreign_keys(connection: sa.Connection, *, on: bool) -> None:
    """SQLite's foreign keys on or off for this connection (only possible outside a transaction)."""
    connection.connection.dbapi_connection.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
