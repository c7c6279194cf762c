"""The store at 1,000,000 records, on SQLite and PostgreSQL: import, cold load, load from the cache, save.

Run by hand, never in the test suite. Every timing is the median of ``--repeat`` runs. PostgreSQL is a
throwaway cluster started from Debian's package (as the tests do), or the server ``--postgres`` names.

    python bench/measure_store.py                       # 1,000,000 records over 10,000 places
    python bench/measure_store.py --records 100000 --repeat 3 --no-postgres
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The tests' throwaway PostgreSQL cluster; the project first, so that bench/ is not tests/bench/.
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from databases import ThrowawayCluster, fresh_postgres_database  # noqa: E402

from bench.run import median_seconds as timed  # noqa: E402
from bench.synthetic import write_archive  # noqa: E402
from border_atlas.loading.cache import TableCache  # noqa: E402
from border_atlas.loading.dataset import load_dataset  # noqa: E402
from border_atlas.readers import SqlTables  # noqa: E402
from border_atlas.store import ArchivedReport, DataStore  # noqa: E402


def report_rows(n: int, place_id: str) -> dict[str, list[dict[str, str]]]:
    source = f"bench-save-{n}"
    return {
        "sources": [{"id": source, "kind": "report", "outlet": "Benchmark", "title": "Synthetic",
                     "published": "2025-01-01", "paragraphs": "2"}],
        "assignments": [{"id": f"bench-duty-{n}-{k}", "org_id": "mss", "role": "order", "place_id": place_id,
                         "summary": "Synthetic", "reported": "2025-01-01", "source_id": source, "paragraphs": "1",
                         "reliability": "C", "credibility": "3"} for k in range(2)],
    }


def measure(url: str, archive: Path, repeat: int, cache_dir: Path) -> dict[str, float]:
    store = DataStore(url)
    start = time.perf_counter()
    store.import_folder(archive, user="bench")
    figures = {"import (once)": time.perf_counter() - start}
    figures["read every table (contents)"] = timed(store.contents, repeat)
    figures["cold load: read and validate"] = timed(lambda: load_dataset(SqlTables(store)), repeat)
    cache = TableCache(cache_dir)
    load_dataset(SqlTables(store), cache=cache)  # fills the cache
    figures["load from the cache"] = timed(lambda: load_dataset(SqlTables(store), cache=cache), repeat)
    counter = iter(range(10_000))
    place_id = str(store.contents().tables["places"]["id"].iloc[0])

    def save() -> None:
        n = next(counter)
        report = ArchivedReport(f"bench-save-{n}", "T\nP.\n")
        store.save(rows=report_rows(n, place_id), expected=store.snapshot(), report=report, user="bench",
                   note="benchmark")

    figures["save a report (snapshot and save)"] = timed(save, repeat)
    figures["undo the last save"] = timed(lambda: store.undo(user="bench"), min(repeat, 3))
    store.close()
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server (default: a throwaway cluster)")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="border-atlas-store-bench-"))
    try:
        archive = write_archive(work / "archive", n_records=args.records, n_places=args.places)
        sqlite = f"sqlite:///{work / 'atlas.sqlite3'}"
        results = {"SQLite": measure(sqlite, archive, args.repeat, work / "cache-sqlite")}
        if not args.no_postgres:
            cluster = None if args.postgres else ThrowawayCluster.start()
            try:
                with fresh_postgres_database(args.postgres or cluster.admin_url) as url:
                    results["PostgreSQL"] = measure(url, archive, args.repeat, work / "cache-postgres")
            finally:
                if cluster:
                    cluster.stop()
        print(f"{args.records:,} records over {args.places:,} places; medians of {args.repeat} (seconds)\n")
        names = list(results)
        print("| step | " + " | ".join(names) + " |\n|---|" + "---|" * len(names))
        for step in results[names[0]]:
            print(f"| {step} | " + " | ".join(f"{results[n][step]:.3f}" for n in names) + " |")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\npeak memory of this process: {peak:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
