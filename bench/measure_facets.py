"""The sidebar with counts beside every filter option, against the same sidebar without them.

A page that draws only the shared sidebar (``filter_sidebar``) is run under Streamlit's AppTest
on a synthetic archive, through a sequence of filter changes (none, an era, an organisation, a
place); "without" replaces the counting with none, so the widgets get their plain labels. Each
change is timed from the widget change to the end of the run, the counts computed afresh (their
store is emptied before every run); a rerun with no change shows the stored counts. Medians of
``--repeat`` fresh sessions.

    python bench/measure_facets.py [--records 100000] [--places 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from bench.synthetic import write_archive  # noqa: E402
from border_atlas import load_dataset  # noqa: E402
from border_atlas.filters import FilterState  # noqa: E402
from border_atlas.filters.facets import count_facets  # noqa: E402

PAGE = """
import os, sys
sys.path.insert(0, {root!r})
from border_atlas.filters import facets
from border_atlas.ui import sidebar
from border_atlas.ui.data import get_dataset

dataset = get_dataset()
if os.environ.get("BENCH_COLD") == "1":
    dataset.derived.pop("per_selection", None)
# Modules are shared by every session of the process: each page sets the counting it measures.
sidebar.facet_counts = (lambda _dataset, _state: {{}}) if {without!r} else facets.facet_counts
sidebar.filter_sidebar(dataset, page="bench")
"""


def _page(folder: Path, *, without: bool) -> Path:
    path = folder / f"sidebar_{'without' if without else 'with'}.py"
    path.write_text(textwrap.dedent(PAGE.format(root=str(ROOT), without=without)), encoding="utf-8")
    return path


def _steps(place: str) -> list[tuple[str, callable]]:
    return [
        ("no filter", lambda at: at),
        ("era", lambda at: at.sidebar.radio(key="filter_era").set_value("post-covid")),
        ("+ organisation", lambda at: at.sidebar.multiselect(key="filter_orgs").set_value(["mss"])),
        ("+ place", lambda at: at.sidebar.multiselect(key="filter_places").set_value([place])),
    ]


def _session(script: Path, place: str) -> dict[str, float]:
    """One fresh session through every step; seconds per step, and a rerun with no change."""
    at, times = AppTest.from_file(str(script), default_timeout=600), {}
    os.environ["BENCH_COLD"] = "1"
    for name, change in _steps(place):
        start = time.perf_counter()
        change(at).run() if name != "no filter" else at.run()
        times[name] = time.perf_counter() - start
        assert not at.exception, at.exception
    os.environ["BENCH_COLD"] = "0"
    start = time.perf_counter()
    at.run()
    times["rerun, no change"] = time.perf_counter() - start
    return times


def measure(folder: Path, repeat: int) -> dict[str, dict[str, float]]:
    dataset = load_dataset(folder)
    place = dataset.places.loc[dataset.places["kind"] == "county", "id"].iloc[0]
    os.environ["BORDER_ATLAS_DATA"] = str(folder)
    scripts = {"without": _page(folder, without=True), "with": _page(folder, without=False)}
    _session(scripts["with"], place)  # loads the dataset into the server's store once
    runs = {variant: [] for variant in scripts}
    for _ in range(repeat):
        for variant, script in scripts.items():  # alternated, so that load on the machine hits both
            runs[variant].append(_session(script, place))
    medians = {variant: {step: statistics.median(r[step] for r in found) for step in found[0]}
               for variant, found in runs.items()}
    state = FilterState(era="post-covid", orgs=("mss",), places=(place,))
    medians["counting alone"] = {"+ place": statistics.median(_timed(lambda: count_facets(dataset, state))
                                                               for _ in range(repeat))}
    return medians


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def report(medians: dict[str, dict[str, float]]) -> None:
    print("| step | without counts s | with counts s | difference s | ratio |")
    print("|---|---|---|---|---|")
    for step, without in medians["without"].items():
        with_ = medians["with"][step]
        print(f"| {step} | {without:.3f} | {with_:.3f} | {with_ - without:+.3f} | {with_ / without:.2f}× |")
    print(f"\ncount_facets alone, every filter active: {medians['counting alone']['+ place']:.3f} s")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_archive(Path(tmp) / "archive", n_records=args.records, n_places=args.places, seed=0)
        os.environ.setdefault("BORDER_ATLAS_CACHE", str(Path(tmp) / "cache"))
        print(f"{args.records:,} records, {args.places:,} places; medians of {args.repeat} sessions\n")
        report(measure(folder, args.repeat))


if __name__ == "__main__":
    main()
