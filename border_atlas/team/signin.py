"""Who the user is, decided from the configuration, the request's headers and the address it came from.

``BORDER_ATLAS_IDENTITY`` chooses how:

- ``single`` (the default): one user on their own machine, the local user name, who may do everything;
- ``oidc``: Streamlit's ``st.login`` against the organisation's OpenID Connect provider (the ``[auth]``
  section of ``.streamlit/secrets.toml``); the user is the claim ``BORDER_ATLAS_OIDC_CLAIM`` (``email``);
- ``proxy``: an authenticating reverse proxy names the user in a header (``BORDER_ATLAS_USER_HEADER``,
  ``X-Forwarded-User``), believed only from the proxy's own address (``BORDER_ATLAS_TRUSTED_PROXY``,
  addresses or networks, comma-separated; ``127.0.0.1``). Anyone else could send the header too.

``BORDER_ATLAS_ADMIN_CONTACT`` says whom to ask for access, on the page shown to someone not signed in.

>>> settings = read_settings({"BORDER_ATLAS_IDENTITY": "proxy"})
>>> identify(settings, headers={"x-forwarded-user": "ana"}, peer="127.0.0.1").user
'ana'
>>> identify(settings, headers={"X-Forwarded-User": "ana"}, peer="192.0.2.7").user is None
True
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass

SINGLE, OIDC, PROXY = "single", "oidc", "proxy"
MODES = (SINGLE, OIDC, PROXY)
MODE_ENV = "BORDER_ATLAS_IDENTITY"
HEADER_ENV = "BORDER_ATLAS_USER_HEADER"
PROXY_ENV = "BORDER_ATLAS_TRUSTED_PROXY"
CLAIM_ENV = "BORDER_ATLAS_OIDC_CLAIM"
CONTACT_ENV = "BORDER_ATLAS_ADMIN_CONTACT"
MAX_NAME = 200  # characters of a user name


class SettingsError(ValueError):
    """A sign-in setting that cannot be used; the message names the setting."""


@dataclass(frozen=True)
class Settings:
    mode: str = SINGLE
    header: str = "X-Forwarded-User"
    trusted: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = (ipaddress.ip_network("127.0.0.1"),)
    claim: str = "email"
    contact: str = ""


@dataclass(frozen=True)
class SignIn:
    """The user's name, or None with the reason (``needs_login``: an OIDC sign-in would give one)."""

    user: str | None
    reason: str = ""
    needs_login: bool = False


def _networks(text: str) -> tuple:
    try:
        return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in text.split(",") if part.strip())
    except ValueError as exc:
        raise SettingsError(f"{PROXY_ENV}: {exc}") from None


def read_settings(environ: Mapping[str, str] = os.environ) -> Settings:
    """The sign-in settings from the environment; :class:`SettingsError` for a value that cannot be used."""
    mode = environ.get(MODE_ENV, "").strip().lower() or SINGLE
    if mode not in MODES:
        raise SettingsError(f"{MODE_ENV} is {mode!r}; it must be one of {', '.join(MODES)}")
    header = environ.get(HEADER_ENV, "").strip() or Settings.header
    trusted = _networks(environ.get(PROXY_ENV, "")) or Settings.trusted
    claim = environ.get(CLAIM_ENV, "").strip() or Settings.claim
    return Settings(mode, header, trusted, claim, environ.get(CONTACT_ENV, "").strip())


def clean_name(value: object) -> str | None:
    """A user name as given, trimmed, or None if it is empty, too long or holds control characters."""
    if not isinstance(value, str):
        return None
    name = value.strip()
    if not name or len(name) > MAX_NAME or any(ord(c) < 32 or ord(c) == 127 for c in name):
        return None
    return name


def from_trusted(settings: Settings, peer: str | None) -> bool:
    """Whether ``peer`` is one of the proxy's addresses. Streamlit reports a loopback peer (127.0.0.1, ::1)
    as None, so None is trusted when loopback is."""
    try:
        addresses = [ipaddress.ip_address(a) for a in ((peer,) if peer else ("127.0.0.1", "::1"))]
    except ValueError:
        return False
    addresses = [a.ipv4_mapped if isinstance(a, ipaddress.IPv6Address) and a.ipv4_mapped else a for a in addresses]
    return any(a in network for a in addresses for network in settings.trusted if a.version == network.version)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers.items() if key.lower() == wanted), None)


def identify(settings: Settings, *, headers: Mapping[str, str] | None = None, peer: str | None = None,
             oidc_user: Mapping[str, object] | None = None, local_user: str = "") -> SignIn:
    """The user of this request, decided by ``settings.mode`` (see the module's text)."""
    if settings.mode == SINGLE:
        return SignIn(clean_name(local_user) or "unknown")
    if settings.mode == OIDC:
        if not oidc_user or not oidc_user.get("is_logged_in"):
            return SignIn(None, "You are not signed in.", needs_login=True)
        name = clean_name(oidc_user.get(settings.claim))
        return SignIn(name) if name else SignIn(
            None, f"Your sign-in gave no usable {settings.claim!r}; the provider must send that claim.")
    if not from_trusted(settings, peer):
        return SignIn(None, "This address is not served directly: open the atlas through the team's sign-in "
                            "address.")
    name = clean_name(_header(headers or {}, settings.header))
    return SignIn(name) if name else SignIn(None, "The sign-in in front of the atlas did not name you.")
