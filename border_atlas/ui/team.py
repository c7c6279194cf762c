"""Who is using this session, and what their role lets them do: the sign-in wired to Streamlit.

Every page calls :func:`member` before it shows anything: in ``oidc`` or ``proxy`` mode a request
without a usable identity gets a page saying why and whom to ask, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from border_atlas.store import StoreError
from border_atlas.store import roles as store_roles
from border_atlas.team import roles as team_roles
from border_atlas.team.identity import current_user as local_user
from border_atlas.team.signin import OIDC, SINGLE, Settings, SettingsError, identify, read_settings
from border_atlas.text.escaping import markdown
from border_atlas.ui.data import open_store


@dataclass(frozen=True)
class Member:
    user: str
    role: str
    mode: str


def _settings() -> Settings:
    try:
        return read_settings()
    except SettingsError as exc:
        st.error(markdown("The atlas's sign-in is set up wrongly: {message}. Ask whoever runs it.",
                          message=str(exc)))
        st.stop()


def _oidc_user() -> dict:
    try:
        return st.user.to_dict()
    except Exception:  # noqa: BLE001 (no session user, e.g. under a test runner)
        return {}


def _whom_to_ask(settings: Settings) -> str:
    if settings.contact:
        return settings.contact
    try:
        admins = [g.user for g in store_roles.grants(open_store()) if g.role == team_roles.ADMIN]
    except StoreError:
        admins = []
    return ", ".join(admins) if admins else "whoever runs the atlas"


def _refuse(settings: Settings, reason: str, needs_login: bool) -> None:
    st.title("Border Atlas")
    st.warning(markdown("{reason}", reason=reason), icon=":material/lock:")
    if needs_login:
        st.button("Sign in", key="team_login", type="primary", on_click=st.login)
    st.markdown(markdown("For access, ask {whom}.", whom=_whom_to_ask(settings)))
    st.stop()


def _role(settings: Settings, user: str) -> str:
    if settings.mode == SINGLE:
        return team_roles.ADMIN  # one person on their own machine may do everything, with no set-up
    try:
        return store_roles.role_of(open_store(), user) or team_roles.DEFAULT_ROLE
    except StoreError as exc:
        st.error(markdown("Your role cannot be read: {message}", message=str(exc)))
        st.stop()


def member() -> Member:
    """The signed-in user and their role; stops the page with the reason if there is none."""
    settings = _settings()
    signed = identify(settings, headers=dict(st.context.headers), peer=st.context.ip_address,
                      oidc_user=_oidc_user() if settings.mode == OIDC else None, local_user=local_user())
    if signed.user is None:
        _refuse(settings, signed.reason, signed.needs_login)
    return Member(signed.user, _role(settings, signed.user), settings.mode)


def current_user() -> str:
    """The signed-in user's name: recorded on every save and undo."""
    return member().user


def show_member(who: Member) -> None:
    """The user and role in the sidebar, with a sign-out under OIDC (nothing in single-user mode)."""
    if who.mode == SINGLE:
        return
    with st.sidebar:
        st.caption(markdown("Signed in as **{user}** ({role}).", user=who.user, role=who.role))
        if who.mode == OIDC:
            st.button("Sign out", key="team_logout", on_click=st.logout)


def require(who: Member, allowed, *, title: str, action: str) -> None:
    """Stop the page, saying why, unless ``allowed(who.role)`` (e.g. :func:`border_atlas.team.roles.may_add`)."""
    if allowed(who.role):
        return
    needed = next(role for role in team_roles.ROLES if allowed(role))
    st.title(title)
    st.info(markdown("You are signed in as {user}, a {role}: you may read the atlas. {action} takes the {needed} "
                     "role ({what}); ask {whom}.", user=who.user, role=who.role, action=action.capitalize(),
                     needed=needed, what=team_roles.WHAT_THEY_DO[needed], whom=_whom_to_ask(_settings())),
            icon=":material/lock:")
    st.stop()
