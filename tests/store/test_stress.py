"""Many processes saving reports into one database at once, and processes killed (SIGKILL) in mid-save.

Every report is five rows (a source, a place, two records) and an archived text, saved in one call.
Whatever happens, each report is in the database whole or not at all, exactly once, with one change
in the history; every report a process said it saved is there; the loader finds no problem.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import pytest
import sqlalchemy as sa
from helpers import ROOT

from border_atlas.loading.dataset import load_dataset
from border_atlas.readers import SqlTables

SAVER = ROOT / "tests" / "store" / "stress_saver.py"
PROCESSES, SAVES_EACH = 6, 84  # 504 reports at once
KILLERS, KILLS_DURING_SAVES = 3, 51


def start_saver(url: str, tag: str, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(SAVER), url, tag, str(count)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def stress_reports(store) -> dict[str, dict[str, int]]:
    """For each stress report id in the database: how many rows of each part it has."""
    tables = store.contents().tables
    found: dict[str, Counter] = {}
    parts = {"sources": "stress-", "places": "stress-place-", "assignments": "stress-duty-"}
    for table, prefix in parts.items():
        for row_id in tables[table]["id"]:
            if not row_id.startswith(prefix) or (table == "sources" and row_id.startswith("stress-place-")):
                continue
            report_id = row_id.removeprefix(prefix)
            if table == "assignments":
                report_id = report_id.rsplit("-", 1)[0]
            found.setdefault(report_id, Counter())[table] += 1
    for source_id in store.reports():
        if source_id.startswith("stress-"):
            found.setdefault(source_id.removeprefix("stress-"), Counter())["reports"] += 1
    return {report_id: dict(counts) for report_id, counts in found.items()}


WHOLE = {"sources": 1, "places": 1, "assignments": 2, "reports": 1}


def assert_consistent(store, *, saved: set[str]) -> dict[str, dict[str, int]]:
    """Every stress report whole and once, each with one save in the history; ``saved`` all among them."""
    reports = stress_reports(store)
    torn = {report_id: counts for report_id, counts in reports.items() if counts != WHOLE}
    assert torn == {}, f"half-written or duplicated reports: {torn}"
    assert saved <= set(reports), f"reported saved but missing: {sorted(saved - set(reports))[:10]}"
    changes = Counter(c.source_id for c in store.history()
                      if c.kind == "save" and (c.source_id or "").startswith("stress-"))
    assert changes == Counter({f"stress-{report_id}": 1 for report_id in reports})
    assert load_dataset(SqlTables(store)).problems == ()
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    return reports


def test_six_processes_saving_504_reports_at_once_lose_duplicate_and_tear_none(store, database_url):
    savers = [start_saver(database_url, f"p{n}", SAVES_EACH) for n in range(PROCESSES)]
    outputs = [saver.communicate(timeout=900) for saver in savers]
    for saver, (_, errors) in zip(savers, outputs, strict=True):
        assert saver.returncode == 0, errors[-2000:]
    done = {line.split()[1] for out, _ in outputs for line in out.splitlines() if line.startswith("done ")}
    assert len(done) == PROCESSES * SAVES_EACH
    reports = assert_consistent(store, saved=done)
    assert set(reports) == done
    users = Counter(c.user for c in store.history() if (c.source_id or "").startswith("stress-"))
    assert users == Counter({f"analyst-p{n}": SAVES_EACH for n in range(PROCESSES)})


def test_processes_killed_in_mid_save_leave_the_database_consistent(store, database_url):
    per_killer = -(-KILLS_DURING_SAVES // KILLERS)
    killers = [subprocess.Popen([sys.executable, str(SAVER), database_url, f"k{k}", str(per_killer), "--kill", str(k)],
                                cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env={**os.environ, "PYTHONPATH": str(ROOT)}) for k in range(KILLERS)]
    results = []
    for killer in killers:
        out, errors = killer.communicate(timeout=900)
        assert killer.returncode == 0, errors[-2000:]
        results.append(json.loads(out))
    kills = sum(result["kills_during_saves"] for result in results)
    assert kills >= KILLS_DURING_SAVES
    saved = {report_id for result in results for report_id in result["saved"]}
    reports = assert_consistent(store, saved=saved)
    # Some kills must have cut a save short, else the test proved nothing about a save killed half-way.
    assert len(reports) < len(saved) + kills
    with sa.create_engine(database_url, poolclass=sa.pool.NullPool).connect() as connection:
        assert connection.execute(sa.text("SELECT 1")).scalar_one() == 1


@pytest.fixture(autouse=True)
def _no_stray_savers():
    yield
    subprocess.run(["pkill", "-9", "-f", str(SAVER)], check=False)
