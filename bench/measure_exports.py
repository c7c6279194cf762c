"""The CSV, GeoJSON and KML exports of a synthetic archive: wall and CPU seconds of each build, and the size.

Run by hand (never in the test suite); prints a Markdown table of medians for bench/README.md.

    python bench/synthetic.py /tmp/archive-100k --records 100000 --places 10000
    python bench/measure_exports.py /tmp/archive-100k [--repeat 5] [--only csv,geojson,kml] [--save DIR] [--shared]

Each export is built as the app builds it (``Export.build(selection, BriefingText())`` on every record,
as ``measure_browser.py`` does), ``--repeat`` times in a row; the machine's load average is printed
before and after, since a shared machine makes single runs noisy. ``--save DIR`` writes the last
run's files there, to compare two versions of the code.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the package importable
    sys.path.insert(0, str(ROOT))

from border_atlas import FilterState, load_dataset, select  # noqa: E402
from border_atlas.exports import EXPORTS  # noqa: E402
from border_atlas.filters.link import BriefingText  # noqa: E402

KINDS = ("csv", "geojson", "kml")


def timed(fn, repeat: int, *, setup=lambda: None) -> tuple[list[float], list[float], object]:
    """Wall and CPU seconds of ``repeat`` calls of ``fn(setup())``, setup untimed, and the last call's result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        argument = setup()
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn(argument)
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return walls, cpus, result


def measure(folder: Path, *, repeat: int, kinds: tuple[str, ...], save: Path | None, shared: bool) -> list[dict]:
    """One row per export: its label, wall and CPU seconds of each run, and its size in bytes.

    Each run gets a fresh selection (made untimed), so it pays for whatever the export builds from
    it, as a first download in the app does; ``shared`` keeps one selection for every run, as
    ``measure_browser.py`` does, so that what one build caches on it (``record_list``) serves the next.
    """
    dataset = load_dataset(folder)
    one = select(dataset, FilterState())
    rows = []
    for export in EXPORTS:
        if export.key not in kinds:
            continue
        setup = (lambda: one) if shared else (lambda: select(dataset, FilterState()))
        walls, cpus, data = timed(lambda selection, export=export: export.build(selection, BriefingText()),
                                  repeat, setup=setup)
        rows.append({"label": export.label, "wall": walls, "cpu": cpus, "bytes": len(data)})
        if save is not None:
            save.mkdir(parents=True, exist_ok=True)
            (save / f"records{export.suffix}").write_bytes(data)
        print(f"{export.label}: wall {[round(w, 2) for w in walls]}, load {os.getloadavg()}", file=sys.stderr)
    return rows


def table(rows: list[dict], records: int) -> str:
    lines = [f"| export ({records:,} records; medians) | wall s | CPU s | MiB |", "|---|---|---|---|"]
    lines += [f"| {r['label']} | {statistics.median(r['wall']):.2f} | {statistics.median(r['cpu']):.2f} "
              f"| {r['bytes'] / 2**20:.1f} |" for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default=",".join(KINDS), help="comma-separated: " + ", ".join(KINDS))
    parser.add_argument("--save", type=Path, default=None)
    parser.add_argument("--shared", action="store_true", help="one selection for every run (measure_browser.py)")
    args = parser.parse_args()
    kinds = tuple(k for k in args.only.split(",") if k)
    print(f"load average before: {os.getloadavg()}")
    rows = measure(args.folder, repeat=args.repeat, kinds=kinds, save=args.save, shared=args.shared)
    print(f"load average after: {os.getloadavg()}")
    print(table(rows, len(load_dataset(args.folder).assignments)))


if __name__ == "__main__":
    main()
