"""The records table (paged), the Sources page's tables and the organisation profile, as plain Python."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import without_rows

from bench.synthetic import write_archive
from border_atlas import FilterState, load_dataset, select
from border_atlas.views.org_profile import organisation_profile, profile_choice, profile_filters
from border_atlas.views.tables import records_html, records_page, records_table, reference_uses, report_sections


def test_each_report_lists_its_selected_records(dataset):
    selection = select(dataset, FilterState(era="post-covid"))
    sections = {s.source_id: s for s in report_sections(selection)}
    assert sections["dailynk-2018-02-28"].count == 0 and "0 records" in sections["dailynk-2018-02-28"].heading
    insider = sections["nkinsider-2025-10-27"]
    assert insider.count == 7 and "7 records" in insider.heading
    listed = selection.records_at(insider.positions)
    assert {r.source_id for r in listed} == {"nkinsider-2025-10-27"}
    assert [r.known_from for r in listed] == sorted(r.known_from for r in listed)  # in date order
    assert len(records_page(selection, insider.positions).table) == 7
    assert "archived text" in sections["dailynk-2018-02-28"].caption


def test_reference_works_say_what_they_support(dataset):
    uses = reference_uses(dataset).set_index("source")["supports"]
    assert "position of Hyesan" in uses["GeoNames"]
    assert "event: Closed to foreign tourists (COVID-19)" in uses["Kyodo News"]


def test_profile_facts(dataset):
    profile = organisation_profile(dataset, "mirim")
    facts = dict(profile.facts.values)
    assert facts["Sanctions status"] == "designation reported, not confirmed"
    assert facts["Under"] == "Office 39" and facts["Korean name"] == "미림해운회사"
    assert facts["Source"] == "Daily NK (English), 2018-02-28, ¶ 2, 4"
    assert profile.by_era.set_index("era")["records"].to_dict() == {"Pre-COVID": 1, "Post-COVID (MSS control)": 0}


def test_profile_choice_and_filters(dataset):
    state = FilterState(orgs=("office-39",), era="pre-covid")
    assert profile_choice(dataset, state, None) == "office-39"
    assert profile_choice(dataset, state, "mirim") == "mirim"
    assert profile_choice(dataset, FilterState(), "gone") == "mss"
    assert profile_choice(without_rows(dataset, "organisations", *dataset.organisations["id"]), state, None) is None
    own = select(dataset, profile_filters(state, "mss"))
    assert own.count == 9 and own.state.era is None and own.state.exact_orgs  # acting, partner or ordering


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """1,234 synthetic records over 40 places: three pages of 500 and one short page."""
    return select(load_dataset(write_archive(tmp_path_factory.mktemp("paged"), n_records=1234, n_places=40)),
                  FilterState())


def test_a_page_holds_its_share_of_the_records_in_date_order(many):
    everything = records_table(many.record_list)
    for number, rows in ((1, 500), (2, 500), (3, 234)):
        part = records_page(many, page=number)
        assert (part.number, part.pages, len(part.table)) == (number, 3, rows)
        start = (number - 1) * 500
        assert part.table.equals(everything.iloc[start:start + rows].reset_index(drop=True))
    assert records_page(many, page=3).range_text == "Records 1,001–1,234 of 1,234"


def test_a_page_past_the_end_is_the_last_and_before_the_start_the_first(many):
    assert records_page(many, page=99).number == 3
    assert records_page(many, page=0).range_text == "Records 1–500 of 1,234"
    with pytest.raises(ValueError, match="size must be at least 1"):
        records_page(many, size=0)


def test_a_place_pages_only_its_own_records(many):
    busiest = many.column("place_id").value_counts().index[0]
    positions = many.positions_at(busiest)
    part = records_page(many, positions, size=7)
    name = many.place_names[busiest]
    assert part.total == (many.column("place_id") == busiest).sum() > 7
    assert set(part.table["Place"]) == {name}
    assert records_page(many, many.positions_at("no-such-place")).range_text == "Records 0–0 of 0"


def test_the_print_table_escapes_and_carries_its_range():
    table = pd.DataFrame({"Place": ["<b>Hyesan</b>"], "What": ["a & b"]})
    html = records_html(table, note="Records 1–500 of 1,234 <all>")
    assert "<caption>Records 1–500 of 1,234 &lt;all&gt;</caption>" in html
    assert "&lt;b&gt;Hyesan&lt;/b&gt;" in html and "<b>" not in html


def test_the_print_table_leaves_out_the_history_links(dataset):
    part = records_page(select(dataset, FilterState()), size=3)
    assert part.table.columns[-1] == "History" and part.table["History"].str.startswith("History?record=").all()
    html = records_html(part.table)
    assert "History" not in html and part.table["Place"].iloc[0] in html
