"""The basemap choices on the pages: the sidebar's picker, the two on Before and after, the messages."""

from __future__ import annotations

import pytest
from apptest_helpers import map_args, plain, run_page
from tile_fixtures import make_mbtiles, make_pmtiles, settings_text

from border_atlas.tiles import routes
from border_atlas.tiles.settings import SETTINGS_ENV


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    folder = tmp_path_factory.mktemp("basemaps")
    make_mbtiles(folder / "a.mbtiles")
    make_pmtiles(folder / "b.pmtiles")
    path = folder / "basemaps.toml"
    path.write_text(settings_text([
        {"id": "imagery-2019", "name": "Imagery 2019", "kind": "mbtiles", "path": "a.mbtiles"},
        {"id": "imagery-2024", "name": "Imagery 2024", "kind": "pmtiles", "path": "b.pmtiles"},
        {"id": "gone", "name": "Gone archive", "kind": "mbtiles", "path": "gone.mbtiles"},
    ]))
    return path


@pytest.fixture
def served(settings, monkeypatch):
    """The app as `make run` starts it: the tile route mounted, the settings file read."""
    monkeypatch.setenv(SETTINGS_ENV, str(settings))
    monkeypatch.setattr(routes, "_mounted", True)


def document(at) -> str:
    return next(el for el in at.main if type(el.proto).__name__ == "IFrame").proto.srcdoc


def test_the_sidebar_picker_draws_the_chosen_basemap_and_writes_it_into_the_link(served):
    at = run_page("dashboard.py")
    picker = at.sidebar.selectbox(key="view_basemap")
    assert picker.options == ["Built-in: border and rivers (GSHHG)", "Imagery 2019", "Imagery 2024"]
    assert "basemap-tiles/imagery-2024" in map_args(at)["script"]  # offered in the layer control
    picker.set_value("imagery-2024").run()
    assert at.query_params["basemap"] == "imagery-2024"
    assert any("Gone archive" in plain(w.value) and "gone.mbtiles: no such file" in plain(w.value) for w in at.warning)


def test_a_link_s_basemap_reaches_the_briefing_view(served):
    at = run_page("dashboard.py", {"basemap": "imagery-2019", "briefing": "1"})
    assert "basemap-tiles/imagery-2019/{z}/{x}/{y}" in document(at)


def test_before_and_after_draws_a_basemap_under_each_map(served):
    at = run_page("pages/1_Before_and_after.py", {"basemap": "imagery-2019"})
    at.selectbox(key="compare_basemap_right").set_value("imagery-2024").run()
    assert (at.query_params["basemap"], at.query_params["basemap2"]) == ("imagery-2019", "imagery-2024")
    page = document(at)
    assert page.count("basemap-tiles/imagery-2019/") == 1 and page.count("basemap-tiles/imagery-2024/") == 1


def test_without_the_tile_route_the_page_says_how_to_get_the_basemaps(settings, monkeypatch):
    monkeypatch.setenv(SETTINGS_ENV, str(settings))
    monkeypatch.setattr(routes, "_mounted", False)
    at = run_page("dashboard.py", {"basemap": "imagery-2019"})
    assert not [s for s in at.sidebar.selectbox if s.key == "view_basemap"]
    assert any("make run" in plain(i.value) for i in at.info)
    assert any("not configured here" in plain(i.value) for i in at.info)
    assert "basemap-tiles" not in map_args(at)["script"]
