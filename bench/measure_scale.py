"""The atlas from 100 to 100,000 records: load, select, map build and bytes, against the two folium baselines.

Run by hand (never in the test suite); prints Markdown tables of medians for bench/README.md.

    python bench/measure_scale.py [--repeat 5] [--sizes 100,1k,10k,100k] [--naive-limit 1000]

Per synthetic archive (records over places, see bench/synthetic.py):

- load: ``load_dataset`` validating every file (cold, in this process), from the Parquet cache,
  and a fresh interpreter's peak resident memory while loading;
- select: the first ``select`` (which joins the records once per dataset) and a filtered one after it;
- map: what the app sends on a filter change (the data layers as streamlit-folium turns them into
  script, :func:`streamlit_folium._get_feature_group_string`): seconds and bytes, and bytes per drawn
  place; and a whole standalone page (``assemble_map`` rendered): seconds and bytes;
- baselines on the same points: folium's ``FastMarkerCluster`` and a ``Marker`` + ``Popup`` per record
  (the naive map only up to ``--naive-limit`` records: it took a minute at 10,000).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import folium  # noqa: E402
from streamlit_folium import _get_feature_group_string  # noqa: E402

from bench.baselines import build_and_render, fast_cluster_map, naive_map  # noqa: E402
from bench.fresh_process import cold_load  # noqa: E402
from bench.synthetic import write_archive  # noqa: E402
from border_atlas import FilterState, load_dataset, select  # noqa: E402
from border_atlas.mapview import MapOptions, assemble_map, base_map, data_layers  # noqa: E402
from border_atlas.mapview.compact import map_mode  # noqa: E402

SIZES = {"100": (100, 50), "1k": (1_000, 100), "10k": (10_000, 1_000), "100k": (100_000, 10_000)}
# A filter that keeps about half the records: one of the two bundled reports.
FILTERED = FilterState(sources=("nkinsider-2025-10-27",))


def median(fn, repeat: int) -> tuple[float, object]:
    """Median wall seconds of ``repeat`` calls, and the last call's result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def sent_on_filter_change(selection) -> str:
    """The script streamlit-folium sends when the filters change: the data layers only."""
    options = MapOptions()
    m = base_map(selection.dataset, options=options)
    return "".join(_get_feature_group_string(group, map=m, idx=k)
                   for k, group in enumerate(data_layers(selection, options=options)))


def measure(label: str, folder: Path, cache: Path, repeat: int, naive_limit: int) -> dict:
    n_records, n_places = SIZES[label]
    row = {"label": label, "records": n_records, "places": n_places}
    row["load_s"], dataset = median(lambda: load_dataset(folder), repeat)
    load_dataset(folder, cache=cache)  # fill the cache
    row["cached_s"], _ = median(lambda: load_dataset(folder, cache=cache), repeat)
    row["rss_mib"] = cold_load(folder)["rss_peak_mib"]
    row["first_select_s"], _ = median(lambda: select(load_dataset(folder, cache=cache), FilterState()), 1)
    selection = select(dataset, FilterState())
    row["select_s"], _ = median(lambda: select(dataset, FILTERED), repeat)
    row["mode"] = map_mode(selection)
    row["drawn"] = len(selection.places) + len(selection.landmarks)
    row["change_s"], script = median(lambda: sent_on_filter_change(selection), repeat)
    row["change_bytes"] = len(script.encode("utf-8"))
    row["page_s"], html = median(lambda: assemble_map(selection).get_root().render(), repeat)
    row["page_bytes"] = len(html.encode("utf-8"))
    fast = [build_and_render(fast_cluster_map, selection) for _ in range(repeat)]
    row["fast_s"] = statistics.median(s for s, _ in fast)
    row["fast_bytes"] = fast[0][1]
    if n_records <= naive_limit:
        naive = [build_and_render(naive_map, selection) for _ in range(max(1, repeat // 2))]
        row["naive_s"] = statistics.median(s for s, _ in naive)
        row["naive_bytes"] = naive[0][1]
    return row


def _mib(n: int) -> str:
    return f"{n / 2**20:.2f}"


def tables(rows: list[dict]) -> str:
    lines = ["| records / places | load s (cold) | load s (cache) | peak RSS MiB | first select s "
             "| filtered select s |", "|---|---|---|---|---|---|"]
    lines += [f"| {r['records']:,} / {r['places']:,} | {r['load_s']:.2f} | {r['cached_s']:.2f} | {r['rss_mib']:.0f} | "
              f"{r['first_select_s']:.2f} | {r['select_s']:.3f} |" for r in rows]
    lines += ["", "| records / places | map | per filter change: s, MiB, bytes/place | whole page: s, MiB | "
              "FastMarkerCluster: s, MiB | naive Marker+Popup: s, MiB | naive ÷ ours (s) |",
              "|---|---|---|---|---|---|---|"]
    for r in rows:
        naive = f"{r['naive_s']:.2f}, {_mib(r['naive_bytes'])}" if "naive_s" in r else "not run"
        ratio = f"{r['naive_s'] / r['change_s']:.1f}×" if "naive_s" in r else "–"
        lines.append(f"| {r['records']:,} / {r['places']:,} | {r['mode']} ({r['drawn']:,} drawn) | "
                     f"{r['change_s']:.2f}, {_mib(r['change_bytes'])}, {r['change_bytes'] / r['drawn']:.0f} | "
                     f"{r['page_s']:.2f}, {_mib(r['page_bytes'])} | {r['fast_s']:.2f}, {_mib(r['fast_bytes'])} | "
                     f"{naive} | {ratio} |")
    return "\n".join(lines)


def machine() -> str:
    return (f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"folium {folium.__version__}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="100,1k,10k,100k")
    parser.add_argument("--naive-limit", type=int, default=1_000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label in args.sizes.split(","):
            n_records, n_places = SIZES[label]
            folder = write_archive(Path(tmp) / label, n_records=n_records, n_places=n_places)
            rows.append(measure(label, folder, Path(tmp) / f"cache-{label}", args.repeat, args.naive_limit))
            print(f"{label}: {rows[-1]}", file=sys.stderr, flush=True)
    print(machine())
    print(tables(rows))


if __name__ == "__main__":
    main()
