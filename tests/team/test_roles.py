"""What each role may do: each adds to the one before."""

from __future__ import annotations

import pytest

from border_atlas.team.roles import ROLES, may_add, may_assign, may_import, may_undo_any, rank


def test_each_role_may_do_what_the_ones_before_it_may():
    assert [(may_add(r), may_undo_any(r), may_assign(r), may_import(r)) for r in ROLES] == [
        (False, False, False, False), (True, False, False, False), (True, True, False, False), (True, True, True, True)]


def test_a_name_that_is_not_a_role_is_refused():
    with pytest.raises(ValueError, match="not a role"):
        rank("owner")
