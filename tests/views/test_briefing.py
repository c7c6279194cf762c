"""The briefing page and the era comparison, as HTML."""

from __future__ import annotations

import re
from datetime import date

from helpers import with_values

from border_atlas import FilterState, select
from border_atlas.views.briefing import BriefingText, briefing_document, record_citations, source_notes
from border_atlas.views.comparison import comparison_document

ASSET_REF = re.compile(r"""<(?:script|img|iframe)[^>]*\ssrc\s*=\s*["']?https?://|<link[^>]*\shref\s*=\s*["']?https?://"""
                       r"""|url\(\s*["']?https?://""")
MADE = date(2026, 11, 23)


def test_briefing_states_title_filters_notes_and_date(dataset):
    selection = select(dataset, FilterState(orgs=("office-39",), era="pre-covid"))
    html = briefing_document(selection, BriefingText("Office 39 at the border", "February 2018", "", MADE))
    assert "<h1>Office 39 at the border</h1>" in html
    assert "February 2018" in html
    assert "4 records</b> · Organisations: Office 39 (with their members) · Places: all · " \
           "Era: Pre-COVID (until 2020-01-21) · Dates: any" in html
    assert "Made on 2026-11-23" in html
    assert "<li>Daily NK (English), “North Korean intel agency to oversee expanded smuggling ops”, 2018-02-28, " \
           "paragraphs 1, 2, 8 and 9</li>" in html
    assert "ba-banner" not in html.split("</style>")[-1]  # no banner when its text is empty
    assert "L.control.layers(" not in html  # a static page needs no layer switcher


def test_banner_at_top_and_bottom_and_everything_escaped(dataset):
    selection = select(dataset, FilterState())
    text = BriefingText("<script>alert(1)</script>", "`${x}`", "SECRET <i>", MADE)
    html = briefing_document(selection, text)
    body = html.split("</style>")[-1]
    assert body.count('class="ba-banner') == 2 and "SECRET &lt;i&gt;" in body
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # Page text is HTML, not a script: the subtitle shows as written, and never reaches a script.
    assert '<div class="sub">`${x}`</div>' in body
    assert "${x}" not in html.rsplit("<script>", 1)[-1]


def test_briefing_export_needs_nothing_from_outside(dataset):
    html = briefing_document(select(dataset, FilterState()), BriefingText(made_on=MADE), assets="inline")
    assert ASSET_REF.search(html) is None
    assert "L.map(" in html and "jQuery" in html


def test_source_notes_cover_date_sources(dataset):
    notes = source_notes(select(dataset, FilterState(era="post-covid")))
    assert notes[0].startswith("NK Insider") and "paragraphs 3, 4, 5, 7, 10 and 11" in notes[0]
    assert notes[1].startswith("Kyodo News") and notes[1].endswith("(dates)")


def test_comparison_draws_each_era_on_its_own_map(dataset):
    html = comparison_document(select(dataset, FilterState(orgs=("mss",))), made_on=MADE)
    assert ASSET_REF.search(html) is None
    assert "Leaflet.Sync" not in html and 'target.setView(source.getCenter()' in html
    assert html.count('class="folium-map"') == 2
    assert "Pre-COVID (until 2020-01-21)" in html and "Post-COVID (MSS control) (2020-01-22 to now)" in html
    maps = re.findall(r"var (map_[0-9a-f]+) = L\.map", html)
    assert len(maps) == 2
    left, right = html.split(f"var {maps[1]} = L.map")
    assert "ba-marker ba-hyetan" in left and "ba-marker ba-hyetan" not in right
    assert "ba-marker ba-ryanggang" in right


def test_comparison_era_titles_come_from_the_data(dataset):
    changed = with_values(dataset, "eras", "pre-covid", name="Before the closure")
    assert "Before the closure (until 2020-01-21)" in comparison_document(select(changed, FilterState()), made_on=MADE)


def legend_of(html: str) -> str:
    return html.split('<div class="ba-legend">', 1)[1].split("<h2>Sources</h2>", 1)[0]


def test_legend_names_the_umbrella_chosen_when_its_members_are_drawn(dataset):
    chosen = briefing_document(select(dataset, FilterState(orgs=("office-39",))), BriefingText(made_on=MADE))
    assert "<h4>Filtered on</h4>" in legend_of(chosen)
    assert ("Office 39, drawn as its members: Kumgang Office, Foreign Liaison Office Company 7.27 and "
            "Mirim Shipping Company") in legend_of(chosen)
    # Chosen alone (not its members), or not chosen at all: nothing to name.
    exact = briefing_document(select(dataset, FilterState(orgs=("office-39",), exact_orgs=True)),
                              BriefingText(made_on=MADE))
    assert "Filtered on" not in legend_of(exact)
    assert "Filtered on" not in legend_of(briefing_document(select(dataset, FilterState()), BriefingText(made_on=MADE)))


def test_record_citations_give_one_line_per_record(dataset):
    selection = select(dataset, FilterState())
    lines = record_citations(selection)
    assert len(lines) == selection.count == len(set(lines))
    record = next(r for r in selection.record_list if r.id == "crackdown-10corps-hyesan")
    assert lines[selection.record_list.index(record)] == (
        f"KPA 10th Corps (crackdown) at Hyesan, {record.period}: source 1, paragraph 8 "
        "[record crackdown-10corps-hyesan]")
