"""The sidebar under AppTest: every option of the categorical filters carries the records it would
select from what the other filters keep; an option with none is greyed and kept, even when chosen."""

from __future__ import annotations

from apptest_helpers import plain, record_count, run_page
from helpers import with_values

from border_atlas import load_dataset
from border_atlas.filters import BY_FIELD, FilterState
from border_atlas.text.escaping import escape_markdown
from border_atlas.ui import widgets

MSS = "Ministry of State Security — security agency"
OFFICE_39 = "Office 39 — party office"
KANGAN = "    └ Kangan"


def test_after_covid_the_mss_has_its_seven_records_and_office_39_none():
    at = run_page("dashboard.py", query={"era": "post-covid"})
    assert not at.exception
    orgs = at.sidebar.multiselect(key="filter_orgs").options
    assert f"{MSS} (7)" in orgs and "MSS local security offices — security agency (3)" in orgs
    assert f"{OFFICE_39} (0)" in orgs  # shown, not hidden
    assert len(orgs) == len(load_dataset().organisations)
    places = at.sidebar.multiselect(key="filter_places").options
    # Nothing at Kangan after COVID-19; the 5 records about Ryanggang Province, which contains it.
    assert f"{KANGAN} (0 + 5 about its areas)" in places and "Ryanggang Province (5)" in places
    assert "Pyongyang (0)" in places
    assert "border control (3)" in at.sidebar.multiselect(key="filter_roles").options
    assert at.sidebar.multiselect(key="filter_sources").options == ["Daily NK (English), 2018-02-28 (0)",
                                                                     "NK Insider, 2025-10-27 (7)"]
    # The era's own counts ignore the era chosen: 14 before, 7 after, 21 in all.
    assert [plain(o) for o in at.sidebar.radio(key="filter_era").options] == [
        "All (21)", "Pre-COVID (until 2020-01-21) (14)", "Post-COVID (MSS control) (2020-01-22 to now) (7)"]
    captions = [caption.value for caption in at.sidebar.caption]
    assert "Records — A: 0 · B: 0 · C: 7 · D: 0 · E: 0 · F: 0" in captions
    assert "Records — 1: 0 · 2: 0 · 3: 7 · 4: 0 · 5: 0 · 6: 0" in captions  # the dismissal (C2) was in 2018


def test_a_chosen_option_with_no_record_stays_chosen_and_greyed_and_the_link_keeps_it():
    at = run_page("dashboard.py", query={"era": "post-covid", "org": "office-39"})
    assert not at.exception
    assert record_count(at) == 0
    orgs = at.sidebar.multiselect(key="filter_orgs")
    assert orgs.value == ["office-39"] and f"{OFFICE_39} (0)" in orgs.options
    assert at.query_params["org"] in ("office-39", ["office-39"])
    era = at.sidebar.radio(key="filter_era").options
    assert era[2].startswith(":gray[") and plain(era[2]).endswith("(0)]")  # no Office 39 record after COVID-19
    assert not era[1].startswith(":gray[") and plain(era[1]).endswith("(4)")


def test_the_counts_follow_a_change_of_the_other_filters():
    at = run_page("dashboard.py", query={"era": "post-covid", "place": "kangan"})
    at.sidebar.radio(key="filter_era").set_value("pre-covid").run()
    assert not at.exception
    # Before COVID-19: the pairing at Kangan (ordered by the MSS, with Office 39's company 7.27) and the
    # MSS's order to Office 39 about Ryanggang Province, which contains Kangan.
    orgs = at.sidebar.multiselect(key="filter_orgs").options
    assert f"{MSS} (2)" in orgs and f"{OFFICE_39} (2)" in orgs
    assert f"{KANGAN} (3 + 3 about its areas)" in at.sidebar.multiselect(key="filter_places").options
    at.sidebar.checkbox(key="filter_containing").uncheck().run()
    assert f"{KANGAN} (3)" in at.sidebar.multiselect(key="filter_places").options
    assert at.sidebar.multiselect(key="filter_places").value == ["kangan"]


def test_a_label_from_the_data_stays_plain_text_with_its_count():
    dataset = load_dataset()
    hostile = "Post-COVID] **bold** [x](http://evil.example) :red[y"
    dataset = with_values(dataset, "eras", "post-covid", name=hostile)
    reported_2018 = dataset.assignments[dataset.assignments["source_id"] == "dailynk-2018-02-28"]
    facet = BY_FIELD["era"].facet(reported_2018, None, dataset, FilterState())  # none after COVID-19
    label = widgets._labeller(BY_FIELD["era"], dataset, markdown=True, facet=facet)
    shown = label("post-covid")
    assert shown == f":gray[{escape_markdown(hostile + ' (2020-01-22 to now) (0)')}]"
    assert "\\]" in shown and "](http" not in shown


def test_the_grey_style_names_its_widget_and_option_positions_only():
    dataset = load_dataset()
    spec = BY_FIELD["places"]
    facet = spec.facet(dataset.assignments, (), dataset, FilterState(containing=False))
    style = widgets.zero_option_style(spec, spec.widget.options(dataset), facet)
    zero = [i for i, option in enumerate(spec.widget.options(dataset)) if facet.count(option)[0] == 0]
    assert zero and all(f'[data-key="{i}"]' in style for i in zero)
    assert 'input[aria-label="Place"]' in style and "<" not in style
    assert widgets._css_text('Pl"ace</style>') == "Pl\\22 ace\\3c \\2f style\\3e "
