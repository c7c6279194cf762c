"""Separate processes, each with its own engine, saving into one database at once (not one machine's lock)."""

from __future__ import annotations

import signal
import subprocess
import sys

from helpers import ROOT

from border_atlas.loading.dataset import load_dataset
from border_atlas.readers import SqlTables
from tests.store.store_helpers import ids, sample_save

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


def test_a_process_killed_mid_save_leaves_nothing_of_it_and_the_next_save_proceeds(store, database_url):
    before = store.snapshot()
    writer = subprocess.Popen([sys.executable, str(ROOT / "tests" / "store" / "kill_mid_save.py"), database_url],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    try:
        assert writer.stdout.readline().strip() == "written", writer.stderr.read()
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=60)
    assert store.snapshot() == before
    assert "example-duty-killed" not in ids(store, "assignments")
    assert [c.user for c in store.history()] == ["setup"]
    sample_save(store, "after", user="ana")  # the killed writer's lock is gone with it
    assert "example-duty-after" in ids(store, "assignments")
    assert load_dataset(SqlTables(store)).problems == ()
