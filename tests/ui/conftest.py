"""The team the page tests sign in as: a database with the bundled data and roles, OpenID Connect sign-in."""

from __future__ import annotations

import pytest
import streamlit as st

from border_atlas.store import DataStore
from border_atlas.store import roles as store_roles
from tests.databases import sqlite_url
from tests.ui.team_members import ROLES


@pytest.fixture
def team(data_copy, tmp_path, monkeypatch):
    """The bundled data in a database with an admin, two analysts and a reviewer; OpenID Connect sign-in.
    Streamlit's resource cache is cleared before and after, so the app opens this database, not another test's."""
    url = sqlite_url(tmp_path)
    store = DataStore(url)
    store.import_folder(data_copy, user="setup", note="first import")
    for user, role in ROLES:
        store_roles.set_role(store, user, role, granted_by="setup")
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(data_copy))
    monkeypatch.setenv("BORDER_ATLAS_DATABASE", url)
    monkeypatch.setenv("BORDER_ATLAS_IDENTITY", "oidc")
    st.cache_resource.clear()
    yield store
    store.close()
    st.cache_resource.clear()
