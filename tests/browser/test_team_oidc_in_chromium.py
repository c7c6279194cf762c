"""Signing in with the organisation's OpenID Connect provider (a local test provider): the page asks for the sign-in,
the provider's user is the atlas's user, with the role the database gives, and signing out ends it."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from browser_helpers import ROOT, _free_port, artifact
from oidc_provider import Provider, secrets_toml
from playwright.sync_api import expect

from border_atlas.store import DataStore
from border_atlas.store import roles as store_roles
from tests.browser.test_team_behind_caddy import SERVE, wait_until_up
from tests.databases import sqlite_url

pytestmark = pytest.mark.browser


@pytest.fixture
def oidc_app(chromium, data_copy, tmp_path):
    provider = Provider()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    (tmp_path / "secrets.toml").write_text(secrets_toml(provider, url), encoding="utf-8")
    database = sqlite_url(tmp_path)
    store = DataStore(database)
    store_roles.set_role(store, "ana@example.org", "analyst", granted_by="setup")
    env = {**os.environ, "PYTHON": sys.executable, "BORDER_ATLAS_IDENTITY": "oidc", "BORDER_ATLAS_DATABASE": database,
           "BORDER_ATLAS_DATA": str(data_copy), "BORDER_ATLAS_BASEMAPS": "off",
           "STREAMLIT_SECRETS_FILES": str(tmp_path / "secrets.toml")}
    process = subprocess.Popen([SERVE, "app", str(port)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        wait_until_up(url, process)
        yield url, provider
    finally:
        process.terminate()
        process.wait(timeout=20)
        store.close()
        provider.close()


def test_the_providers_user_signs_in_with_their_role_and_signs_out(page, oidc_app):
    url, provider = oidc_app
    page.goto(url + "/Add_a_report")
    expect(page.get_by_text("You are not signed in.")).to_be_visible(timeout=90_000)
    expect(page.get_by_role("heading", name="1. Bring the report")).to_have_count(0)
    provider.next_user = "ana@example.org"
    page.get_by_role("button", name="Sign in").click()
    # (the page keeps an e-mail address from becoming a link with an invisible joiner after the @)
    expect(page.get_by_text(re.compile("Signed in as ana@\u2060?example.org \\(analyst\\)"))).to_be_visible(
        timeout=90_000)
    page.goto(url + "/Add_a_report")
    expect(page.get_by_role("heading", name="1. Bring the report")).to_be_visible(timeout=90_000)
    page.screenshot(path=artifact("team-oidc-signed-in.png"))
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are not signed in.")).to_be_visible(timeout=90_000)
