"""The roles of a team, each adding to the one before: a reader reads; an analyst also adds reports and
undoes their own saves; a reviewer also approves, sends back or rejects the records others saved and
undoes a named save by anyone; an admin also assigns roles and imports the source folder again.

>>> may_add("analyst"), may_add("reader"), may_undo_any("analyst"), may_undo_any("admin")
(True, False, False, True)
>>> may_review("analyst"), may_review("reviewer")
(False, True)
"""

from __future__ import annotations

READER, ANALYST, REVIEWER, ADMIN = "reader", "analyst", "reviewer", "admin"
ROLES = (READER, ANALYST, REVIEWER, ADMIN)  # each may do what the ones before it may
DEFAULT_ROLE = READER  # a signed-in user no admin has named yet
WHAT_THEY_DO = {READER: "reads the atlas", ANALYST: "adds reports and undoes their own saves",
                REVIEWER: "also reviews the records others saved and undoes a named save by anyone",
                ADMIN: "also assigns roles and imports the source folder again"}


def rank(role: str) -> int:
    """The role's place in :data:`ROLES`; ValueError for a name that is not a role."""
    if role not in ROLES:
        raise ValueError(f"{role!r} is not a role; the roles are {', '.join(ROLES)}")
    return ROLES.index(role)


def may_add(role: str) -> bool:
    return rank(role) >= rank(ANALYST)


def may_undo_any(role: str) -> bool:
    return rank(role) >= rank(REVIEWER)


def may_review(role: str) -> bool:
    """Approve, send back or reject records saved by someone else (never one's own: the store refuses)."""
    return rank(role) >= rank(REVIEWER)


def may_assign(role: str) -> bool:
    return rank(role) >= rank(ADMIN)


def may_import(role: str) -> bool:
    """Importing the source folder again changes everyone's data: an admin's call."""
    return may_assign(role)
