"""The team's roles, kept in the database: one role per user name, with who granted it and when.

A user with no row is a reader (:data:`border_atlas.team.roles.DEFAULT_ROLE`). The last admin cannot
be given another role, so a team is never left without someone who can assign roles.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from border_atlas.store.errors import InvalidInput
from border_atlas.store.history import now_utc
from border_atlas.store.names import check_text
from border_atlas.store.sql_tables import user_roles
from border_atlas.team.roles import ADMIN, ROLES


@dataclass(frozen=True)
class Grant:
    user: str
    role: str
    granted_by: str
    granted_at: str


def role_of(store, user: str) -> str | None:
    """The role given to ``user``, or None if none was."""
    with store.reading() as connection:
        return connection.execute(sa.select(user_roles.c.role).where(user_roles.c.user_name == user)).scalar()


def grants(store) -> list[Grant]:
    """Every role given, by user name."""
    with store.reading() as connection:
        found = connection.execute(sa.select(user_roles).order_by(user_roles.c.user_name)).all()
    return [Grant(*row) for row in found]


def set_role(store, user: str, role: str, *, granted_by: str) -> Grant:
    """Give ``user`` the role ``role`` (replacing any other), recording who did and when."""
    user = check_text(user, where="the user name").strip()
    granted_by = check_text(granted_by, where="the name of who grants the role")
    if not user:
        raise InvalidInput("the user name is empty")
    if role not in ROLES:
        raise InvalidInput(f"{role!r} is not a role; the roles are {', '.join(ROLES)}")
    grant = Grant(user, role, granted_by, now_utc())
    with store.writing() as connection:  # one role change at a time, like saves
        admins = connection.execute(sa.select(user_roles.c.user_name).where(user_roles.c.role == ADMIN)).scalars()
        if role != ADMIN and set(admins) == {user}:
            raise InvalidInput(f"{user} is the only admin; make someone else admin first.")
        connection.execute(sa.delete(user_roles).where(user_roles.c.user_name == user))
        connection.execute(sa.insert(user_roles).values(user_name=user, role=role, granted_by=granted_by,
                                                        granted_at=grant.granted_at))
    return grant
