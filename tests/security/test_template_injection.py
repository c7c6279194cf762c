"""Text from a link or a data file is never evaluated as a Jinja template, wherever it lands."""

from __future__ import annotations

import dataclasses
import html
from datetime import date

import folium
import pytest
from apptest_helpers import run_page
from helpers import read_rows, write_rows

from border_atlas import FilterState, select
from border_atlas.exports import EXPORTS
from border_atlas.mapview import assemble_map
from border_atlas.text.literal_rendering import installed
from border_atlas.views.briefing import BriefingText, briefing_document
from border_atlas.views.comparison import comparison_document

# The reproducer that ran `id` on the server, turned into one that leaves a visible trace:
# it makes a folder called "bamarker" in the working directory when Jinja evaluates it.
MKDIR = "{{ cycler.__init__.__globals__.os.mkdir(dict(bamarker=1)|first) }}"
ARITHMETIC = "{{ 7*7 }}"
BROKEN = ("{{", "{#", "{% raw", "{% for x in y %}", "}}{{")


def shown(markup: str) -> str:
    """The text a browser shows for escaped markup."""
    return html.unescape(markup)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def with_place_name(dataset, place_id: str, name: str):
    places = dataset.places.copy()
    places.loc[places["id"] == place_id, "name"] = name
    return dataset_replace(dataset, places=places)


def dataset_replace(dataset, **tables):
    return dataclasses.replace(dataset, **tables)


def test_the_renderer_patch_is_installed():
    assert installed()


def test_folium_elements_render_text_literally(in_tmp):
    m = folium.Map(tiles=None)
    folium.Marker((41.4, 128.18), tooltip=MKDIR, popup=folium.Popup(ARITHMETIC)).add_to(m)
    folium.Marker((41.5, 128.2), icon=folium.DivIcon(html=f"<b>{ARITHMETIC}</b>")).add_to(m)
    rendered = m.get_root().render()
    assert rendered.count(ARITHMETIC) == 2 and MKDIR in rendered
    assert not (in_tmp / "bamarker").exists()


def test_a_place_name_is_never_evaluated_in_any_document(dataset, in_tmp):
    hostile = with_place_name(dataset, "samsu", f"Samsu {MKDIR} {ARITHMETIC}")
    selection = select(hostile, FilterState())
    outputs = [
        assemble_map(selection).get_root().render(),
        briefing_document(selection, BriefingText(made_on=date(2026, 11, 23))),
        comparison_document(selection),
    ]
    for export in EXPORTS:
        if not export.browser:
            outputs.append(export.build(selection, BriefingText()).decode("utf-8"))
    assert not (in_tmp / "bamarker").exists()
    for output in outputs:
        assert ARITHMETIC in shown(output.replace("&#123;", "{").replace("&#125;", "}"))


@pytest.mark.parametrize("title", [MKDIR, ARITHMETIC, *BROKEN])
def test_briefing_text_is_shown_as_written(dataset, in_tmp, title):
    text = BriefingText(title=title, subtitle=title, banner=title, made_on=date(2026, 11, 23))
    page = briefing_document(select(dataset, FilterState()), text)
    assert f"<h1>{html.escape(title)}</h1>" in page
    assert not (in_tmp / "bamarker").exists()


def test_the_crafted_link_runs_nothing(in_tmp):
    at = run_page(query={"briefing": "1", "title": MKDIR, "subtitle": ARITHMETIC})
    assert not at.exception
    assert not (in_tmp / "bamarker").exists()
    srcdoc = next(el for el in at.main if type(el.proto).__name__ == "IFrame").proto.srcdoc
    assert f"<h1>{html.escape(MKDIR)}</h1>" in srcdoc
    assert f'<div class="sub">{ARITHMETIC}</div>' in srcdoc


@pytest.mark.parametrize("title", BROKEN)
def test_unbalanced_template_syntax_in_a_link_does_not_break_the_page(in_tmp, title):
    at = run_page(query={"briefing": "1", "title": title})
    assert not at.exception


def test_a_place_name_runs_nothing_on_the_before_and_after_page(in_tmp, data_copy, monkeypatch):
    header, rows = read_rows(data_copy / "places.csv")
    for row in rows:
        if row["id"] in ("samsu", "hyetan"):
            row["name"] = f"{row['name']} {MKDIR} {ARITHMETIC}"
    write_rows(data_copy / "places.csv", header, rows)
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(data_copy))
    for page in ("pages/1_Before_and_after.py", "dashboard.py"):
        at = run_page(page)
        assert not at.exception
    assert not (in_tmp / "bamarker").exists()
