"""Processes that save reports into one database as fast as they can.

``python stress_saver.py URL TAG COUNT`` saves COUNT reports. Each report is a source, a place, two
records citing them and the report's archived text, saved in one call, read again and retried whenever
another process saved in between. Before each save it prints ``begin <id>`` and after it ``done <id>``.

``python stress_saver.py URL TAG KILLS --kill SEED`` forks savers one after another (a fork is quicker
than starting Python, and each child opens its own engine) and kills each with SIGKILL just after it
began a save, until KILLS kills landed before the save finished; it then prints, as JSON, that count
and the reports the children said were saved.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time

from border_atlas.store import ArchivedReport, DataStore, StaleData, StoreBusy

TEXT = "Stress title\nFirst paragraph, placeholder.\n\nSecond paragraph, placeholder.\n"


def report_rows(report_id: str) -> dict[str, list[dict[str, str]]]:
    """Rows meeting every rule (placeholders, not facts), all keyed by ``report_id``."""
    source, place = f"stress-{report_id}", f"stress-place-{report_id}"
    record = {"org_id": "mss", "role": "order", "place_id": place, "summary": "Placeholder", "reported": "2025-01-01",
              "source_id": source, "paragraphs": "1", "reliability": "C", "credibility": "3"}
    return {
        "sources": [{"id": source, "kind": "report", "outlet": "Stress outlet", "title": "Stress",
                     "published": "2025-01-01", "paragraphs": "2"}],
        "places": [{"id": place, "name": "Stress place", "kind": "town", "parent_id": "hyesan", "country": "KP",
                    "lat": "41.4", "lon": "128.2", "precision": "parent", "coord_source_id": source}],
        "assignments": [{**record, "id": f"stress-duty-{report_id}-1"},
                        {**record, "id": f"stress-duty-{report_id}-2", "paragraphs": "2"}],
    }


def save_one(store: DataStore, report_id: str, user: str) -> None:
    rows = report_rows(report_id)
    report = ArchivedReport(rows["sources"][0]["id"], TEXT)
    for _attempt in range(1000):
        try:
            store.save(rows=rows, expected=store.snapshot(), report=report, user=user, note=f"stress {report_id}")
            return
        except (StaleData, StoreBusy):
            continue
    raise SystemExit(f"{report_id}: refused 1000 times")


def save_many(url: str, tag: str, count: int, out=sys.stdout) -> None:
    store = DataStore(url)
    for n in range(count):
        report_id = f"{tag}-{n}"
        print(f"begin {report_id}", file=out, flush=True)
        save_one(store, report_id, user=f"analyst-{tag}")
        print(f"done {report_id}", file=out, flush=True)
    store.close()


def fork_saver(url: str, tag: str):
    """A child saving reports, writing its begin/done lines to a pipe; returns (pid, the pipe's reading end)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            save_many(url, tag, 1000, out=os.fdopen(write_end, "w"))
        finally:
            os._exit(0)
    os.close(write_end)
    return pid, os.fdopen(read_end)


def kill_in_mid_save(url: str, tag: str, wanted: int, seed: int) -> dict:
    rng, during, saved = random.Random(seed), 0, set()
    for round_ in range(wanted * 5):
        if during >= wanted:
            break
        (pid, lines), skip, last = fork_saver(url, f"{tag}r{round_}"), rng.randrange(3), None
        for line in lines:
            kind, report_id = line.split()
            if kind == "done":
                saved.add(report_id)
            elif skip == 0:
                last = report_id
                time.sleep(rng.uniform(0, 0.03))
                os.kill(pid, signal.SIGKILL)
                break
            else:
                skip -= 1
        saved |= {line.split()[1] for line in lines if line.startswith("done ")}
        lines.close()
        os.waitpid(pid, 0)
        during += last is not None and last not in saved
    return {"kills_during_saves": during, "saved": sorted(saved)}


if __name__ == "__main__":
    if "--kill" in sys.argv:
        print(json.dumps(kill_in_mid_save(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[5]))))
    else:
        save_many(sys.argv[1], sys.argv[2], int(sys.argv[3]))
