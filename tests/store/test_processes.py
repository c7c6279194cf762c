"""Separate processes, each with its own engine, saving into one database at once (not one machine's lock)."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT

from border_atlas.dataset import load_dataset
from border_atlas.readers import SqlTables
from tests.store.store_helpers import ids

SAVES = 8


def test_two_processes_with_their_own_engines_both_save_every_report(store, database_url):
    savers = [subprocess.Popen([sys.executable, str(ROOT / "tests" / "store" / "saver.py"), database_url, tag,
                                str(SAVES)], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                               env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
              for tag in ("p", "q")]
    for saver in savers:
        _, errors = saver.communicate(timeout=300)
        assert saver.returncode == 0, errors
    expected = {f"example-duty-{tag}{n}" for tag in ("p", "q") for n in range(SAVES)}
    assert expected <= ids(store, "assignments")
    saves = [c for c in store.history() if c.kind == "save"]
    assert len(saves) == 2 * SAVES and {c.user for c in saves} == {"user-p", "user-q"}
    assert load_dataset(SqlTables(store)).problems == ()
