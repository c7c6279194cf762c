"""Deciding who the user is: single user, OpenID Connect, or a header believed only from the proxy's address."""

from __future__ import annotations

import pytest

from border_atlas.team.signin import SettingsError, identify, read_settings

PROXY = {"BORDER_ATLAS_IDENTITY": "proxy"}


def test_single_user_needs_no_configuration_and_ignores_a_user_header():
    settings = read_settings({})
    signed = identify(settings, headers={"X-Forwarded-User": "mallory"}, peer="127.0.0.1", local_user="kim")
    assert (settings.mode, signed.user) == ("single", "kim")


def test_proxy_header_is_believed_from_the_proxys_address_whatever_its_case():
    settings = read_settings(PROXY)
    assert identify(settings, headers={"x-forwarded-user": " ana "}, peer="127.0.0.1").user == "ana"
    # Streamlit reports a loopback peer as no address at all
    assert identify(settings, headers={"X-Forwarded-User": "ana"}, peer=None).user == "ana"


def test_a_forged_header_from_another_address_is_not_believed():
    settings = read_settings(PROXY)
    signed = identify(settings, headers={"X-Forwarded-User": "admin"}, peer="192.0.2.9")
    assert signed.user is None and "not served directly" in signed.reason
    assert identify(settings, headers={"X-Forwarded-User": "admin"}, peer="not an address").user is None


def test_the_trusted_proxy_and_header_are_configured():
    settings = read_settings({**PROXY, "BORDER_ATLAS_TRUSTED_PROXY": "10.0.0.0/24, 2001:db8::5",
                              "BORDER_ATLAS_USER_HEADER": "Remote-User"})
    assert identify(settings, headers={"Remote-User": "ana"}, peer="10.0.0.17").user == "ana"
    assert identify(settings, headers={"Remote-User": "ana"}, peer="2001:db8::5").user == "ana"
    assert identify(settings, headers={"Remote-User": "ana"}, peer="::ffff:10.0.0.3").user == "ana"
    assert identify(settings, headers={"X-Forwarded-User": "ana"}, peer="10.0.0.17").user is None
    # loopback is no longer trusted once the proxy is elsewhere
    assert identify(settings, headers={"Remote-User": "ana"}, peer=None).user is None


@pytest.mark.parametrize("value", ["", "   ", "a\nb", "x" * 201, None])
def test_an_unusable_user_name_from_the_proxy_is_refused(value):
    headers = {} if value is None else {"X-Forwarded-User": value}
    signed = identify(read_settings(PROXY), headers=headers, peer="127.0.0.1")
    assert signed.user is None and "did not name you" in signed.reason


def test_oidc_asks_for_a_sign_in_then_takes_the_configured_claim():
    settings = read_settings({"BORDER_ATLAS_IDENTITY": "OIDC"})
    signed = identify(settings, oidc_user={"is_logged_in": False}, headers={"X-Forwarded-User": "ana"})
    assert signed.user is None and signed.needs_login
    assert identify(settings, oidc_user={"is_logged_in": True, "email": "ana@example.org"}).user == "ana@example.org"
    no_claim = identify(settings, oidc_user={"is_logged_in": True, "sub": "123"})
    assert no_claim.user is None and "'email'" in no_claim.reason and not no_claim.needs_login
    by_sub = read_settings({"BORDER_ATLAS_IDENTITY": "oidc", "BORDER_ATLAS_OIDC_CLAIM": "sub"})
    assert identify(by_sub, oidc_user={"is_logged_in": True, "sub": "123"}).user == "123"


@pytest.mark.parametrize(("environ", "named"), [
    ({"BORDER_ATLAS_IDENTITY": "ldap"}, "BORDER_ATLAS_IDENTITY"),
    ({**PROXY, "BORDER_ATLAS_TRUSTED_PROXY": "proxy.example.org"}, "BORDER_ATLAS_TRUSTED_PROXY"),
])
def test_a_bad_setting_is_named(environ, named):
    with pytest.raises(SettingsError, match=named):
        read_settings(environ)
