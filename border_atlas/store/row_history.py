"""The history of one row, and of one report: every change that added, changed, removed, reviewed,
undid or imported it, oldest first, with what it did to that row.

A review decision is recorded as a change whose changed rows name ``reviews`` and ``<table>:<row id>``
(e.g. ``assignments:hyesan-x``), so a row's history includes its reviews. The first import into an
empty database keeps no rows in the history (:mod:`border_atlas.store.undo`); a row that no recorded
change added came with it (or from outside the app), and that import is named as its origin.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa

from border_atlas.loading.schema import REFERENCES
from border_atlas.store import history
from border_atlas.store.history import Change
from border_atlas.store.sql_tables import DATA_TABLES, REPORTS, changed_rows, changes, table

REVIEWS = "reviews"  # the changed rows of a review decision: ("reviews", "<table>:<row id>")
ADDED, CHANGED, REMOVED, FIRST_IMPORT = "added", "changed", "removed", "first import"


@dataclass(frozen=True)
class RowEvent:
    """A change in the history of a row (``row``: (table, id)), and what it did to it: ``effect`` is one of
    added, changed, removed, or "first import" (the folder the database was first filled from); None for a
    review, which does not write the row."""

    change: Change
    row: tuple[str, str]
    effect: str | None


def review_key(table_name: str, row_id: str) -> str:
    """The ``row_id`` a review of the row is recorded under."""
    return f"{table_name}:{row_id}"


def _effect(table_name: str, had_no_before: bool, has_no_after: bool) -> str | None:
    if table_name == REVIEWS:
        return None
    return ADDED if had_no_before else REMOVED if has_no_after else CHANGED


def _events(connection: sa.Connection, rows: set[tuple[str, str]]) -> list[RowEvent]:
    """The recorded changes of ``rows`` (pairs of table and row id; review keys included by the caller)."""
    if not rows:
        return []
    wanted = sa.tuple_(changed_rows.c.table_name, changed_rows.c.row_id).in_(sorted(rows))
    found = connection.execute(sa.select(changed_rows.c.change_id, changed_rows.c.table_name, changed_rows.c.row_id,
                                         changed_rows.c.before.is_(None), changed_rows.c.after.is_(None))
                               .where(wanted).order_by(changed_rows.c.change_id, changed_rows.c.id)).all()
    by_id = {c.id: c for c in history.select_changes(connection, changes.c.id.in_(sorted({f[0] for f in found})))}
    events = []
    for change_id, table_name, row_id, no_before, no_after in found:
        row = tuple(row_id.split(":", 1)) if table_name == REVIEWS else (table_name, row_id)
        events.append(RowEvent(by_id[change_id], row, _effect(table_name, no_before, no_after)))
    return events


TABLE_ORDER = {name: n for n, name in enumerate(dict.fromkeys(("sources", REPORTS, *DATA_TABLES)))}


def _order(event: RowEvent) -> tuple:
    """Oldest change first; within a change, the source and its text before the rows that cite it."""
    return event.change.id, TABLE_ORDER.get(event.row[0], len(TABLE_ORDER)), event.row


def _first_import(connection: sa.Connection) -> Change | None:
    """The import that filled the empty database (it kept no rows in the history), if there was one."""
    with_rows = sa.select(changed_rows.c.change_id)
    found = history.select_changes(connection, (changes.c.kind == "import") & changes.c.id.not_in(with_rows),
                                   limit=1, newest_first=False)
    return found[0] if found else None


def _exists(connection: sa.Connection, table_name: str, row_id: str) -> bool:
    chosen = table(table_name)
    key = chosen.c.source_id if table_name == REPORTS else chosen.c.id
    return connection.execute(sa.select(key).where(key == row_id)).first() is not None


def _with_origin(connection: sa.Connection, rows: set[tuple[str, str]], events: list[RowEvent]) -> list[RowEvent]:
    """The events, preceded by the first import for each row that exists and that no recorded change added."""
    added = {e.row for e in events if e.effect == ADDED}
    first = None
    origins = []
    for row in sorted(r for r in rows if r[0] != REVIEWS and r not in added and _exists(connection, *r)):
        first = first or _first_import(connection)
        if first is not None:
            origins.append(RowEvent(first, row, FIRST_IMPORT))
    return sorted(origins + events, key=_order)


def of_row(connection: sa.Connection, table_name: str, row_id: str) -> list[RowEvent]:
    """Every change of the row ``row_id`` of ``table_name`` (and its reviews), oldest first."""
    rows = {(table_name, row_id)}
    return _with_origin(connection, rows, _events(connection, rows | {(REVIEWS, review_key(table_name, row_id))}))


def _citing(connection: sa.Connection, source_id: str) -> set[tuple[str, str]]:
    """The rows that cite the source now (by any of their references to ``sources``)."""
    found = set()
    for (name, column), target in REFERENCES.items():
        if target == "sources" and name in DATA_TABLES:
            chosen = table(name)
            found |= {(name, i) for i in connection.execute(sa.select(chosen.c.id).where(chosen.c[column] == source_id))
                      .scalars()}
    return found


def _once_citing(connection: sa.Connection, source_id: str) -> set[tuple[str, str]]:
    """The rows that cited the source before or after any recorded change (e.g. a record saved, then undone)."""
    columns = {}
    for (name, column), target in REFERENCES.items():
        if target == "sources" and name in DATA_TABLES:
            columns.setdefault(name, []).append(column)
    quoted = json.dumps(source_id, ensure_ascii=False)  # as the rows are recorded; then checked column by column
    mentions = changed_rows.c.before.contains(quoted, autoescape=True) | changed_rows.c.after.contains(
        quoted, autoescape=True)
    found = connection.execute(sa.select(changed_rows.c.table_name, changed_rows.c.row_id, changed_rows.c.before,
                                         changed_rows.c.after).where(changed_rows.c.table_name.in_(sorted(columns)),
                                                                     mentions))
    return {(name, row_id) for name, row_id, *states in found
            if any(source_id in (json.loads(state).get(c) for c in columns[name]) for state in states if state)}


def of_report(connection: sa.Connection, source_id: str) -> list[RowEvent]:
    """Every change of a report: those made with it (its save, undo, reviews), and those of the source row, its
    archived text and each row that cites it or that a change made with it wrote; oldest first."""
    direct = history.select_changes(connection, changes.c.source_id == source_id, newest_first=False)
    rows = {("sources", source_id), (REPORTS, source_id)} | _citing(connection, source_id)
    rows |= _once_citing(connection, source_id)
    for change in direct:
        rows |= {(t, i) for t, ids in change.rows.items() if t != REVIEWS for i in ids}
        rows |= {tuple(i.split(":", 1)) for i in change.rows.get(REVIEWS, ())}
    events = _events(connection, rows | {(REVIEWS, review_key(*r)) for r in rows})
    events = _with_origin(connection, rows, events)
    seen = {e.change.id for e in events}
    return sorted(events + [RowEvent(c, ("sources", source_id), None) for c in direct if c.id not in seen],
                  key=_order)
