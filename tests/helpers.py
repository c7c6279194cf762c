"""Shared test helpers: paths, reading and writing CSV copies, datasets with a table changed."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

from border_atlas.loading.dataset import Dataset

ROOT = Path(__file__).resolve().parent.parent
SHARED_SOURCES = ROOT.parent / "shared" / "sources"


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def with_values(dataset: Dataset, table: str, ident: str, **values) -> Dataset:
    """A copy of ``dataset`` in which one row of one table has new values (never the original)."""
    frame = dataset.table(table).copy()
    for column, value in values.items():
        frame.loc[frame["id"] == ident, column] = value
    return dataclasses.replace(dataset, **{table: frame})


def without_rows(dataset: Dataset, table: str, *ids: str) -> Dataset:
    frame = dataset.table(table)
    return dataclasses.replace(dataset, **{table: frame[~frame["id"].isin(ids)]})
