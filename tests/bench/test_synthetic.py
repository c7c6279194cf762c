"""Synthetic benchmark archives: valid, deterministic, the size asked for, and marked as synthetic."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pandas as pd
import pytest

from bench.synthetic import COPIED_TABLES, SOURCE_ID, main, write_archive
from border_atlas import load_dataset
from border_atlas.loading import schema
from border_atlas.loading.dataset import DATA_DIR
from border_atlas.loading.dates import first_day, precision

TABLES = schema.LOAD_ORDER
N_RECORDS, N_PLACES = 300, 40


def read(folder: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return write_archive(tmp_path_factory.mktemp("archive"), n_records=N_RECORDS, n_places=N_PLACES, seed=7)


def test_small_archive_loads_without_a_single_problem(archive):
    dataset = load_dataset(archive)
    assert dataset.problems == ()
    assert len(dataset.places) == N_PLACES
    assert len(dataset.assignments) == N_RECORDS


def test_counts_are_as_asked_and_every_place_gets_a_record(archive):
    places, records = read(archive, "places"), read(archive, "assignments")
    assert len(places) == N_PLACES and places["id"].is_unique
    assert len(records) == N_RECORDS and records["id"].is_unique
    assert set(records["place_id"]) == set(places["id"])


def test_same_seed_gives_byte_identical_files_and_another_seed_does_not(archive, tmp_path):
    again = write_archive(tmp_path / "again", n_records=N_RECORDS, n_places=N_PLACES, seed=7)
    other = write_archive(tmp_path / "other", n_records=N_RECORDS, n_places=N_PLACES, seed=8)
    for table in TABLES:
        name = f"{table}.csv"
        assert (again / name).read_bytes() == (archive / name).read_bytes(), name
    assert (other / "places.csv").read_bytes() != (archive / "places.csv").read_bytes()
    assert (other / "assignments.csv").read_bytes() != (archive / "assignments.csv").read_bytes()


def test_bundled_tables_are_copied_unchanged_and_one_synthetic_source_is_added(archive):
    for table in COPIED_TABLES:
        assert filecmp.cmp(DATA_DIR / f"{table}.csv", archive / f"{table}.csv", shallow=False), table
    bundled, sources = read(DATA_DIR, "sources"), read(archive, "sources")
    assert sources.iloc[: len(bundled)].equals(bundled)
    added = sources.iloc[len(bundled):]
    assert added["id"].tolist() == [SOURCE_ID]
    assert "synthetic" in added["note"].iloc[0] and "not facts" in added["note"].iloc[0]


def test_every_record_names_places_and_organisations_that_exist(archive):
    records = read(archive, "assignments")
    places, orgs = set(read(archive, "places")["id"]), set(read(archive, "organisations")["id"])
    assert set(records["place_id"]) <= places
    for column in ("org_id", "partner_org_id", "ordered_by_org_id"):
        assert set(records[column].dropna()) <= orgs, column
    assert records["partner_org_id"].notna().any() and records["ordered_by_org_id"].notna().any()
    named = records.dropna(subset=["partner_org_id"])
    assert (named["partner_org_id"] != named["org_id"]).all()


def test_records_cite_bundled_reports_within_their_paragraph_counts(archive):
    records, sources = read(archive, "assignments"), read(archive, "sources").set_index("id")
    assert (sources.loc[records["source_id"], "kind"] == "report").all()
    limits = sources.loc[records["source_id"], "paragraphs"].astype(int).tolist()
    for cited, limit in zip(records["paragraphs"], limits):
        numbers = [int(p) for p in cited.split(";")]
        assert numbers == sorted(set(numbers)) and numbers[0] >= 1 and numbers[-1] <= limit


def test_dates_span_2016_to_2025_in_all_three_precisions(archive):
    records = read(archive, "assignments")
    for column in ("start", "end", "reported"):
        written = records[column].dropna()
        assert {precision(d) for d in written} == {"year", "month", "day"}, column
        assert all(2016 <= first_day(d).year <= 2025 for d in written), column


def test_places_lie_in_the_border_region_and_parent_precision_shares_the_parent_point(archive):
    places = read(archive, "places").set_index("id")
    lat, lon = places["lat"].astype(float), places["lon"].astype(float)
    assert lat.between(40.5, 42.2).all() and lon.between(126.0, 129.5).all()
    assert (places["coord_source_id"] == SOURCE_ID).all()
    assert places["name"].str.fullmatch(r"Synthetic place \d{4}").all()
    at_parent = places[places["precision"] == "parent"]
    assert not at_parent.empty and at_parent["uncertainty_m"].notna().all()
    for pid, place in at_parent.iterrows():
        parent = places.loc[place["parent_id"]]
        assert (place["lat"], place["lon"]) == (parent["lat"], parent["lon"]), pid
    assert places["parent_id"].notna().any() and places["parent_id"].isna().any()


def test_no_place_and_negative_counts_are_refused(tmp_path):
    with pytest.raises(ValueError, match="at least one place"):
        write_archive(tmp_path, n_records=10, n_places=0)
    with pytest.raises(ValueError, match="negative"):
        write_archive(tmp_path, n_records=-1, n_places=3)


def test_command_line_writes_the_archive_asked_for(tmp_path, capsys):
    main([str(tmp_path / "cli"), "--records", "25", "--places", "5", "--seed", "3"])
    assert "5 places, 25 records" in capsys.readouterr().out
    dataset = load_dataset(tmp_path / "cli")
    assert dataset.problems == () and (len(dataset.places), len(dataset.assignments)) == (5, 25)
