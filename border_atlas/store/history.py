"""The history of changes: who saved, undid or imported what, when, and each row before and after.

A change is one row of ``changes`` and one row of ``changed_rows`` per row it added, changed or
removed (the archived report text counts as a row of ``reports``), with the row as JSON before
and after (None where it did not exist). That is all an undo needs, and it stays as the audit
trail: nothing is ever deleted from the history.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa

from border_atlas.store.sql_tables import REPORTS, changed_rows, changes, state

Row = dict[str, str | None]


@dataclass(frozen=True)
class RowChange:
    """One row of ``table`` (by its id) going from ``before`` to ``after`` (None: no such row)."""

    table: str
    row_id: str
    before: Row | None
    after: Row | None

    def inverse(self) -> RowChange:
        return RowChange(self.table, self.row_id, self.after, self.before)


@dataclass(frozen=True)
class Change:
    """One save, undo or import, as recorded.

    ``rows``: table -> the ids of the rows it added, changed or removed (the archived report is
    named by ``source_id``, not listed here); ``undone_by``: the undo that undid it, if any.
    """

    id: int
    kind: str  # "save", "undo" or "import"
    time: str  # UTC, ISO 8601
    user: str
    source_id: str | None
    note: str
    undoes: int | None = None
    undone_by: int | None = None
    rows: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def row_counts(self) -> dict[str, int]:
        return {table: len(ids) for table, ids in self.rows.items()}

    def describe(self) -> str:
        """"change 12 (save by alice at 2026-01-01T10:00:00Z)"."""
        return f"change {self.id} ({self.kind} by {self.user} at {self.time})"


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def current_version(connection: sa.Connection) -> int:
    return int(connection.execute(sa.select(state.c.version)).scalar_one())


def record(connection: sa.Connection, *, kind: str, user: str, note: str, source_id: str | None,
           rows: list[RowChange], undoes: int | None = None) -> int:
    """Add a change (after its rows were written, in the same transaction); its id."""
    change_id = connection.execute(sa.insert(changes).values(
        version=current_version(connection), time=now_utc(), user_name=user, kind=kind, source_id=source_id,
        note=note, undoes=undoes).returning(changes.c.id)).scalar_one()
    if rows:
        connection.execute(sa.insert(changed_rows), [
            {"change_id": change_id, "table_name": r.table, "row_id": r.row_id,
             "before": None if r.before is None else json.dumps(r.before, ensure_ascii=False),
             "after": None if r.after is None else json.dumps(r.after, ensure_ascii=False)} for r in rows])
    return change_id


def row_changes(connection: sa.Connection, change_id: int) -> list[RowChange]:
    """The rows a change wrote, in the order it wrote them."""
    found = connection.execute(sa.select(changed_rows.c.table_name, changed_rows.c.row_id, changed_rows.c.before,
                                         changed_rows.c.after).where(changed_rows.c.change_id == change_id)
                               .order_by(changed_rows.c.id))
    return [RowChange(t, r, None if b is None else json.loads(b), None if a is None else json.loads(a))
            for t, r, b, a in found]


def select_changes(connection: sa.Connection, where, *, limit: int | None = None,
                   newest_first: bool = True) -> list[Change]:
    """The changes that meet ``where`` (a condition on ``changes``), with their rows and who undid them."""
    query = sa.select(changes).where(where).order_by(changes.c.id.desc() if newest_first else changes.c.id)
    found = connection.execute(query.limit(limit) if limit else query).mappings().all()
    ids = [c["id"] for c in found]
    if not ids:
        return []
    undone = dict(connection.execute(sa.select(changes.c.undoes, changes.c.id).where(changes.c.undoes.in_(ids))).all())
    rows: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for change_id, table, row_id in connection.execute(
            sa.select(changed_rows.c.change_id, changed_rows.c.table_name, changed_rows.c.row_id)
            .where(changed_rows.c.change_id.in_(ids), changed_rows.c.table_name != REPORTS)
            .order_by(changed_rows.c.id)):
        rows[change_id][table].append(row_id)
    return [Change(id=c["id"], kind=c["kind"], time=c["time"], user=c["user_name"], source_id=c["source_id"],
                   note=c["note"], undoes=c["undoes"], undone_by=undone.get(c["id"]),
                   rows={t: tuple(r) for t, r in rows[c["id"]].items()}) for c in found]


def recent(connection: sa.Connection, limit: int | None = None) -> list[Change]:
    """The changes, newest first."""
    return select_changes(connection, sa.true(), limit=limit)


def get(connection: sa.Connection, change_id: int) -> Change | None:
    found = select_changes(connection, changes.c.id == change_id)
    return found[0] if found else None


def since(connection: sa.Connection, version: int) -> list[Change]:
    """The changes made after the data had ``version``, oldest first."""
    return select_changes(connection, changes.c.version > version, newest_first=False)


def last_save_of(connection: sa.Connection, user: str) -> Change | None:
    """The user's newest save that is not undone yet."""
    undone = sa.select(changes.c.undoes).where(changes.c.undoes.is_not(None))
    found = select_changes(connection, (changes.c.kind == "save") & (changes.c.user_name == user)
                     & changes.c.id.not_in(undone), limit=1)
    return found[0] if found else None


def last_to_touch(connection: sa.Connection, table: str, row_id: str) -> Change | None:
    """The newest change that wrote the row, if the history has one."""
    change_id = connection.execute(sa.select(sa.func.max(changed_rows.c.change_id)).where(
        changed_rows.c.table_name == table, changed_rows.c.row_id == row_id)).scalar()
    return None if change_id is None else get(connection, change_id)
