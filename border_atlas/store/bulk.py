"""Many rows in at once, through the driver itself: a first import may hold a million rows.

An executemany on PostgreSQL sends one INSERT per row, each firing the version trigger: 20,000 rows
took 22 s. ``COPY`` is one statement (0.5 s). SQLite gets the driver's ``executemany``. Both run on
the caller's connection, inside its transaction.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

import sqlalchemy as sa


@contextlib.contextmanager
def _driver_errors(connection: sa.Connection, statement: str) -> Iterator[None]:
    """The driver's errors as SQLAlchemy's (IntegrityError…), as if the statement had gone through it."""
    try:
        yield
    except connection.dialect.loaded_dbapi.Error as exc:
        raise sa.exc.DBAPIError.instance(statement, None, exc, connection.dialect.loaded_dbapi.Error) from exc


def insert_rows(connection: sa.Connection, name: str, columns: Sequence[str], rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``) into table ``name``."""
    if not rows:
        return
    raw = connection.connection.driver_connection
    if connection.dialect.name == "postgresql":
        from psycopg import sql

        copy_sql = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(name),
                                                             sql.SQL(", ").join(map(sql.Identifier, columns)))
        with _driver_errors(connection, "COPY"), raw.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(row)
        return
    chosen = sa.table(name, *(sa.column(c) for c in columns))
    statement = str(sa.insert(chosen).compile(dialect=connection.dialect, column_keys=list(columns)))
    cursor = raw.cursor()
    try:
        with _driver_errors(connection, statement):
            cursor.executemany(statement, rows)
    finally:
        cursor.close()
