"""Fixtures of the export tests."""

from __future__ import annotations

import pytest
from exports.reference import sparse_archive


@pytest.fixture(scope="session")
def sparse(tmp_path_factory):
    """A synthetic archive with gaps: no position, blank and whitespace texts, untitled and missing sources."""
    return sparse_archive(tmp_path_factory.mktemp("sparse"))
