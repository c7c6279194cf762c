"""The team's roles in the database (SQLite and PostgreSQL), and setting them from the command line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from border_atlas.store import DataStore, InvalidInput
from border_atlas.store import roles as store_roles


def test_a_role_is_kept_with_who_granted_it_and_replaced_by_the_next(store):
    assert store_roles.role_of(store, "ana") is None
    store_roles.set_role(store, "ana", "admin", granted_by="setup")
    store_roles.set_role(store, "ben", "analyst", granted_by="ana")
    store_roles.set_role(store, "ben", "reviewer", granted_by="ana")
    assert [(g.user, g.role, g.granted_by) for g in store_roles.grants(store)] == [
        ("ana", "admin", "setup"), ("ben", "reviewer", "ana")]
    assert store_roles.grants(store)[1].granted_at.endswith("Z")


def test_the_only_admin_keeps_the_role_until_there_is_another(store):
    store_roles.set_role(store, "ana", "admin", granted_by="setup")
    with pytest.raises(InvalidInput, match="only admin"):
        store_roles.set_role(store, "ana", "analyst", granted_by="ana")
    store_roles.set_role(store, "ben", "admin", granted_by="ana")
    store_roles.set_role(store, "ana", "analyst", granted_by="ben")
    assert store_roles.role_of(store, "ana") == "analyst"


@pytest.mark.parametrize(("user", "role", "message"), [("ana", "owner", "not a role"), ("  ", "analyst", "empty"),
                                                       ("a\x00b", "analyst", "NUL")])
def test_a_bad_role_or_name_is_refused_and_nothing_is_kept(store, user, role, message):
    with pytest.raises(InvalidInput, match=message):
        store_roles.set_role(store, user, role, granted_by="setup")
    assert store_roles.grants(store) == []


def test_the_database_refuses_a_role_written_directly(store):
    import sqlalchemy as sa

    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as connection:
        connection.execute(store_roles.user_roles.insert().values(user_name="ana", role="owner", granted_by="x",
                                                                  granted_at="2026-01-01T00:00:00Z"))


def test_the_first_admin_is_made_from_the_command_line(database_url):
    run = [sys.executable, "-m", "border_atlas.data", "roles"]
    made = subprocess.run([*run, "set", "rita", "admin", "--database", database_url], capture_output=True, text=True,
                          check=True)
    assert "rita is now admin" in made.stdout
    listed = subprocess.run([*run, "list", "--database", database_url], capture_output=True, text=True, check=True)
    assert listed.stdout.startswith("rita\tadmin\t")
    refused = subprocess.run([*run, "set", "rita", "reader", "--database", database_url], capture_output=True,
                             text=True)
    assert refused.returncode == 1 and "only admin" in refused.stderr
    store = DataStore(database_url)
    try:
        assert store_roles.role_of(store, "rita") == "admin"
    finally:
        store.close()
