"""Shared fixtures: the bundled dataset and writable copies of its folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from border_atlas.cache import CACHE_ENV
from border_atlas.dataset import DATA_DIR, Dataset, load_dataset


def pytest_configure(config):
    # The app keeps validated tables in a cache; the tests' (and the apps they start) go to a folder of their own.
    if not os.environ.get(CACHE_ENV):
        os.environ[CACHE_ENV] = tempfile.mkdtemp(prefix="border-atlas-test-cache-")


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target
