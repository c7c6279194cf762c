"""A second pair of eyes: each row an app save added is pending until a user other than its author decides.

A save records one review per row it added (``reviews``); rows imported from a folder have none and count
as reviewed. A decision (approve, send back with a comment, reject) is a change of its own in the history,
of that kind, its note the comment and its ``source_id`` the report the save archived; each review it
decides is one of its changed rows, table ``reviews``, row id ``<table>:<row id>`` (``assignments:hyesan-x``),
the review before and after as JSON. Rejecting removes the rows (listed in the same change, so nothing is
lost); their archived report goes with their source.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, replace

import sqlalchemy as sa

from border_atlas.store import history
from border_atlas.store import rows as row_io
from border_atlas.store.errors import InvalidInput, ReviewRefused
from border_atlas.store.history import Change, Row, RowChange
from border_atlas.store.sql_tables import DATA_TABLES, REPORTS, REVIEWS, reviews

PENDING, APPROVED, SENT_BACK, REJECTED = "pending", "approved", "sent back", "rejected"
OPEN = (PENDING, SENT_BACK)  # awaiting a decision
REVIEWED = "reviewed"  # what a loaded record says when it has no open review
APPROVE, SEND_BACK, REJECT = "approve", "send back", "reject"
DECIDED = {APPROVE: APPROVED, SEND_BACK: SENT_BACK, REJECT: REJECTED}
SINGLE_USER = "single-user mode: nobody else to review it"


@dataclass(frozen=True)
class Review:
    """The review of one row a save added."""

    table_name: str
    row_id: str
    status: str
    author: str
    change_id: int  # the save that added the row
    decided_by: str | None = None
    decided_at: str | None = None
    comment: str | None = None

    @property
    def key(self) -> str:
        """How the history names it: ``<table>:<row id>``."""
        return f"{self.table_name}:{self.row_id}"


@dataclass(frozen=True)
class PendingSave:
    """One save's rows awaiting a decision, with the rows as they are now (by table, in the save's order)."""

    change: Change
    reviews: tuple[Review, ...]
    rows: dict[str, list[Row]]

    @property
    def source_id(self) -> str | None:
        return self.change.source_id


def _reviews(connection: sa.Connection, where) -> list[Review]:
    found = connection.execute(sa.select(reviews).where(where).order_by(reviews.c.change_id)).mappings()
    return [Review(**row) for row in found]


def record_save(connection: sa.Connection, change_id: int, added: list[RowChange], *, author: str,
                needs_review: bool, decided_at: str) -> None:
    """A review for each row the save ``change_id`` added: pending, or (``needs_review=False``: a single user,
    nobody else to ask) approved by the author with a note saying why."""
    added = [c for c in added if c.table in DATA_TABLES and c.before is None]
    if not added:
        return
    for table in {c.table for c in added}:  # an id added again after a rejection or an undo: a new review
        ids = [c.row_id for c in added if c.table == table]
        for start in range(0, len(ids), 500):
            connection.execute(sa.delete(reviews).where(reviews.c.table_name == table,
                                                        reviews.c.row_id.in_(ids[start:start + 500])))
    decided = {} if needs_review else {"decided_by": author, "decided_at": decided_at, "comment": SINGLE_USER}
    connection.execute(sa.insert(reviews), [
        {"table_name": c.table, "row_id": c.row_id, "status": PENDING if needs_review else APPROVED,
         "author": author, "change_id": change_id, "decided_by": None, "decided_at": None, "comment": None,
         **decided} for c in added])


def forget_undone(connection: sa.Connection, undone: list[RowChange], save_id: int) -> None:
    """Drop the reviews of rows an undo removed again (the save's own reviews only)."""
    for change in undone:
        if change.after is None and change.table in DATA_TABLES:
            connection.execute(sa.delete(reviews).where(reviews.c.table_name == change.table,
                                                        reviews.c.row_id == change.row_id,
                                                        reviews.c.change_id == save_id))


def _targets(connection: sa.Connection, rows, save: int | None) -> list[Review]:
    """The open reviews to decide: those of ``rows`` ((table, id) pairs), or every open one of save ``save``."""
    if (rows is None) == (save is None):
        raise InvalidInput("name either the rows to decide (rows=[(table, id), …]) or the save (save=change id)")
    if save is not None:
        found = _reviews(connection, (reviews.c.change_id == int(save)) & reviews.c.status.in_(OPEN))
        if not found:
            raise ReviewRefused(f"Change {save} has no row awaiting review.")
        return found
    wanted = [(str(t), str(i)) for t, i in rows]
    if not wanted:
        raise InvalidInput("no rows named to decide")
    found = []
    for table, row_id in dict.fromkeys(wanted):
        review = _reviews(connection, (reviews.c.table_name == table) & (reviews.c.row_id == row_id))
        if not review:
            raise ReviewRefused(f"{table} {row_id} has no review: it was imported from the folder (which counts "
                                "as reviewed) or no save added it.")
        if review[0].status not in OPEN:
            raise ReviewRefused(f"{table} {row_id} was {review[0].status} already, by {review[0].decided_by} at "
                                f"{review[0].decided_at}.")
        found.append(review[0])
    if len({r.change_id for r in found}) > 1:
        raise InvalidInput("the rows named come from several saves; decide one save's rows at a time")
    return found


def _refuse_own(targets: list[Review], user: str) -> None:
    own = [r for r in targets if r.author == user]
    if own:
        raise ReviewRefused(f"You ({user}) added {own[0].table_name} {own[0].row_id} (change {own[0].change_id}): "
                            "a reviewer other than its author must decide on it.")


def _removed(connection: sa.Connection, targets: list[Review]) -> list[RowChange]:
    """The rows a rejection removes (children first), with the archived report of a rejected source;
    refused while a row not rejected names one of them."""
    gone = {(r.table_name, r.row_id) for r in targets}
    for table, row_id in sorted(gone):
        for other in row_io.referring(connection, table, row_id):
            if other not in gone and other[0] != REPORTS:
                raise ReviewRefused(f"{table} {row_id} cannot be rejected alone: {other[0]} {other[1]} names it. "
                                    "Reject that too, or all the rows of the report.")
    removed = []
    for table in reversed(DATA_TABLES):
        ids = [i for t, i in sorted(gone) if t == table]
        removed += [RowChange(table, i, row, None) for i, row in row_io.get_rows(connection, table, ids).items()]
    sources = [i for t, i in sorted(gone) if t == "sources"]
    removed += [RowChange(REPORTS, i, row, None) for i, row in row_io.get_rows(connection, REPORTS, sources).items()]
    return removed


def decide(connection: sa.Connection, decision: str, *, user: str, comment: str, rows=None,
           save: int | None = None) -> int:
    """Record ``decision`` on the rows named (or every open one of ``save``) as one change; its id."""
    targets = _targets(connection, rows, save)
    _refuse_own(targets, user)
    the_save = history.get(connection, targets[0].change_id)
    removed = _removed(connection, targets) if decision == REJECT else []
    row_io.apply(connection, removed)
    when = history.now_utc()
    decided = [replace(r, status=DECIDED[decision], decided_by=user, decided_at=when, comment=comment or None)
               for r in targets]
    for review in decided:
        connection.execute(sa.update(reviews).where(reviews.c.table_name == review.table_name,
                                                    reviews.c.row_id == review.row_id)
                           .values(status=review.status, decided_by=user, decided_at=when, comment=review.comment))
    changed = removed + [RowChange(REVIEWS, new.key, asdict(old), asdict(new)) for old, new in zip(targets, decided)]
    return history.record(connection, kind=decision, user=user, note=comment, rows=changed,
                          source_id=the_save.source_id if the_save else None)


def pending(connection: sa.Connection, *, author: str | None = None, statuses=OPEN) -> list[PendingSave]:
    """The rows awaiting a decision, grouped by the save that added them (oldest save first); ``author``: one
    user's only. Rows gone since (undone) are left out."""
    where = reviews.c.status.in_(statuses)
    if author is not None:
        where &= reviews.c.author == author
    by_save: dict[int, list[Review]] = defaultdict(list)
    for review in _reviews(connection, where):
        by_save[review.change_id].append(review)
    found = []
    for change_id, waiting in by_save.items():
        now = {t: row_io.get_rows(connection, t, [r.row_id for r in waiting if r.table_name == t])
               for t in DATA_TABLES}
        present = tuple(r for r in waiting if r.row_id in now[r.table_name])
        change = history.get(connection, change_id)
        if present and change is not None:
            order = {(r.table, r.row_id): n for n, r in enumerate(history.row_changes(connection, change_id))}
            present = tuple(sorted(present, key=lambda r: order.get((r.table_name, r.row_id), 0)))
            rows = {t: [now[t][r.row_id] | {"id": r.row_id} for r in present if r.table_name == t] for t in DATA_TABLES}
            found.append(PendingSave(change, present, {t: v for t, v in rows.items() if v}))
    return found


def open_status(connection: sa.Connection) -> dict[str, dict[str, str]]:
    """table -> row id -> status, for every row awaiting a decision (every other row counts as reviewed)."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for table, row_id, status in connection.execute(
            sa.select(reviews.c.table_name, reviews.c.row_id, reviews.c.status).where(reviews.c.status.in_(OPEN))):
        found[table][row_id] = status
    return dict(found)


def review_of(connection: sa.Connection, table: str, row_id: str) -> Review | None:
    found = _reviews(connection, (reviews.c.table_name == table) & (reviews.c.row_id == row_id))
    return found[0] if found else None
