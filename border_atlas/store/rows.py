"""Reading and writing the dataset's rows: text cells (empty is NULL) in the published CSV's order."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import pyarrow as pa
import sqlalchemy as sa

from border_atlas.loading.problems import Problem
from border_atlas.loading.schema import REFERENCES
from border_atlas.store import bulk
from border_atlas.store.errors import InvalidInput
from border_atlas.store.history import Row, RowChange
from border_atlas.store.names import check_text
from border_atlas.store.sql_tables import DATA_TABLES, REPORTS, import_problems, reports, table, text_columns


def clean_row(name: str, row: object, *, where: str) -> Row:
    """A new row as the store keeps it: every column of the table, text trimmed, empty as None."""
    if not isinstance(row, dict):
        raise InvalidInput(f"{where} is {type(row).__name__}, not a mapping of column to value")
    columns = text_columns(name)
    unknown = [str(column) for column in row if column not in columns]
    if unknown:
        raise InvalidInput(f"{where} has column(s) that {name} does not have: {', '.join(unknown)} "
                           f"(the columns are {', '.join(columns)})")
    cleaned: Row = {}
    for column in columns:
        value = row.get(column)
        text = None if value is None else check_text(value, where=f"{where}, field '{column}'").strip()
        cleaned[column] = text or None
    if not cleaned["id"]:
        raise InvalidInput(f"{where} has no id")
    return cleaned


def read_frame(connection: sa.Connection, name: str) -> pd.DataFrame:
    """A table's text cells in row order (None where empty), as the CSV reader would give them.

    Read with the driver's own cursor, column by column into Arrow: building a frame from
    SQLAlchemy's row objects takes several times longer for a large table.
    """
    columns = text_columns(name)
    chosen = table(name)
    query = sa.select(*(chosen.c[c] for c in columns)).order_by(chosen.c.row_order)
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(str(query.compile(dialect=connection.dialect)))
        found = cursor.fetchall()
    finally:
        cursor.close()
    values = list(zip(*found)) if found else [()] * len(columns)
    return pa.table({c: pa.array(v, pa.large_string()) for c, v in zip(columns, values)}).to_pandas()


def read_reports(connection: sa.Connection) -> dict[str, str]:
    return dict(connection.execute(sa.select(reports.c.source_id, reports.c.text).order_by(reports.c.source_id)).all())


def get_rows(connection: sa.Connection, name: str, ids: Iterable[str]) -> dict[str, Row]:
    """The rows of ``name`` with these ids (those that exist), by id."""
    ids = list(ids)
    if not ids:
        return {}
    chosen = table(name)
    key = chosen.c.source_id if name == REPORTS else chosen.c.id
    columns = ["text"] if name == REPORTS else text_columns(name)
    found: dict[str, Row] = {}
    for start in range(0, len(ids), 500):  # an IN list of bounded length on every database
        for record in connection.execute(sa.select(key, *(chosen.c[c] for c in columns))
                                         .where(key.in_(ids[start:start + 500]))):
            found[record[0]] = dict(zip(columns, record[1:]))
    return found


def _next_order(connection: sa.Connection, name: str) -> int:
    return int(connection.execute(sa.select(sa.func.coalesce(sa.func.max(table(name).c.row_order), -1) + 1))
               .scalar_one())


def apply(connection: sa.Connection, changes: list[RowChange]) -> None:
    """Write each change: insert (new rows go after the table's last), update, or delete."""
    inserts: dict[str, list[Row]] = {}
    for change in changes:
        chosen = table(change.table)
        key = chosen.c.source_id if change.table == REPORTS else chosen.c.id
        if change.before is None:
            inserts.setdefault(change.table, []).append({**change.after, **_key(change)})
        elif change.after is None:
            connection.execute(sa.delete(chosen).where(key == change.row_id))
        else:
            connection.execute(sa.update(chosen).where(key == change.row_id).values(**change.after))
    for name, new in inserts.items():
        if name != REPORTS:
            first = _next_order(connection, name)
            new = [{**row, "row_order": first + n} for n, row in enumerate(new)]
        _insert_many(connection, name, new)


def _insert_many(connection: sa.Connection, name: str, new: list[Row]) -> None:
    """Insert rows (all with the same columns) in bulk: a first import may hold millions."""
    columns = list(new[0])
    bulk.insert_rows(connection, name, columns, [tuple(row[c] for c in columns) for row in new])


def _key(change: RowChange) -> dict:
    return {"source_id": change.row_id} if change.table == REPORTS else {}


def referring(connection: sa.Connection, name: str, row_id: str) -> list[tuple[str, str]]:
    """(table, id) of the rows whose references name row ``row_id`` of ``name``."""
    found = []
    for (other, column), target in REFERENCES.items():
        if target == name and other in DATA_TABLES:
            chosen = table(other)
            found += [(other, i) for i in connection.execute(sa.select(chosen.c.id).where(chosen.c[column] == row_id))
                      .scalars()]
    if name == "sources":
        found += [(REPORTS, i) for i in connection.execute(sa.select(reports.c.source_id)
                                                           .where(reports.c.source_id == row_id)).scalars()]
    return found


def stored_problems(connection: sa.Connection) -> list[Problem]:
    """The problems the last import found in its folder."""
    found = connection.execute(sa.select(import_problems).order_by(import_problems.c.id)).mappings()
    return [Problem(p["file"], p["row"], p["field"], p["message"], p["severity"]) for p in found]
