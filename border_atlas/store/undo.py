"""What undoing a change takes, or why it cannot be undone.

A change can be undone while each row it wrote is still as it left it, and no row that it added
is referred to by a row it did not add. Otherwise the message names the change that stands in the
way (its id, who made it and when), which must be undone first.
"""

from __future__ import annotations

import sqlalchemy as sa

from border_atlas.store import history, rows
from border_atlas.store.errors import UndoRefused
from border_atlas.store.history import Change, RowChange


def _target(connection: sa.Connection, change_id: int | None, user: str) -> Change:
    if change_id is None:
        target = history.last_save_of(connection, user)
        if target is None:
            raise UndoRefused(f"Nothing of yours ({user}) to undo: every save you made is undone already, or you "
                              "have made none. Saves by others are undone by naming them.")
        return target
    target = history.get(connection, int(change_id))
    if target is None:
        raise UndoRefused(f"There is no change {change_id} in the history.")
    if target.kind == "undo":
        raise UndoRefused(f"Change {target.id} is itself an undo; save the rows again instead of undoing it.")
    if target.kind not in ("save", "import"):
        raise UndoRefused(f"Change {target.id} is a review decision ({target.kind}); a decision stands, and rows "
                          "it rejected are saved again as a new report.")
    if target.undone_by is not None:
        raise UndoRefused(f"Change {target.id} was already undone (by change {target.undone_by}).")
    return target


def _blocker(connection: sa.Connection, table: str, row_id: str, target: Change) -> str:
    later = history.last_to_touch(connection, table, row_id)
    if later is None or later.id <= target.id:
        return "a change made outside the app"
    return later.describe()


def plan_undo(connection: sa.Connection, change_id: int | None, *, user: str) -> tuple[Change, list[RowChange]]:
    """The change to undo and the row changes that undo it (newest row first); raises :class:`UndoRefused`."""
    target = _target(connection, change_id, user)
    written = history.row_changes(connection, target.id)
    if not written:  # the first import into an empty database keeps no rows in the history (it may hold millions)
        raise UndoRefused(f"Change {target.id} filled the empty database; it cannot be undone. Import into a new "
                          "database instead.")
    by_table: dict[str, list[RowChange]] = {}
    for change in written:
        by_table.setdefault(change.table, []).append(change)
    for table, changes in by_table.items():
        now = rows.get_rows(connection, table, [c.row_id for c in changes])
        for change in changes:
            if now.get(change.row_id) != change.after:
                blocker = _blocker(connection, table, change.row_id, target)
                raise UndoRefused(f"Change {target.id} cannot be undone: {blocker} changed the same row since "
                                  f"({table} {change.row_id}). Undo that first.")
    removed = {(c.table, c.row_id) for c in written if c.before is None}
    for table, row_id in sorted(removed):
        for other in rows.referring(connection, table, row_id):
            if other not in removed:
                raise UndoRefused(f"Change {target.id} cannot be undone: {_blocker(connection, *other, target)} added "
                                  f"{other[0]} {other[1]}, which refers to {table} {row_id}. Undo that first.")
    return target, [change.inverse() for change in reversed(written)]
