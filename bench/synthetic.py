"""Synthetic archives for benchmarks: the bundled tables plus random places and records.

Every synthetic row is benchmark data, not a fact: the places cite the reference source
``synthetic-bench``, whose note says so, and every name, summary and note says "Synthetic".
An archive passes validation with no problem at all, and the same seed always gives
byte-identical files. Columns are built as Arrow arrays and written by Arrow's CSV writer,
so a million records take seconds.

    python bench/synthetic.py /tmp/archive-100k --records 100000 --places 10000 [--seed 0]

>>> import tempfile
>>> from border_atlas import load_dataset
>>> with tempfile.TemporaryDirectory() as tmp:
...     dataset = load_dataset(write_archive(tmp, n_records=50, n_places=8))
>>> len(dataset.places), len(dataset.assignments), dataset.problems
(8, 50, ())
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the package importable
    sys.path.insert(0, str(ROOT))

from border_atlas.loading import schema  # noqa: E402
from border_atlas.loading.dataset import DATA_DIR  # noqa: E402

SOURCE_ID = "synthetic-bench"
SYNTHETIC_SOURCE = {
    "id": SOURCE_ID,
    "kind": "reference",
    "outlet": "Border Atlas benchmark",
    "title": "Synthetic benchmark data",
    "locator": "bench/synthetic.py",
    "note": "Rows citing this source are synthetic benchmark data drawn at random, not facts.",
}
COPIED_TABLES = ("organisations", "eras", "events", "figures")

# Where the synthetic places fall: the Ryanggang border region.
LAT_RANGE = (40.5, 42.2)
LON_RANGE = (126.0, 129.5)
FIRST_DAY, LAST_DAY = np.datetime64("2016-01-01"), np.datetime64("2025-12-31")

# Synthetic text never holds a comma, quote or line break, so no value needs quoting.
_CSV_OPTIONS = pa_csv.WriteOptions(quoting_style="none", quoting_header="none", eol="\n")


def _pick(options, indices: np.ndarray) -> pa.Array:
    """``options[indices]`` as an Arrow string array."""
    return pc.take(pa.array(list(options), pa.string()), pa.array(indices))


def _maybe(values: pa.Array, share: float, rng: np.random.Generator) -> pa.Array:
    """``values`` where a random draw falls under ``share``, empty elsewhere."""
    return pc.if_else(pa.array(rng.random(len(values)) < share), values, pa.scalar(None, values.type))


def _numbered(prefix: str, count: int) -> pa.Array:
    """``prefix`` + 0, 1, ... zero-padded to one width: "synthetic-place-0000", ..."""
    width = max(4, len(str(max(count - 1, 0))))
    numbers = pc.utf8_lpad(pa.array(np.arange(count)).cast(pa.string()), width=width, padding="0")
    return pc.binary_join_element_wise(prefix, numbers, "")


def _levels(n_places: int) -> tuple[int, int]:
    """How many places are top-level (counties, cities), and how many are top-level or towns."""
    n_top = max(1, n_places // 50)
    return n_top, min(n_places, n_top + n_places // 10)


def _place_tree(n_places: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parent index (-1 for none) and rounded lat/lon: every place near its parent, parents first."""
    n_top, n_mid = _levels(n_places)
    parent = np.full(n_places, -1)
    parent[n_top:n_mid] = rng.integers(0, n_top, n_mid - n_top)
    parent[n_mid:] = rng.integers(0, n_mid, n_places - n_mid)
    lat = rng.uniform(*LAT_RANGE, n_places)
    lon = rng.uniform(*LON_RANGE, n_places)
    for level in (slice(n_top, n_mid), slice(n_mid, n_places)):
        lat[level] = np.clip(lat[parent[level]] + rng.normal(0, 0.04, lat[level].size), *LAT_RANGE)
        lon[level] = np.clip(lon[parent[level]] + rng.normal(0, 0.05, lon[level].size), *LON_RANGE)
    return parent, lat.round(5), lon.round(5)


def synthetic_places(n_places: int, rng: np.random.Generator) -> pa.Table:
    """Counties and cities at the top, towns inside them, then neighbourhoods, crossings and facilities.

    A place's parent always comes earlier in the table, so there is never a cycle. A fifth of
    the lowest level has ``precision = parent``: drawn at its parent's point, with a radius.
    """
    n_top, n_mid = _levels(n_places)
    level = np.searchsorted([n_top, n_mid], np.arange(n_places), side="right")  # 0 top, 1 town, 2 lowest
    parent, lat, lon = _place_tree(n_places, rng)
    kind = np.choose(level, [rng.integers(0, 2, n_places), np.full(n_places, 2), rng.choice([3, 3, 4, 5], n_places)])
    precision = np.where(level == 0, 1, rng.choice([0, 0, 2], n_places))  # point, centroid, representative
    at_parent = (level == 2) & (rng.random(n_places) < 0.2)
    precision[at_parent] = 3
    lat[at_parent], lon[at_parent] = lat[parent[at_parent]], lon[parent[at_parent]]
    uncertainty = np.where(level == 0, rng.integers(5, 31, n_places) * 1000.0, rng.integers(1, 20, n_places) * 50.0)
    uncertainty[at_parent] = 5000.0
    ids = _numbered("synthetic-place-", n_places)
    columns = {
        "id": ids,
        "name": _numbered("Synthetic place ", n_places),
        "kind": _pick(["county", "city", "town", "neighbourhood", "crossing", "facility"], kind),
        "parent_id": pc.if_else(pa.array(parent >= 0), pc.take(ids, pa.array(np.maximum(parent, 0))),
                                pa.scalar(None, pa.string())),
        "country": _pick(["KP", "CN"], (rng.random(n_places) < 0.1).astype(int)),
        "lat": pa.array(lat),
        "lon": pa.array(lon),
        "precision": _pick(["point", "centroid", "representative", "parent"], precision),
        "uncertainty_m": pa.array(uncertainty, mask=precision == 2),
        "coord_source_id": _pick([SOURCE_ID], np.zeros(n_places, dtype=int)),
        "coord_note": _pick(["Synthetic point; not a position.", "Synthetic; drawn at its parent's point."],
                            at_parent.astype(int)),
    }
    return _table(columns, "places")


def _table(columns: dict[str, pa.Array], table: str) -> pa.Table:
    """The columns in the schema's order; a column not given is written empty."""
    n = len(next(iter(columns.values())))
    names = [f.name for f in schema.TABLES[table]]
    return pa.table({name: columns.get(name, pa.nulls(n, pa.string())) for name in names})


def _skewed_places(n_records: int, n_places: int, rng: np.random.Generator) -> np.ndarray:
    """Every place gets a record while records last; the rest go mostly to a few busy places."""
    first = rng.permutation(n_places)[: min(n_records, n_places)]
    weights = 1.0 / np.arange(1, n_places + 1) ** 1.1
    busy_order = rng.permutation(n_places)
    rest = busy_order[rng.choice(n_places, n_records - first.size, p=weights / weights.sum())]
    return rng.permutation(np.concatenate([first, rest]))


def _partial_dates(days: np.ndarray, rng: np.random.Generator, *, p_day: float, p_month: float) -> pa.Array:
    """Days written as YYYY-MM-DD, YYYY-MM or YYYY, with the given shares of day and month precision."""
    text = pa.array(days).cast(pa.string())
    draw = rng.random(days.size)
    month = pc.utf8_slice_codeunits(text, 0, 7)
    year = pc.utf8_slice_codeunits(text, 0, 4)
    return pc.if_else(pa.array(draw < p_day), text, pc.if_else(pa.array(draw < p_day + p_month), month, year))


def _dates(n: int, rng: np.random.Generator) -> dict[str, pa.Array]:
    """Start <= end <= report day, in 2016-2025; a written end never ends before its start."""
    span = int((LAST_DAY - FIRST_DAY).astype(int))
    start = FIRST_DAY + rng.integers(0, span + 1, n).astype("timedelta64[D]")
    end = np.minimum(start + rng.integers(0, 1500, n).astype("timedelta64[D]"), LAST_DAY)
    reported = np.minimum(end + rng.integers(0, 400, n).astype("timedelta64[D]"), LAST_DAY)
    return {
        "start": _maybe(_partial_dates(start, rng, p_day=0.3, p_month=0.5), 0.7, rng),
        "end": _maybe(_partial_dates(end, rng, p_day=0.3, p_month=0.4), 0.4, rng),
        "reported": _partial_dates(reported, rng, p_day=0.85, p_month=0.1),
    }


def _paragraphs(limits: np.ndarray, rng: np.random.Generator) -> pa.Array:
    """One to three increasing paragraph numbers, none beyond the cited report's count."""
    n = limits.size
    first = rng.integers(1, limits + 1)
    second = first + rng.integers(1, 4, n)
    third = second + rng.integers(1, 4, n)
    how_many = rng.integers(1, 4, n)
    with_second = (how_many >= 2) & (second <= limits)
    with_third = with_second & (how_many >= 3) & (third <= limits)
    text = pa.array(first).cast(pa.string())
    for more, numbers in ((with_second, second), (with_third, third)):
        joined = pc.binary_join_element_wise(text, pa.array(numbers).cast(pa.string()), ";")
        text = pc.if_else(pa.array(more), joined, text)
    return text


def _other(choice: np.ndarray, n_options: int, rng: np.random.Generator) -> np.ndarray:
    """An index into the same options that differs from ``choice`` when there are two options or more."""
    return (choice + rng.integers(1, max(2, n_options), choice.size)) % n_options


def synthetic_assignments(n_records: int, place_ids: pa.Array, sources: pd.DataFrame, org_ids: list[str],
                          rng: np.random.Generator) -> pa.Table:
    """Records spread (unevenly) over the places, naming bundled organisations and citing bundled reports."""
    reports = sources[sources["kind"] == "report"].reset_index(drop=True)
    references = sources.loc[sources["kind"] == "reference", "id"].tolist()
    org = rng.integers(0, len(org_ids), n_records)
    report = rng.integers(0, len(reports), n_records)
    role = _pick(schema.ROLES, rng.integers(0, len(schema.ROLES), n_records))
    numbers = _numbered("", n_records)
    columns = {
        "id": pc.binary_join_element_wise("synthetic-record-", numbers, ""),
        "org_id": _pick(org_ids, org),
        "role": role,
        "place_id": pc.take(place_ids, pa.array(_skewed_places(n_records, len(place_ids), rng))),
        "partner_org_id": _maybe(_pick(org_ids, _other(org, len(org_ids), rng)), 0.3, rng),
        "ordered_by_org_id": _maybe(_pick(org_ids, _other(org, len(org_ids), rng)), 0.15, rng),
        "summary": pc.binary_join_element_wise("Synthetic record ", numbers, ": ", role,
                                               "; benchmark data and not a fact.", ""),
        **_dates(n_records, rng),
        "date_source_id": _maybe(_pick(references, rng.integers(0, len(references), n_records)), 0.05, rng),
        "source_id": _pick(reports["id"], report),
        "paragraphs": _paragraphs(reports["paragraphs"].astype(int).to_numpy()[report], rng),
        "reliability": _pick("ABCDEF", rng.choice(6, n_records, p=[0.05, 0.25, 0.45, 0.15, 0.05, 0.05])),
        "credibility": pa.array(rng.choice(np.arange(1, 7), n_records, p=[0.05, 0.3, 0.4, 0.15, 0.05, 0.05])),
        "note": _maybe(_pick(["Synthetic row."], np.zeros(n_records, dtype=int)), 0.1, rng),
    }
    return _table(columns, "assignments")


def _write_sources(source: Path, target: Path) -> pd.DataFrame:
    """The bundled sources, byte for byte, with the synthetic reference source appended."""
    text = source.read_text(encoding="utf-8")
    header = next(csv.reader([text.splitlines()[0]]))
    with target.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text if text.endswith("\n") else text + "\n")
        csv.DictWriter(handle, header, lineterminator="\n").writerow(SYNTHETIC_SOURCE)
    return pd.read_csv(target, dtype={"paragraphs": "Int64"}, keep_default_na=False, na_values=[""])


def write_archive(folder: Path | str, *, n_records: int, n_places: int, seed: int = 0,
                  data_dir: Path = DATA_DIR) -> Path:
    """Write all seven tables into ``folder`` (created if needed) and return it.

    Sources, organisations, eras, events and figures are the bundled ones (``data_dir``), plus
    the synthetic reference source; places and assignments are all synthetic.
    """
    if n_places < 1 or n_records < 0:
        raise ValueError(f"need at least one place and no negative record count, not {n_places=}, {n_records=}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    for name in COPIED_TABLES:
        shutil.copyfile(data_dir / f"{name}.csv", folder / f"{name}.csv")
    sources = _write_sources(data_dir / "sources.csv", folder / "sources.csv")
    org_ids = pd.read_csv(data_dir / "organisations.csv", dtype=str, keep_default_na=False)["id"].tolist()
    places = synthetic_places(n_places, rng)
    pa_csv.write_csv(places, folder / "places.csv", _CSV_OPTIONS)
    assignments = synthetic_assignments(n_records, places["id"].combine_chunks(), sources, org_ids, rng)
    pa_csv.write_csv(assignments, folder / "assignments.csv", _CSV_OPTIONS)
    return folder


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic archive (benchmark data, not facts).")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--records", type=int, required=True)
    parser.add_argument("--places", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    folder = write_archive(args.out_dir, n_records=args.records, n_places=args.places, seed=args.seed)
    print(f"{folder}: {args.places:,} places, {args.records:,} records (seed {args.seed})")


if __name__ == "__main__":
    main()
