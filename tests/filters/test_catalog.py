"""Every declared filter is complete and reaches every surface: link, selection, caption, briefing, pages."""

from __future__ import annotations

from datetime import date

import pytest
from apptest_helpers import plain, record_count, run_page

from border_atlas import select
from border_atlas.filters import FILTERS, DateRange, FilterSpec, FilterState, GradeRange
from border_atlas.filters.caption import describe
from border_atlas.filters.link import BriefingText, Link
from border_atlas.playback import Window
from border_atlas.ui import widgets
from border_atlas.views.briefing import briefing_document

# One value per filter that selects fewer records than all, the count it gives, and the words
# it must add to the caption. A new filter fails test_every_filter_has_a_sample until it has one.
SAMPLES = {
    "orgs": (("mirim",), 1, "Mirim Shipping Company (with their members)"),
    "exact_orgs": (True, 21, None),
    # Samsu County's 3 records and the 6 about Ryanggang Province, which contains it.
    "places": (("samsu",), 9, "Places: Samsu County (with places inside and the areas containing them)"),
    "containing": (False, 21, None),
    "era": ("post-covid", 7, "Era: Post-COVID (MSS control)"),
    "dates": (DateRange(date(2022, 1, 1), date(2022, 12, 31)), 1, "Dates: 2022-01-01 to 2022-12-31"),
    # The MSS's border control, known from 2020-01-22 to its report in 2025, is the one record met by 2020.
    "window": (Window("year", date(2020, 1, 1)), 1, "Window: 2020 (a year at a time)"),
    "roles": (("crackdown",), 8, "Roles: crackdown"),
    "grades": (GradeRange.at_least("C2"), 1, "Grade: C2 or better"),
    "sources": (("nkinsider-2025-10-27",), 7, "Reports: NK Insider, 2025-10-27"),
    "reviewed": (True, 21, "Reviewed records only"),  # the bundled data is all imported: all reviewed
}
PAGES = ["dashboard.py", "pages/1_Before_and_after.py", "pages/2_Timeline.py", "pages/3_Organisations.py",
         "pages/4_Sources.py"]


def test_every_filter_has_every_part_and_a_sample():
    assert [spec.field for spec in FILTERS if spec.missing_parts()] == []
    assert set(SAMPLES) == {spec.field for spec in FILTERS}
    keys = [key for spec in FILTERS for key in spec.url.keys]
    assert len(keys) == len(set(keys))


def test_a_spec_without_a_part_is_caught():
    orgs = FILTERS[0]
    broken = FilterSpec(orgs.field, orgs.default, orgs.url, orgs.apply, None, orgs.widget)
    assert broken.missing_parts() == ["describe"]


@pytest.mark.parametrize("spec", FILTERS, ids=lambda s: s.field)
def test_each_filter_selects_travels_in_links_and_reads_in_the_caption(dataset, spec):
    value, count, words = SAMPLES[spec.field]
    state = FilterState(**{spec.field: value})
    assert select(dataset, state).count == count
    link = Link(filters=state)
    params = {k: v if isinstance(v, list) else [v] for k, v in link.to_query_params().items()}
    assert set(params) <= set(spec.url.keys)
    assert Link.from_query_params(params, dataset).filters == state
    if words:
        assert words in describe(state, dataset)
        assert words in briefing_document(select(dataset, state), BriefingText())
    assert widgets.keys(spec)


@pytest.mark.parametrize("page", PAGES)
def test_the_report_filter_is_on_every_page(page):
    at = run_page(page, query={"source": "nkinsider-2025-10-27"})
    assert not at.exception
    assert at.sidebar.multiselect(key="filter_sources").value == ["nkinsider-2025-10-27"]
    assert record_count(at) == 7
    if page == "pages/1_Before_and_after.py":  # that page states its filters in its own document
        frame = next(el for el in at.main if type(el.proto).__name__ == "IFrame")
        assert "Reports: NK Insider, 2025-10-27" in frame.proto.srcdoc
    else:
        assert any("Reports: NK Insider, 2025-10-27" in plain(m.value) for m in at.markdown)
    assert at.query_params["source"] in ("nkinsider-2025-10-27", ["nkinsider-2025-10-27"])
