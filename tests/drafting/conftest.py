"""A data folder holding only the eras (every other table empty), and the reports read from their files."""

from __future__ import annotations

import shutil

import pytest
from helpers import ROOT, SHARED_SOURCES

from border_atlas.drafting import SourceDetails, draft_from_report
from border_atlas.ingest import gazetteer_place_finder, read_report, recognise
from border_atlas.loading.dataset import DATA_DIR, load_dataset
from border_atlas.places.gazetteer import Gazetteer
from border_atlas.readers import CsvFolder
from tests.ingest.tables import report_files


def header_only(source, target) -> None:
    target.write_bytes(source.read_bytes().splitlines(keepends=True)[0])


@pytest.fixture(scope="session")
def eras_only(tmp_path_factory):
    """data/ with eras.csv as it is and every other table reduced to its header row."""
    folder = tmp_path_factory.mktemp("eras-only")
    for path in DATA_DIR.glob("*.csv"):
        if path.name == "eras.csv":
            shutil.copy(path, folder / path.name)
        else:
            header_only(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def report_texts():
    if not SHARED_SOURCES.exists():
        pytest.skip("../shared/sources is not beside the project")
    return {source_id: read_report((SHARED_SOURCES / name).read_bytes(), filename=name)
            for source_id, name in report_files().items()}


def draft_of(report, folder, *, report_date=None):
    """The draft a report gives against the tables of ``folder``, from the report's text alone."""
    dataset = load_dataset(CsvFolder(folder))
    found = recognise(report, organisations=dataset.organisations, events=dataset.events, report_date=report_date,
                      place_finder=gazetteer_place_finder(Gazetteer(dataset.places)))
    details = SourceDetails.prefilled(report)
    details = SourceDetails(outlet=details.outlet or "report", title=details.title, published=details.published)
    return draft_from_report(found, dataset, details=details), dataset


__all__ = ["ROOT", "draft_of", "header_only"]
