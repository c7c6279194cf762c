"""Tile archives drawn for the tests (see tests/tile_fixtures.py)."""

from __future__ import annotations

import pytest
from tile_fixtures import make_mbtiles, make_pmtiles


@pytest.fixture(scope="session")
def archives(tmp_path_factory):
    folder = tmp_path_factory.mktemp("archives")
    return make_mbtiles(folder / "test.mbtiles"), make_pmtiles(folder / "test.pmtiles")
