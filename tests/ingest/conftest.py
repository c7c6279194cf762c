"""The two archived reports, read as an analyst would add them, and the tables they are checked against."""

from __future__ import annotations

import pytest
from helpers import SHARED_SOURCES

from border_atlas.ingest import OrganisationIndex, load_aliases, read_report

from .tables import report_files, table


@pytest.fixture(scope="session")
def reports():
    if not SHARED_SOURCES.exists():
        pytest.skip("../shared/sources is not beside the project")
    return {source_id: read_report((SHARED_SOURCES / name).read_bytes(), filename=name)
            for source_id, name in report_files().items()}


@pytest.fixture(scope="session")
def sources():
    return {row["id"]: row for row in table("sources")}


@pytest.fixture(scope="session")
def org_index():
    return OrganisationIndex.from_rows(table("organisations"), load_aliases())


@pytest.fixture(scope="session")
def events():
    return table("events")
