"""A writable copy of the bundled data folder for each store test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import ROOT


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target
