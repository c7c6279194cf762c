"""A store on a fresh database (SQLite, then PostgreSQL) holding the bundled data."""

from __future__ import annotations

import pytest

from border_atlas.dataset import DATA_DIR
from border_atlas.store import DataStore


@pytest.fixture
def store(database_url):
    opened = DataStore(database_url)
    opened.import_folder(DATA_DIR, user="setup")
    yield opened
    opened.close()
