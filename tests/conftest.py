"""Shared fixtures: the bundled dataset, writable copies of its folder, and fresh databases."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from databases import POSTGRES_ENV, PostgresMissing, ThrowawayCluster, fresh_postgres_database, sqlite_url

from border_atlas.loading.cache import CACHE_ENV
from border_atlas.loading.dataset import DATA_DIR, Dataset, load_dataset
from border_atlas.store import DataStore
from border_atlas.tiles.settings import SETTINGS_ENV


def pytest_configure(config):
    # The app keeps validated tables in a cache; the tests' (and the apps they start) go to a folder of their own.
    if not os.environ.get(CACHE_ENV):
        os.environ[CACHE_ENV] = tempfile.mkdtemp(prefix="border-atlas-test-cache-")
    # No user's own basemaps in the tests; a test that wants some names its settings file.
    os.environ.setdefault(SETTINGS_ENV, "off")
    # The databases the app makes for each data folder go to a folder of the tests' own too (never the user's).
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="border-atlas-test-data-home-")
    os.environ.pop("BORDER_ATLAS_DATABASE", None)


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture(scope="session")
def postgres_admin_url():
    """The admin URL of a PostgreSQL server for this run: ``BORDER_ATLAS_TEST_POSTGRES``, or a throwaway
    cluster started here and removed at the end. Skips with a hint without PostgreSQL; fails under CI=true."""
    configured = os.environ.get(POSTGRES_ENV)
    if configured:
        yield configured
        return
    try:
        cluster = ThrowawayCluster.start()
    except PostgresMissing as missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL is missing on CI. {missing}")
        pytest.skip(str(missing))
    try:
        yield cluster.admin_url
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def database_url(request, tmp_path: Path):
    """The URL of a fresh, empty database: a SQLite file, then (the same test again) a PostgreSQL database."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    with fresh_postgres_database(request.getfixturevalue("postgres_admin_url")) as url:
        yield url


@pytest.fixture
def store(database_url):
    """A store on a fresh database (SQLite, then PostgreSQL) holding the bundled data."""
    opened = DataStore(database_url)
    opened.import_folder(DATA_DIR, user="setup")
    yield opened
    opened.close()
