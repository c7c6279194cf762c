"""Finding Chromium, and the PNG export's message when there is none."""

from __future__ import annotations

import pytest

from border_atlas import FilterState, select
from border_atlas.exports import ChromiumMissing, briefing_png
from border_atlas.runtime.chromium import chromium_path
from border_atlas.views.briefing import BriefingText


def test_configured_path_wins(monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("")
    monkeypatch.setenv("BORDER_ATLAS_CHROMIUM", str(fake))
    assert chromium_path() == str(fake)


def test_missing_configured_path_means_none(monkeypatch):
    monkeypatch.setenv("BORDER_ATLAS_CHROMIUM", "/nonexistent/chromium")
    assert chromium_path() is None


def test_png_export_says_what_to_install(monkeypatch, dataset):
    monkeypatch.setenv("BORDER_ATLAS_CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(ChromiumMissing, match="apt-get install chromium"):
        briefing_png(select(dataset, FilterState()), BriefingText())
