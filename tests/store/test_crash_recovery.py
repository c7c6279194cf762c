"""A writer killed (SIGKILL) at each step of a save or undo: after reopening, every file is
entirely old or entirely new, as a set, and the journal agrees.

The writer is a subprocess (writer.py) whose DataStore gets a ``checkpoint`` callable that
kills the process when the transaction reaches the chosen step, or pauses there so that
the test can look at the half-done state and then kill it.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT

from border_atlas.store import DataStore
from border_atlas.store.fsio import sha256
from tests.store.store_helpers import SOURCE_ID, data_files, sample_save

WRITER = Path(__file__).with_name("writer.py")
SAVE_STEPS = ["temps-written", "manifest-written", "replaced sources.csv", "replaced places.csv",
              "replaced assignments.csv", f"replaced reports/{SOURCE_ID}.txt", "committed"]
TABLES = ("sources.csv", "places.csv", "assignments.csv")


def run_writer(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(WRITER), str(folder), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


def killed(process: subprocess.CompletedProcess) -> bool:
    return process.returncode == -signal.SIGKILL


@pytest.fixture
def new_files(folder, tmp_path) -> dict[str, bytes]:
    """The files as the sample save leaves them when nothing goes wrong."""
    reference = tmp_path / "reference"
    shutil.copytree(folder, reference)
    sample_save(DataStore(reference))
    return data_files(reference)


def temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob(".*.tmp")]


def assert_journal_matches(folder: Path, files: dict[str, bytes], *, saves: int) -> None:
    entries = DataStore(folder).journal()
    assert len(entries) == saves
    assert [p.name for p in (folder / "journal").glob("*.json")] == [f"{e.id}.json" for e in entries]
    for entry in entries[:1]:
        for change in entry.changes:
            data = files.get(change.path)
            assert (data is None) if change.after is None else sha256(data) == change.after.sha256
    assert temp_files(folder) == []


@pytest.mark.parametrize("step", SAVE_STEPS)
def test_a_save_killed_at_any_step_is_rolled_back_or_completed_whole(folder, new_files, step):
    old_files = data_files(folder)
    assert killed(run_writer(folder, "save", "--stop-at", step))
    store = DataStore(folder)
    files = data_files(folder)
    if step == "temps-written":  # no manifest yet: nothing happened
        assert files == old_files
        assert_journal_matches(folder, files, saves=0)
        assert store.recovered == []
    else:
        assert files == new_files
        assert_journal_matches(folder, files, saves=1)
        assert store.recovered == ([] if step == "committed" else ["completed the interrupted save 000001"])


def test_the_half_done_state_is_real_until_recovery(folder, new_files, tmp_path):
    old_files = data_files(folder)
    writer = subprocess.Popen([sys.executable, str(WRITER), str(folder), "save", "--stop-at", "replaced places.csv",
                               "--mode", "pause"], cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while not (tmp_path / "paused").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        half = data_files(folder)
        assert [half[n] == new_files[n] for n in TABLES] == [True, True, False]
        assert half["assignments.csv"] == old_files["assignments.csv"]
    finally:
        writer.kill()
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    DataStore(folder)
    assert data_files(folder) == new_files


def test_a_crash_during_recovery_is_recovered_in_turn(folder, new_files):
    old_files = data_files(folder)
    assert killed(run_writer(folder, "save", "--stop-at", "replaced sources.csv"))
    assert killed(run_writer(folder, "open", "--stop-at", "recovered places.csv"))
    files = data_files(folder)
    assert [files[n] == new_files[n] for n in TABLES] == [True, True, False]
    assert files["assignments.csv"] == old_files["assignments.csv"]
    DataStore(folder)
    assert data_files(folder) == new_files
    assert_journal_matches(folder, new_files, saves=1)


def test_recovery_is_idempotent(folder, tmp_path):
    assert killed(run_writer(folder, "save", "--stop-at", "replaced places.csv"))
    once, twice = tmp_path / "once", tmp_path / "twice"
    shutil.copytree(folder, once)
    shutil.copytree(folder, twice)
    assert DataStore(once).recovered == ["completed the interrupted save 000001"]
    store = DataStore(twice)
    assert store.recover() == []
    assert DataStore(twice).recovered == []
    for name in ("journal/000001.json", *TABLES, f"reports/{SOURCE_ID}.txt"):
        assert (once / name).read_bytes() == (twice / name).read_bytes()


def test_an_undo_killed_between_two_replaces_is_completed(folder):
    old_files = data_files(folder)
    sample_save(DataStore(folder))
    assert killed(run_writer(folder, "undo", "--stop-at", "replaced places.csv"))
    store = DataStore(folder)
    assert store.recovered == ["completed the interrupted undo 000002"]
    assert data_files(folder) == old_files
    assert [(e.kind, e.undone_by) for e in store.journal()] == [("undo", None), ("save", "000002")]


def test_a_file_edited_by_hand_after_a_crash_makes_recovery_roll_back(folder):
    old_files = data_files(folder)
    assert killed(run_writer(folder, "save", "--stop-at", "replaced sources.csv"))
    edited = old_files["places.csv"] + b"edited-by-hand\n"
    (folder / "places.csv").write_bytes(edited)
    store = DataStore(folder)
    assert store.recovered == ["discarded the interrupted save 000001: places.csv changed meanwhile; "
                               "the other files are as they were before it"]
    assert data_files(folder) == old_files | {"places.csv": edited}
    assert store.journal() == []
    assert temp_files(folder) == []


def test_an_error_in_the_middle_of_a_save_rolls_it_back_at_once(folder):
    old_files = data_files(folder)

    def fail_after_places(step: str) -> None:
        if step == "replaced places.csv":
            raise OSError("disk full (simulated)")

    store = DataStore(folder, checkpoint=fail_after_places)
    with pytest.raises(OSError, match="simulated"):
        sample_save(store)
    assert data_files(folder) == old_files
    assert store.journal() == []
    assert temp_files(folder) == []
