"""Broken tables: the loader names file, row and field, every page renders, every export builds
or says why, and no data file is changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from apptest_helpers import plain, run_page
from security.malformed import CASES, Broken, broken_copy

from border_atlas import FilterState, load_dataset, select
from border_atlas.exports import EXPORTS
from border_atlas.loading.dataset import DATA_DIR
from border_atlas.views.briefing import BriefingText

PAGES = ["dashboard.py", "pages/1_Before_and_after.py", "pages/2_Timeline.py", "pages/3_Organisations.py",
         "pages/4_Sources.py"]


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(params=CASES, ids=str)
def case(request, tmp_path) -> tuple[Broken, Path]:
    return request.param, broken_copy(request.param, DATA_DIR, tmp_path / "data")


def test_the_problem_is_named_by_file_row_and_field(case):
    broken, folder = case
    dataset = load_dataset(folder)
    where = [(p.file, p.row, p.field) for p in dataset.problems if broken.words in p.message]
    assert (broken.file, broken.row, broken.field) in where, [str(p) for p in dataset.problems]


def test_selection_and_every_export_still_work(case):
    _, folder = case
    dataset = load_dataset(folder)
    for state in (FilterState(), FilterState(orgs=("mirim",)), FilterState(era="post-covid")):
        selection = select(dataset, state)
        for export in EXPORTS:
            if export.browser or export.unavailable(selection):
                continue
            assert export.build(selection, BriefingText())


def test_every_page_renders_and_shows_the_problem(case, monkeypatch):
    broken, folder = case
    before = digests(folder)
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(folder))
    for page in PAGES:
        at = run_page(page)
        assert not at.exception, (page, at.exception)
        assert any(e.label.startswith("⚠ Data problems") for e in at.expander), page
        for query in ({"briefing": "1"},) if page == "dashboard.py" else ():
            at = run_page(page, query=query)
            assert not at.exception
            assert any(e.label.startswith("⚠ Data problems") for e in at.expander)
    assert digests(folder) == before


def test_fewer_than_two_eras_is_explained_on_the_comparison_page(tmp_path, monkeypatch):
    folder = broken_copy(next(c for c in CASES if c.name == "only one era"), DATA_DIR, tmp_path / "data")
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(folder))
    at = run_page("pages/1_Before_and_after.py")
    assert any("needs two eras" in plain(w.value) for w in at.warning)
    at = run_page()
    assert any(b.label == "Before/after HTML" and b.disabled for b in at.button)
