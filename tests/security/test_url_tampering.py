"""Tampered links: garbage, unknown ids, huge and repeated values in every query parameter, on
every page and in the briefing view. No page raises; every ignored value is named in a note."""

from __future__ import annotations

import pytest
from apptest_helpers import plain, run_page

from border_atlas.filters.link import _known_keys

PAGES = [("dashboard.py", {}), ("dashboard.py", {"briefing": "1"}), ("pages/1_Before_and_after.py", {}),
         ("pages/2_Timeline.py", {}), ("pages/3_Organisations.py", {}), ("pages/4_Sources.py", {})]
KEYS = sorted(_known_keys() | {"nonsense", "online"})
TEXTS = {"title", "subtitle", "banner"}  # free text: shown as written (cut at 200 characters), never a note
VALUES = {
    "script": "zz<script>alert(1)</script>",
    "huge": "x" * 10_000,  # 20 parameters of it: under Streamlit's limit of 524,288 characters
    "jinja": "{{7*7}}{% raw %}",
    "controls": "a\x00\x1b[31m\u202eb",
    "path": "../../../../etc/passwd",
    "number": "-1e309",
    "markdown": "![x](http://evil.example/x.png) $\\alert{1}$ :red[x]",
}


def notes(at) -> list[str]:
    return [plain(info.value) for info in at.info if plain(info.value).startswith("Link:")]


@pytest.mark.parametrize("value", VALUES, ids=str)
@pytest.mark.parametrize(("page", "extra"), PAGES, ids=lambda p: str(p).removeprefix("pages/"))
def test_every_parameter_tampered_at_once(page, extra, value):
    query = {key: VALUES[value] for key in KEYS} | extra
    query["org"] = [VALUES[value][:50]] * 300 + ["mss"]  # repeated far beyond what is read
    at = run_page(page, query=query)
    assert not at.exception, at.exception
    assert len(notes(at)) >= 5
    assert all(len(note) < 400 for note in notes(at))


def test_a_query_string_beyond_streamlit_s_limit_opens_the_plain_page():
    # Streamlit drops a query string of more than 524,288 characters before the app sees it.
    at = run_page(query={"org": "x" * 600_000})
    assert not at.exception
    assert "21 records" in plain(at.markdown[0].value)


@pytest.mark.parametrize("key", sorted(set(KEYS) - TEXTS))
def test_each_bad_parameter_is_named(key):
    for extra in ({}, {"briefing": "1"}):
        at = run_page(query=extra | {key: "zz<b>garbage"})
        assert not at.exception, at.exception
        named = [n for n in notes(at) if "zz<b>garbage" in n or key in n]
        assert named, (key, extra, notes(at))


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_briefing_text_is_shown_as_written_and_cut_short(key):
    at = run_page(query={key: "<b>" + "t" * 1000, "briefing": "1"})
    assert not at.exception
    srcdoc = next(el for el in at.main if type(el.proto).__name__ == "IFrame").proto.srcdoc
    assert "&lt;b&gt;" + "t" * 197 in srcdoc and "t" * 198 not in srcdoc
