"""Benchmarks, run by hand (`make bench`): medians over repeated runs, and ratios between sizes.

Not part of the test suite: timings on shared machines are noisy. Results go in the README.

    python bench/run.py            # the bundled dataset and synthetic datasets of 100 and 1,000 places
    python bench/run.py --png      # also the PNG export (needs Chromium)
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from border_atlas import FilterState, load_dataset, select  # noqa: E402
from border_atlas.exports import places_kml, records_csv, records_geojson  # noqa: E402
from border_atlas.loading.dataset import DATA_DIR  # noqa: E402
from border_atlas.mapview import MapOptions, assemble_map, base_map, data_layers  # noqa: E402
from border_atlas.views.briefing import BriefingText, briefing_document  # noqa: E402
from border_atlas.views.timeline import timeline_chart  # noqa: E402


def median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_mib(fn) -> float:
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def synthetic_copy(n_places: int, records_per_place: int, folder: Path) -> Path:
    """The bundled tables plus n synthetic neighbourhoods around Hyesan, each with records."""
    target = folder / f"synthetic-{n_places}"
    shutil.copytree(DATA_DIR, target)
    rng = random.Random(n_places)
    places = pd.read_csv(target / "places.csv", dtype=str, keep_default_na=False)
    assignments = pd.read_csv(target / "assignments.csv", dtype=str, keep_default_na=False)
    template_place = places[places["id"] == "hyetan"].iloc[0]
    template_record = assignments[assignments["id"] == "pairing-2018-hyetan"].iloc[0]
    new_places, new_records = [], []
    for i in range(n_places):
        place = template_place.copy()
        place["id"], place["name"] = f"synthetic-{i}", f"Synthetic place {i}"
        place["lat"] = f"{41.0 + rng.random() * 0.8:.5f}"
        place["lon"] = f"{127.6 + rng.random() * 1.2:.5f}"
        place["precision"] = "point"
        new_places.append(place)
        for j in range(records_per_place):
            record = template_record.copy()
            record["id"], record["place_id"] = f"synthetic-{i}-{j}", place["id"]
            new_records.append(record)
    pd.concat([places, pd.DataFrame(new_places)]).to_csv(target / "places.csv", index=False)
    pd.concat([assignments, pd.DataFrame(new_records)]).to_csv(target / "assignments.csv", index=False)
    return target


def measure(label: str, folder: Path | None, repeat: int, png: bool) -> dict:
    dataset = load_dataset(folder)
    assert not dataset.errors, dataset.errors[:3]
    state = FilterState()
    selection = select(dataset, state)
    text = BriefingText(title="Benchmark")
    row = {
        "dataset": label,
        "places": len(dataset.places),
        "records": len(dataset.assignments),
        "load+validate s": median_seconds(lambda: load_dataset(folder), repeat),
        "select s": median_seconds(lambda: select(dataset, state), repeat),
        "map build+render s": median_seconds(
            lambda: assemble_map(selection, options=MapOptions()).get_root().render(), repeat),
        "data layers s": median_seconds(lambda: data_layers(selection), repeat),
        "base map s": median_seconds(lambda: base_map(dataset).get_root().render(), repeat),
        "map HTML KiB": len(assemble_map(selection).get_root().render()) / 1024,
        "briefing HTML s": median_seconds(lambda: briefing_document(selection, text), repeat),
        "CSV+GeoJSON+KML s": median_seconds(
            lambda: (records_csv(selection), records_geojson(selection), places_kml(selection)), repeat),
        "timeline spec s": median_seconds(lambda: timeline_chart(selection).to_dict(), repeat),
        "map render peak MiB": peak_mib(lambda: assemble_map(selection).get_root().render()),
    }
    if png:
        from border_atlas.exports import briefing_png

        row["PNG export s"] = median_seconds(lambda: briefing_png(selection, text), max(3, repeat // 3))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--png", action="store_true")
    args = parser.parse_args()
    rows = [measure("bundled", None, args.repeat, args.png)]
    with tempfile.TemporaryDirectory() as tmp:
        for n in (100, 1000):
            rows.append(measure(f"+{n} synthetic places", synthetic_copy(n, 3, Path(tmp)), args.repeat, args.png))
    table = pd.DataFrame(rows).set_index("dataset").T
    table["ratio 1000/100"] = table.iloc[:, 2] / table.iloc[:, 1]
    with pd.option_context("display.float_format", "{:,.3f}".format, "display.width", 160):
        print(table.to_string())


if __name__ == "__main__":
    main()
