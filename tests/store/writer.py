"""A writer process for the store tests: run as ``python writer.py FOLDER ACTION [options]``.

ACTION is ``save`` (the sample save), ``undo``, ``open`` (recovery only) or ``row ID`` (one
place row, retrying on StaleData). ``--stop-at STEP`` stops at a transaction step:
``--mode die`` kills the process there with SIGKILL; ``--mode pause`` writes
``FOLDER/../paused`` and sleeps so that the test can kill it. ``--expected FILE`` saves
against a snapshot written as JSON, once, printing ``ok`` or ``stale``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
import types
from pathlib import Path


def checkpoint_for(step: str | None, mode: str, folder: Path):
    def checkpoint(name: str) -> None:
        if name != step:
            return
        if mode == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        (folder.parent / "paused").write_text(name, encoding="utf-8")
        time.sleep(120)

    return checkpoint


def wait_for_go(folder: Path) -> None:
    go = folder.parent / "go"
    deadline = time.monotonic() + 30
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.001)


def save_row(store, row_id: str, expected_file: str | None) -> str:
    from border_atlas.store import Snapshot, StaleData

    row = {"places": [{"id": row_id, "name": f"Place {row_id}"}]}
    if expected_file:
        expected = Snapshot(tuple(tuple(pair) for pair in json.loads(Path(expected_file).read_text())))
        try:
            store.save(rows=row, expected=expected)
        except StaleData as exc:
            return f"stale {' '.join(exc.files)}"
        return "ok"
    for _ in range(200):
        try:
            store.save(rows=row, expected=store.snapshot())
            return "ok"
        except StaleData:
            continue
    return "gave up"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("action", choices=["save", "undo", "open", "row"])
    parser.add_argument("row_id", nargs="?")
    parser.add_argument("--stop-at")
    parser.add_argument("--mode", choices=["die", "pause"], default="die")
    parser.add_argument("--expected")
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root))
    # The store needs only the standard library: skip the package's __init__ (pandas and
    # friends) so that each writer starts in a fraction of a second.
    package = types.ModuleType("border_atlas")
    package.__path__ = [str(root / "border_atlas")]
    sys.modules["border_atlas"] = package
    from border_atlas.store import DataStore
    from tests.store.store_helpers import sample_save

    store = DataStore(args.folder, checkpoint=checkpoint_for(args.stop_at, args.mode, args.folder))
    if args.action == "save":
        sample_save(store)
    elif args.action == "undo":
        store.undo()
    elif args.action == "row":
        wait_for_go(args.folder)
        print(save_row(store, args.row_id, args.expected), flush=True)


if __name__ == "__main__":
    main()
