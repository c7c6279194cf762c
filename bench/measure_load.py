"""Where the load path's time goes from 1,000 to 1,000,000 records, and what plain folium maps cost.

Run by hand, never in the test suite: timings on a shared machine are noisy, so every figure is
the median of ``--repeat`` runs and CPU seconds are given beside wall seconds (on a loaded
machine CPU seconds are the steadier of the two; Arrow's threads can make them exceed wall).

    python bench/measure_load.py                         # all sizes, 5 runs each, baselines
    python bench/measure_load.py --sizes 1k,10k --repeat 3 --no-baselines

Archives are written under ``--out`` (default /tmp/border-atlas-bench), never in the repository.
The report goes to stdout and to ``<out>/report.md``.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import pstats
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.feather as feather
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the packages importable
    sys.path.insert(0, str(ROOT))

from bench import baselines, vectorised_probe  # noqa: E402
from bench.fresh_process import cold_load  # noqa: E402
from bench.synthetic import write_archive  # noqa: E402
from border_atlas import FilterState, load_dataset, select  # noqa: E402
from border_atlas.loading import dataset as ds  # noqa: E402
from border_atlas.loading import schema  # noqa: E402

SIZES = {"1k": (1_000, 100), "10k": (10_000, 1_000), "100k": (100_000, 10_000), "1m": (1_000_000, 10_000)}
STAGES = ("CSV read", "type schema", "value schema", "references", "rules", "known period")
NAIVE_BUDGET_S = 120  # the naive baseline stops repeating once its runs have taken this long


class Stages:
    """Wall and CPU seconds summed per stage name."""

    def __init__(self):
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)

    @contextmanager
    def __call__(self, name: str):
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.wall[name] += time.perf_counter() - wall
        self.cpu[name] += time.process_time() - cpu


def staged_load(folder: Path) -> tuple[ds.Dataset, Stages]:
    """``load_dataset`` step by step, timing each stage; same calls, same order, same result."""
    stages, problems, tables, ids_in_files = Stages(), [], {}, {}
    for name in schema.LOAD_ORDER:
        fields, file = schema.TABLES[name], f"{name}.csv"
        with stages("CSV read"):
            raw = ds._read_csv(folder / file, problems)
        if raw is None or {f.name for f in fields} - set(raw.columns):
            raise ValueError(f"{folder / file}: missing or incomplete; the staged load needs every column")
        ids_in_files[name] = set(raw["id"].dropna())
        with stages("type schema"):
            typed, _ = ds._run(schema.type_schema(fields), raw, file, problems)
        with stages("value schema"):
            valid, _ = ds._run(schema.value_schema(fields), typed, file, problems)
            valid = valid.copy()
            valid["file_row"] = pd.array([i + 2 for i in valid.index], dtype="Int64")
            tables[name] = valid
        with stages("references"):
            tables[name] = ds._check_references(tables, ids_in_files, name, problems)
        with stages("rules"):
            tables[name] = ds._check_rules(tables, name, problems)
    with stages("known period"):
        tables = {name: frame.reset_index(drop=True) for name, frame in tables.items()}
        tables["assignments"] = ds.with_known_period(tables["assignments"])
    return ds.Dataset(**tables, problems=tuple(problems), folder=folder), stages


def median_run(fn, repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``fn()`` over ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def stage_medians(folder: Path, repeat: int) -> dict[str, tuple[float, float]]:
    runs = [staged_load(folder)[1] for _ in range(repeat)]
    return {s: (statistics.median(r.wall[s] for r in runs), statistics.median(r.cpu[s] for r in runs)) for s in STAGES}


def profile_top(folder: Path, *, lines: int = 15) -> str:
    """cProfile of one ``load_dataset``: the functions with the most time of their own."""
    profile = cProfile.Profile()
    profile.runcall(load_dataset, folder)
    out = io.StringIO()
    pstats.Stats(profile, stream=out).strip_dirs().sort_stats("tottime").print_stats(lines)
    return out.getvalue()


def _files_key(folder: Path) -> str:
    """The cache key: a hash over every table file's bytes."""
    digest = hashlib.sha256()
    for name in schema.LOAD_ORDER:
        digest.update(hashlib.sha256((folder / f"{name}.csv").read_bytes()).digest())
    return digest.hexdigest()


# How a cache stores a table: (file suffix, write, read). Parquet keeps no seconds unit, so times
# are read back in milliseconds and cast to the loader's type; Feather (Arrow IPC) keeps them.
CACHE_FORMATS = {
    "Parquet": (".parquet", lambda table, path: pq.write_table(table, path), pq.read_table),
    "Feather": (".arrow", lambda table, path: feather.write_feather(table, path), feather.read_table),
}


def _read_cached(cache: Path, suffix: str, read, dtypes: dict) -> dict[str, pd.DataFrame]:
    return {name: read(cache / f"{name}{suffix}").to_pandas().astype(dtypes[name]) for name in schema.LOAD_ORDER}


def cache_probe(dataset: ds.Dataset, folder: Path, repeat: int) -> dict:
    """What a cache of the validated tables, keyed by the files' hash, would cost to write and read."""
    dtypes = {name: dataset.table(name).dtypes.to_dict() for name in schema.LOAD_ORDER}
    tables = {name: pa.Table.from_pandas(dataset.table(name), preserve_index=False) for name in schema.LOAD_ORDER}
    result = {"hash": median_run(lambda: _files_key(folder), repeat)}
    for label, (suffix, write, read) in CACHE_FORMATS.items():
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp)
            result[f"{label} write"] = median_run(
                lambda: [write(table, cache / f"{n}{suffix}") for n, table in tables.items()], repeat)  # noqa: B023
            result[f"{label} read"] = median_run(lambda: _read_cached(cache, suffix, read, dtypes), repeat)  # noqa: B023
            cached = _read_cached(cache, suffix, read, dtypes)
            result[f"{label} identical"] = all(cached[n].equals(dataset.table(n)) for n in schema.LOAD_ORDER)
            result[f"{label} MiB"] = sum(p.stat().st_size for p in cache.iterdir()) / 2**20
    return result


def _raw_assignments_arrow(folder: Path) -> pd.DataFrame:
    """assignments.csv as trimmed text with empty cells missing, read by Arrow's CSV reader."""
    names = [f.name for f in schema.TABLES["assignments"]]
    table = pa_csv.read_csv(folder / "assignments.csv", convert_options=pa_csv.ConvertOptions(
        column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=True))
    trimmed = [pc.utf8_trim_whitespace(column) for column in table.columns]
    blanks = [pc.if_else(pc.equal(c, ""), pa.scalar(None, pa.string()), c) for c in trimmed]
    return pa.table(dict(zip(table.column_names, blanks))).to_pandas()


def vectorised_probe_times(dataset: ds.Dataset, folder: Path, repeat: int) -> dict:
    """Arrow CSV read, whole-column rules and known period for the assignments, checked against the loader."""
    raw = _raw_assignments_arrow(folder)
    ids = {name: set(dataset.table(name)["id"]) for name in ("sources", "places", "organisations")}
    limits = dataset.sources.set_index("id")["paragraphs"].dropna().astype(int)
    failures = vectorised_probe.assignment_failures(raw, ids=ids, paragraph_limits=limits)
    known = vectorised_probe.known_period(raw)
    agrees = bool((known["known_from"].to_numpy() == dataset.assignments["known_from"].to_numpy()).all()
                  and (known["known_to"].to_numpy() == dataset.assignments["known_to"].to_numpy()).all())
    return {
        "arrow CSV read": median_run(lambda: _raw_assignments_arrow(folder), repeat),
        "column rules": median_run(lambda: vectorised_probe.assignment_failures(
            raw, ids=ids, paragraph_limits=limits), repeat),
        "known period": median_run(lambda: vectorised_probe.known_period(raw), repeat),
        "rows rejected": int(pd.concat(failures, axis=1).any(axis=1).sum()),
        "known period agrees": agrees,
    }


def alternatives(folder: Path, repeat: int) -> dict:
    """Two drop-in changes on assignments.csv: Arrow's CSV engine, and the date check on whole columns."""
    path, fields = folder / "assignments.csv", schema.TABLES["assignments"]
    typed = schema.type_schema(fields).validate(ds._read_csv(path, []), lazy=True)
    faster = vectorised_probe.with_whole_column_dates(fields)
    same_frame = pd.read_csv(path, dtype=str, keep_default_na=False, engine="pyarrow").equals(
        pd.read_csv(path, dtype=str, keep_default_na=False))
    return {
        "read_csv C": median_run(lambda: pd.read_csv(path, dtype=str, keep_default_na=False), repeat),
        "read_csv pyarrow": median_run(lambda: pd.read_csv(path, dtype=str, keep_default_na=False,
                                                           engine="pyarrow"), repeat),
        "same frame": same_frame,
        "value schema": median_run(lambda: schema.value_schema(fields).validate(typed, lazy=True), repeat),
        "value schema, whole-column dates": median_run(
            lambda: schema.value_schema(faster).validate(typed, lazy=True), repeat),
    }


def alternatives_table(results: list[dict]) -> str:
    lines = ["| archive | pd.read_csv C engine | pyarrow engine (same frame) | value schema as is | "
             "value schema, whole-column date check |", "|---|---|---|---|---|"]
    for r in results:
        a = r["alternatives"]
        lines.append(f"| {r['size']} | {_pair(a['read_csv C'])} | {_pair(a['read_csv pyarrow'])} ({a['same frame']}) | "
                     f"{_pair(a['value schema'])} | {_pair(a['value schema, whole-column dates'])} |")
    return "\n".join(lines)


def baseline_rows(selection, repeat: int, *, naive_s_per_record: float | None) -> list[dict]:
    """Build+render wall and CPU seconds (medians) and HTML size of both baselines on one selection.

    The naive map is skipped when the per-record cost measured on a smaller selection says
    one run would take longer than the budget.
    """
    rows = []
    for name, build in (("FastMarkerCluster", baselines.fast_cluster_map), ("naive Marker+Popup", baselines.naive_map)):
        row = {"baseline": name, "places": len(selection.places), "records": len(selection.records)}
        estimate = (naive_s_per_record or 0) * len(selection.records) if build is baselines.naive_map else 0
        if estimate > NAIVE_BUDGET_S:
            rows.append({**row, "runs": 0, "note": f"skipped: one run estimated at {estimate:.0f} s wall"})
            continue
        walls, cpus, size = [], [], 0
        while len(walls) < repeat and (sum(walls) < NAIVE_BUDGET_S or not walls):
            cpu = time.process_time()
            wall, size = baselines.build_and_render(build, selection)
            walls.append(wall)
            cpus.append(time.process_time() - cpu)
        rows.append({**row, "runs": len(walls), "wall s": statistics.median(walls), "cpu s": statistics.median(cpus),
                     "HTML MiB": size / 2**20})
    return rows


def measure_size(label: str, folder: Path, repeat: int) -> dict:
    """Every load-path figure for one archive."""
    dataset = load_dataset(folder)
    if dataset.problems:
        raise ValueError(f"{folder}: the synthetic archive has problems, e.g. {dataset.problems[0]}")
    staged, _ = staged_load(folder)
    if not all(staged.table(n).equals(dataset.table(n)) for n in schema.LOAD_ORDER):
        raise AssertionError("the staged load no longer matches load_dataset; update staged_load")
    state = FilterState()
    return {
        "size": label, "records": len(dataset.assignments), "places": len(dataset.places),
        "load": median_run(lambda: load_dataset(folder), repeat),
        "stages": stage_medians(folder, repeat),
        "cold": cold_load(folder),
        "select": median_run(lambda: select(dataset, state), repeat),
        "cache": cache_probe(dataset, folder, repeat),
        "vectorised": vectorised_probe_times(dataset, folder, repeat),
        "alternatives": alternatives(folder, repeat),
    }


def _pair(value: tuple[float, float]) -> str:
    return f"{value[0]:.3f} / {value[1]:.3f}"


def load_table(results: list[dict]) -> str:
    lines = ["| archive | records | places | load_dataset wall / CPU s | cold process: import s, load s | "
             "peak RSS MiB (after import) | select wall / CPU s |", "|---|---|---|---|---|---|---|"]
    for r in results:
        c = r["cold"]
        rss = f"{c['rss_peak_mib']:,.0f} ({c['rss_before_mib']:,.0f})"
        lines.append(f"| {r['size']} | {r['records']:,} | {r['places']:,} | {_pair(r['load'])} | "
                     f"{c['import_s']:.2f}, {c['load_s']:.2f} | {rss} | {_pair(r['select'])} |")
    return "\n".join(lines)


def stage_table(results: list[dict]) -> str:
    head = "| stage | " + " | ".join(f"{r['size']} wall / CPU s (CPU %)" for r in results) + " |"
    lines = [head, "|---|" + "---|" * len(results)]
    for stage in STAGES:
        cells = []
        for r in results:
            total = sum(cpu for _, cpu in r["stages"].values()) or 1
            wall, cpu = r["stages"][stage]
            cells.append(f"{wall:.3f} / {cpu:.3f} ({100 * cpu / total:.0f} %)")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def probe_table(results: list[dict]) -> str:
    lines = ["| archive | files hash | Parquet read | Parquet write | Parquet MiB, identical | Feather read | "
             "Feather write | Feather MiB, identical | Arrow CSV read | column rules | known period | "
             "rejected, agrees |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        c, v = r["cache"], r["vectorised"]
        formats = [f"{_pair(c[f'{f} read'])} | {_pair(c[f'{f} write'])} | {c[f'{f} MiB']:.1f}, {c[f'{f} identical']}"
                   for f in CACHE_FORMATS]
        lines.append(f"| {r['size']} | {_pair(c['hash'])} | {' | '.join(formats)} | {_pair(v['arrow CSV read'])} | "
                     f"{_pair(v['column rules'])} | {_pair(v['known period'])} | "
                     f"{v['rows rejected']}, {v['known period agrees']} |")
    return "\n".join(lines)


def baselines_table(rows: list[dict]) -> str:
    lines = ["| baseline | places | records | runs | build+render wall / CPU s (median) | HTML MiB |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        figures = (f"{_pair((r['wall s'], r['cpu s']))} | {r['HTML MiB']:.2f}" if r["runs"] else f"{r['note']} | –")
        lines.append(f"| {r['baseline']} | {r['places']:,} | {r['records']:,} | {r['runs']} | {figures} |")
    return "\n".join(lines)


def all_baselines(folders: dict[str, Path], out: Path, repeat: int) -> list[dict]:
    """Both baselines at 1,000 and then 10,000 places (the 10k and 100k archives)."""
    rows, naive_s_per_record = [], None
    for label in ("10k", "100k"):
        n_records, n_places = SIZES[label]
        folder = folders.get(label) or write_archive(out / f"r{n_records}-p{n_places}", n_records=n_records,
                                                     n_places=n_places)
        rows += baseline_rows(select(load_dataset(folder), FilterState()), repeat,
                              naive_s_per_record=naive_s_per_record)
        naive = rows[-1]
        if naive["runs"]:
            naive_s_per_record = naive["wall s"] / max(naive["records"], 1)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default=",".join(SIZES), help=f"comma-separated, of {', '.join(SIZES)}")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "border-atlas-bench")
    parser.add_argument("--profile", default="100k", help="size to profile with cProfile ('' for none)")
    parser.add_argument("--no-baselines", action="store_true")
    args = parser.parse_args()
    sections, results, folders = [], [], {}
    for label in args.sizes.split(","):
        n_records, n_places = SIZES[label]
        folders[label] = write_archive(args.out / f"r{n_records}-p{n_places}", n_records=n_records, n_places=n_places)
        results.append(measure_size(label, folders[label], args.repeat))
        print(f"measured {label}", file=sys.stderr, flush=True)
    sections += ["## Load, cold process and select", load_table(results), "## Load stages", stage_table(results),
                 "## Cache and whole-column probe (wall / CPU s)", probe_table(results),
                 "## Drop-in alternatives on assignments.csv (wall / CPU s)", alternatives_table(results)]
    if args.profile in folders:
        sections += [f"## cProfile of load_dataset at {args.profile}", "```\n" + profile_top(folders[args.profile])
                     + "```"]
    if not args.no_baselines:
        rows = all_baselines(folders, args.out, args.repeat)
        sections += ["## Baselines (Python build+render)", baselines_table(rows)]
    report = "\n\n".join(sections) + "\n"
    (args.out / "report.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
