"""Shared fixtures: the bundled dataset and writable copies of its folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from border_atlas.dataset import DATA_DIR, Dataset, load_dataset


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target
