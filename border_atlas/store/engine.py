"""Which database, and an engine that behaves the same on SQLite and PostgreSQL.

``BORDER_ATLAS_DATABASE`` names the database (any SQLAlchemy URL, e.g.
``postgresql+psycopg://atlas@db.example/atlas``). Without it each source folder gets a SQLite
file of its own in the user's data folder (``$XDG_DATA_HOME/border-atlas``, else
``~/.local/share/border-atlas``), named by a hash of the folder's absolute path: never in git,
never inside the data folder.

SQLite runs in WAL mode (readers never wait for a writer), with foreign keys on and a busy
timeout, so saves from several processes wait for each other instead of failing. A write
transaction starts with ``BEGIN IMMEDIATE``: it takes the write lock at once, so two saves can
never both read, then both try to write (a deadlock SQLite would break by failing one).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

DATABASE_ENV = "BORDER_ATLAS_DATABASE"
BUSY_TIMEOUT_S = 30.0
WRITE = {"atlas_write": True}  # execution options of a connection that will write


def data_home() -> Path:
    """``$XDG_DATA_HOME/border-atlas``, else ``~/.local/share/border-atlas``."""
    base = os.environ.get("XDG_DATA_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".local" / "share") / "border-atlas"


def default_url(folder: Path | str) -> str:
    """The SQLite database kept for the source folder ``folder``.

    >>> default_url("/srv/atlas/data").endswith(".sqlite3")
    True
    """
    key = hashlib.sha256(str(Path(folder).resolve()).encode()).hexdigest()[:16]
    return f"sqlite:///{data_home() / f'atlas-{key}.sqlite3'}"


def chosen_url(folder: Path | str) -> str:
    """``BORDER_ATLAS_DATABASE`` if set, else the default SQLite database of ``folder``."""
    return os.environ.get(DATABASE_ENV, "").strip() or default_url(folder)


def shown_url(url: str | sa.URL) -> str:
    """The URL without its password, for messages."""
    return sa.make_url(url).render_as_string(hide_password=True)


def make_engine(url: str | sa.URL, *, busy_timeout: float = BUSY_TIMEOUT_S) -> sa.Engine:
    """An engine for ``url``; a SQLite file's folder is created if missing."""
    url = sa.make_url(url)
    if url.get_backend_name() != "sqlite":
        # REPEATABLE READ is asked per transaction where a consistent snapshot is needed.
        return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    if url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": busy_timeout, "check_same_thread": False})
    _sqlite_behaviour(engine, busy_timeout)
    return engine


def _sqlite_behaviour(engine: sa.Engine, busy_timeout: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below), not the driver
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get("atlas_write")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
