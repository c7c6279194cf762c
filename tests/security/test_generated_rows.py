"""Generated bad rows, driven by hypothesis: whatever a cell or a whole row holds, the loader
raises nothing, changes no file, and every row it leaves out is named in a problem with its file,
row and field."""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from helpers import read_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from border_atlas import load_dataset
from border_atlas.loading import schema
from border_atlas.loading.dataset import DATA_DIR

TABLES = sorted(schema.TABLES)
COLUMNS = {table: [f.name for f in fields] for table, fields in schema.TABLES.items()}
# Text near the values the columns expect, and text far from them.
NEAR_MISSES = ["", " ", "0", "-1", "1e400", "nan", "inf", "2018-02-30", "2018-13", "0000", "9999-12-31", "1;2;",
               ";", "#fff", "#1234567", "A", "7", "mss ", " mss", "MSS", "mss\n", "null", "None", "NaN", "'", '"',
               "٣", "１", "\u00a0", "x" * 300]
CELLS = st.one_of(st.sampled_from(NEAR_MISSES), st.text(max_size=40),
                  st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Nd", "P"]), max_size=8))
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """Every cell quoted, so that a generated line break or carriage return stays inside its cell."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)


def line_count(path: Path) -> int:
    """Problems name the line where a row begins: a cell with a line break makes a row span lines."""
    return len(re.findall(r"\r\n|\r|\n", path.read_text(encoding="utf-8")))


def tables_copy(temporary: str) -> Path:
    folder = Path(temporary) / "data"
    folder.mkdir()
    for table in TABLES:
        shutil.copy(DATA_DIR / f"{table}.csv", folder)
    return folder


def load_and_check(folder: Path, table: str, rows: list[int]):
    """Load ``folder`` and check the problems; ``rows``: the spreadsheet rows that were changed."""
    before = digests(folder)
    dataset = load_dataset(folder)
    assert digests(folder) == before
    lines = {t: line_count(folder / f"{t}.csv") for t in TABLES}
    for problem in dataset.problems:
        name = problem.file.removesuffix(".csv")
        assert name in COLUMNS, str(problem)
        assert problem.row is None or 1 <= problem.row <= lines[name], str(problem)
        assert problem.field is None or problem.field in COLUMNS[name], str(problem)
        assert problem.message.strip(), str(problem)
    _, written = read_rows(folder / f"{table}.csv")
    kept = set(dataset.table(table)["id"])
    named = {p.row for p in dataset.problems if p.file == f"{table}.csv"}
    for row in rows:
        ident = written[row - 2]["id"].strip()  # the loader trims cells: "mss " is kept as "mss"
        maybe_left_out = ident not in kept or [r["id"].strip() for r in written].count(ident) > 1
        assert row in named or not maybe_left_out, (table, row, ident)
    return dataset


@SETTINGS
@given(table=st.sampled_from(TABLES), data=st.data(), value=CELLS)
def test_any_value_in_any_cell(table, data, value):
    with tempfile.TemporaryDirectory() as temporary:
        folder = tables_copy(temporary)
        header, rows = read_rows(folder / f"{table}.csv")
        index = data.draw(st.integers(0, len(rows) - 1), label="row")
        field = data.draw(st.sampled_from(header), label="field")
        rows[index][field] = value
        write_rows(folder / f"{table}.csv", header, rows)
        load_and_check(folder, table, [index + 2])


@pytest.mark.parametrize("value", ["mss ", " mss", "mss\n", "MSS", "mss"])
def test_an_id_near_another_tables_id_is_kept_trimmed_or_named(value):
    """Found by the generated test above: an id with a space around it is trimmed and kept, not lost."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = tables_copy(temporary)
        header, rows = read_rows(folder / "assignments.csv")
        rows[0]["id"] = value
        write_rows(folder / "assignments.csv", header, rows)
        load_and_check(folder, "assignments", [2])


@SETTINGS
@given(table=st.sampled_from(TABLES), data=st.data())
def test_any_appended_row(table, data):
    with tempfile.TemporaryDirectory() as temporary:
        folder = tables_copy(temporary)
        header, rows = read_rows(folder / f"{table}.csv")
        rows.append({column: data.draw(CELLS, label=column) for column in header})
        write_rows(folder / f"{table}.csv", header, rows)
        blank = not any(v.strip() for v in rows[-1].values())  # an empty row is no row at all
        dataset = load_and_check(folder, table, [] if blank else [len(rows) + 1])
        new = rows[-1]["id"]
        if new not in set(dataset.table(table)["id"]) and not blank:
            assert any(p.file == f"{table}.csv" and p.row == len(rows) + 1 for p in dataset.problems), new
