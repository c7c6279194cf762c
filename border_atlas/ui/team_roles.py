"""The admin's section: who has which role, and giving a user a role (shown to admins of a team)."""

from __future__ import annotations

import streamlit as st

from border_atlas.store import StoreError
from border_atlas.store import roles as store_roles
from border_atlas.team.roles import DEFAULT_ROLE, ROLES, WHAT_THEY_DO, may_assign
from border_atlas.team.signin import SINGLE
from border_atlas.text.escaping import markdown
from border_atlas.ui.data import open_store
from border_atlas.ui.team import Member


def _grant(who: Member, user: str, role: str) -> None:
    try:
        grant = store_roles.set_role(open_store(), user, role, granted_by=who.user)
    except StoreError as exc:
        st.error(markdown("{message}", message=str(exc)))
        return
    st.success(markdown("{user} is now {role}.", user=grant.user, role=grant.role))


def roles_section(who: Member) -> None:
    """Nothing on one's own machine (the one user is admin) or for a user who is not an admin."""
    if who.mode == SINGLE or not may_assign(who.role):
        return
    st.header("Team roles")
    st.caption(markdown("Each role may do what the ones before it may: " + "; ".join(
        f"{role} {WHAT_THEY_DO[role]}" for role in ROLES) + ". Anyone signed in without a role is a {default}.",
        default=DEFAULT_ROLE))
    with st.form("team_roles_form", clear_on_submit=True):
        user = st.text_input("User name (as the sign-in gives it)", key="team_role_user")
        role = st.selectbox("Role", ROLES, index=ROLES.index("analyst"), key="team_role_role")
        given = st.form_submit_button("Give the role")
    if given:
        _grant(who, user, role)
    try:
        grants = store_roles.grants(open_store())
    except StoreError as exc:
        st.error(markdown("The roles cannot be read: {message}", message=str(exc)))
        return
    st.dataframe([{"user": g.user, "role": g.role, "granted by": g.granted_by, "when (UTC)": g.granted_at}
                  for g in grants], hide_index=True, width="stretch", key="team_roles_table")
