"""Several sessions (threads) and servers (processes) saving at once: serialised or refused, never a lost row."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import pytest
from helpers import ROOT

from border_atlas.store import DataStore, StaleData, StoreBusy
from tests.store.store_helpers import data_files, records
from tests.store.test_crash_recovery import WRITER


def place_ids(folder) -> list[str]:
    return [record[0] for record in records((folder / "places.csv").read_bytes())[1:]]


def save_retrying(folder, row_id: str) -> None:
    store = DataStore(folder)
    while True:
        try:
            store.save(rows={"places": [{"id": row_id, "name": row_id}]}, expected=store.snapshot())
            return
        except StaleData:
            continue


def test_threads_saving_at_once_are_serialised_and_keep_every_row(folder):
    old = (folder / "places.csv").read_bytes()
    wanted = [f"thread-{t}-row-{n}" for t in range(4) for n in range(5)]
    barrier = threading.Barrier(4)

    def session(t: int) -> None:
        barrier.wait()
        for n in range(5):
            save_retrying(folder, f"thread-{t}-row-{n}")

    threads = [threading.Thread(target=session, args=(t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert (folder / "places.csv").read_bytes().startswith(old)
    assert sorted(place_ids(folder)[-20:]) == sorted(wanted)
    assert len(DataStore(folder).journal()) == 20


def test_threads_saving_against_the_same_snapshot_one_wins_one_is_refused(folder):
    seen = DataStore(folder).snapshot()
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def session(row_id: str) -> None:
        store = DataStore(folder)
        barrier.wait()
        try:
            store.save(rows={"places": [{"id": row_id}]}, expected=seen)
            outcomes[row_id] = "saved"
        except StaleData as exc:
            outcomes[row_id] = f"refused: {', '.join(exc.files)}"

    threads = [threading.Thread(target=session, args=(row_id,)) for row_id in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes.values()) == ["refused: places.csv", "saved"]
    winner = next(row_id for row_id, outcome in outcomes.items() if outcome == "saved")
    assert [i for i in place_ids(folder) if i in ("left", "right")] == [winner]


def start_writers(folder, row_ids, *extra):
    return [subprocess.Popen([sys.executable, str(WRITER), str(folder), "row", row_id, *extra], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True) for row_id in row_ids]


def finish(folder, writers) -> list[str]:
    time.sleep(0.5)  # let both start before they are let go together
    (folder.parent / "go").touch()
    return [writer.communicate(timeout=60)[0].strip() for writer in writers]


def test_processes_saving_at_once_keep_both_rows(folder):
    old = (folder / "places.csv").read_bytes()
    row_ids = [f"process-{n}-row" for n in range(3)]
    assert finish(folder, start_writers(folder, row_ids)) == ["ok"] * 3
    assert (folder / "places.csv").read_bytes().startswith(old)
    assert sorted(place_ids(folder)[-3:]) == row_ids
    assert sorted(e.row_ids["places"][0] for e in DataStore(folder).journal()) == row_ids


def test_processes_saving_against_the_same_snapshot_one_wins_one_is_refused(folder, tmp_path):
    expected = tmp_path / "expected.json"
    expected.write_text(json.dumps(DataStore(folder).snapshot().hashes))
    outcomes = finish(folder, start_writers(folder, ["left", "right"], "--expected", str(expected)))
    assert sorted(outcomes) == ["ok", "stale places.csv"]
    winner = ["left", "right"][outcomes.index("ok")]
    assert [i for i in place_ids(folder) if i in ("left", "right")] == [winner]


def test_a_save_waiting_too_long_for_another_process_gets_store_busy(folder, tmp_path):
    store = DataStore(folder, timeout=0.3)
    writer = subprocess.Popen([sys.executable, str(WRITER), str(folder), "save", "--stop-at", "manifest-written",
                               "--mode", "pause"], cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while not (tmp_path / "paused").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        with pytest.raises(StoreBusy, match=r"Another save is in progress .* \(waited 0.3 s\); try again"):
            store.save(rows={"eras": [{"id": "waiting-era"}]}, expected=store.snapshot())
    finally:
        writer.kill()
        writer.wait(timeout=30)
    assert store.recover() == ["completed the interrupted save 000001"]
    store.save(rows={"eras": [{"id": "waiting-era"}]}, expected=store.snapshot())
    assert [e.id for e in store.journal()] == ["000002", "000001"]


def test_a_session_waiting_too_long_for_another_session_gets_store_busy(folder):
    release, holding = threading.Event(), threading.Event()

    def hold(step: str) -> None:
        if step == "manifest-written":
            holding.set()
            release.wait(timeout=30)

    slow = DataStore(folder, checkpoint=hold)
    seen = slow.snapshot()
    thread = threading.Thread(target=lambda: slow.save(rows={"eras": [{"id": "slow-era"}]}, expected=seen))
    thread.start()
    assert holding.wait(timeout=30)
    before = data_files(folder)
    try:
        with pytest.raises(StoreBusy):
            DataStore(folder, timeout=0.2)
    finally:
        release.set()
        thread.join(timeout=30)
    assert data_files(folder)["places.csv"] == before["places.csv"]
    assert [e.row_ids for e in DataStore(folder).journal()] == [{"eras": ("slow-era",)}]
