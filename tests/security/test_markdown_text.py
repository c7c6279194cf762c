"""Data and link text reach Streamlit's Markdown as plain text: no image, link or LaTeX runs."""

from __future__ import annotations

import re

import pytest
from apptest_helpers import map_args, plain, run_page
from helpers import read_rows, write_rows

from border_atlas.text.escaping import escape_markdown

IMAGE = "![x](http://evil.example/x.png)"
PAGES = ["dashboard.py", "pages/1_Before_and_after.py", "pages/2_Timeline.py", "pages/3_Organisations.py",
         "pages/4_Sources.py"]
# (table, row id, field): every free-text field that a page shows through Markdown.
FIELDS = [
    ("eras", "pre-covid", "name"),
    ("organisations", "mirim", "name"),
    ("organisations", "mss", "note"),
    ("places", "samsu", "name"),
    ("sources", "dailynk-2018-02-28", "outlet"),
    ("sources", "dailynk-2018-02-28", "title"),
    ("sources", "dailynk-2018-02-28", "locator"),
    ("sources", "dailynk-2018-02-28", "note"),
]
LIVE_MARKDOWN = re.compile(r"(?<!\\)!(?<!\\)\[|(?<!\\)\]\((?:https?:|//)|(?<![\\/])https?:(?<!\\)//|(?<!\\)\$")
# GitHub-flavoured Markdown links bare addresses in the text as read, escapes already undone.
AUTOLINK = re.compile(r"(?i)https?://[\w-]|www\.[\w-]|[\w.+-]@[\w-]+\.[\w-]")


def markdown_texts(at) -> list[str]:
    """Every string on the page that Streamlit renders as Markdown."""
    texts = [el.value for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header",
                                   "subheader") for el in at.get(kind)]
    texts += [e.label for e in at.expander]
    texts += [option for radio in at.radio for option in radio.options]
    texts += [m.label for m in at.metric] + [m.value for m in at.metric]
    return texts


def unescaped(markdown: str) -> str:
    """The text Markdown reads after undoing backslash escapes (invisible characters kept)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def live(texts: list[str]) -> list[str]:
    return [t for t in texts if LIVE_MARKDOWN.search(t) or AUTOLINK.search(unescaped(t))]


def test_the_escape_leaves_no_markdown():
    assert not LIVE_MARKDOWN.search(escape_markdown(IMAGE + " http://evil.example $x$"))
    assert plain(escape_markdown(IMAGE)) == IMAGE
    assert LIVE_MARKDOWN.search(IMAGE)  # the detector does see a live image


@pytest.mark.parametrize("address", ["see http://evil.example/x", "HTTPS://EVIL.EXAMPLE", "www.evil.example",
                                     "WWW.evil.example", "mail a.b+c@evil.example", "mailto:x@evil.example"])
def test_a_bare_address_is_shown_but_not_linked(address):
    # Streamlit's Markdown links these even when every punctuation character is escaped.
    assert AUTOLINK.search(unescaped(escaped_punctuation(address)))
    escaped = escape_markdown(address)
    assert not AUTOLINK.search(unescaped(escaped))
    assert plain(escaped) == address


def escaped_punctuation(text: str) -> str:
    """Every punctuation character escaped, as the app did before bare addresses were handled."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


@pytest.fixture
def hostile_data(data_copy, monkeypatch):
    for table in {t for t, _, _ in FIELDS}:
        header, rows = read_rows(data_copy / f"{table}.csv")
        for row in rows:
            for t, ident, field in FIELDS:
                if t == table and row["id"] == ident:
                    row[field] = f"{row[field]} {IMAGE} http://evil.example/bare $E=mc^2$"
        write_rows(data_copy / f"{table}.csv", header, rows)
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(data_copy))
    return data_copy


@pytest.mark.parametrize("page", PAGES)
def test_hostile_data_text_is_plain_on_every_page(hostile_data, page):
    at = run_page(page, query={"org": "mirim"} if page.endswith("Organisations.py") else None)
    assert not at.exception
    texts = markdown_texts(at)
    assert texts and live(texts) == []
    assert any(IMAGE in plain(t) for t in texts) or page.endswith(("Timeline.py", "Before_and_after.py"))


@pytest.mark.parametrize("page", PAGES)
def test_hostile_link_parameters_are_named_as_plain_text(page):
    at = run_page(page, query={"org": IMAGE, "place": "http://evil.example", "era": "$x$", "junk": IMAGE})
    assert not at.exception
    notes = [plain(info.value) for info in at.info]
    assert any(IMAGE in note for note in notes) and any("junk" in note for note in notes)
    assert live(markdown_texts(at)) == []


def test_a_link_cannot_switch_on_the_online_basemap():
    at = run_page(query={"online": "1"})
    assert not at.exception
    assert at.sidebar.toggle(key="view_online").value is False
    assert any("online basemap" in plain(info.value) for info in at.info)
    script = map_args(at)["script"]
    assert "L.map(" in script and "tile.openstreetmap.org" not in script and "arcgisonline" not in script
