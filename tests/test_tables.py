"""The Sources page's tables and the organisation profile, as plain Python."""

from __future__ import annotations

from helpers import without_rows

from border_atlas import FilterState, select
from border_atlas.org_profile import organisation_profile, profile_choice, profile_filters
from border_atlas.tables import reference_uses, report_sections


def test_each_report_lists_its_selected_records(dataset):
    sections = {s.source_id: s for s in report_sections(select(dataset, FilterState(era="post-covid")))}
    assert sections["dailynk-2018-02-28"].records.empty and "0 records" in sections["dailynk-2018-02-28"].heading
    assert len(sections["nkinsider-2025-10-27"].records) == 7
    assert "archived text" in sections["dailynk-2018-02-28"].caption


def test_reference_works_say_what_they_support(dataset):
    uses = reference_uses(dataset).set_index("source")["supports"]
    assert "position of Hyesan" in uses["GeoNames"]
    assert "event: Border closed (COVID-19)" in uses["Kyodo News"]


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
