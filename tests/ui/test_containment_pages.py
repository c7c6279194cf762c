"""Place = Kangan after COVID-19, under AppTest: the dashboard and the Before and after page show the
province-level MSS records, marked as about the area that contains Kangan."""

from __future__ import annotations

from apptest_helpers import map_args, plain, record_count, run_page

from border_atlas.filters.catalog import BY_FIELD

KANGAN_AFTER = {"place": "kangan", "era": "post-covid"}
CAPTION = "0 records at Kangan; 5 about Ryanggang Province, which contains it"


def test_the_link_parameters_are_the_catalogs():
    assert BY_FIELD["places"].url.keys == ("place",)
    assert BY_FIELD["era"].url.keys == ("era",)
    assert BY_FIELD["containing"].url.keys == ("containing",)


def test_dashboard_shows_the_province_records_for_kangan_after_covid():
    at = run_page("dashboard.py", query=KANGAN_AFTER)
    assert not at.exception
    assert record_count(at) == 5
    assert f"**{CAPTION}**" in plain(at.markdown[0].value)
    assert at.sidebar.checkbox(key="filter_containing").value is True
    layers = map_args(at)["feature_group"]
    assert "ba-marker ba-ryanggang" in layers
    assert "about all of Ryanggang Province" in layers and "Ministry of State Security" in layers
    table = next(df.value for df in at.dataframe if "Place" in df.value.columns)
    assert set(table["Place"]) == {"Ryanggang Province (about all of it)"}


def test_the_switch_turns_it_off_and_goes_into_the_link():
    at = run_page("dashboard.py", query=KANGAN_AFTER)
    at.sidebar.checkbox(key="filter_containing").uncheck().run()
    assert not at.exception
    assert record_count(at) == 0
    assert at.query_params["containing"] in ("0", ["0"])
    reopened = run_page("dashboard.py", query={**KANGAN_AFTER, "containing": "0"})
    assert reopened.sidebar.checkbox(key="filter_containing").value is False
    assert record_count(reopened) == 0


def test_before_and_after_lists_who_controlled_what_under_each_map():
    at = run_page("pages/1_Before_and_after.py", query=KANGAN_AFTER)
    assert not at.exception
    frame = next(el for el in at.main if type(el.proto).__name__ == "IFrame").proto.srcdoc
    assert "ba-ryanggang" in frame and "about all of Ryanggang Province" in frame
    assert "Sealed the border with COVID-19" in frame  # the post-COVID map's MSS record
    texts = [plain(m.value) for m in at.markdown]
    heads = [t for t in texts if t.startswith("**Who controlled what")]
    assert heads == ["**Who controlled what: Pre-COVID (until 2020-01-21)** · 3 records at Kangan; 2 about Hyesan "
                     "and 1 about Ryanggang Province, which contain it",
                     f"**Who controlled what: Post-COVID (MSS control) (2020-01-22 to now)** · {CAPTION}"]
    after = texts[texts.index(heads[1]) + 1]
    assert after.startswith("- **Ministry of State Security** (4 records): Ryanggang Province (all of it, "
                            "containing Kangan: 4 records)")
    assert "*NK Insider, 2025-10-27, ¶ 3, 4, 5, 7*" in after
    before = texts[texts.index(heads[0]) + 1]
    assert "**Border units in Kangan** (1 record): Kangan (1 record)" in before


def test_before_and_after_unfiltered_names_the_mss_after_covid():
    at = run_page("pages/1_Before_and_after.py")
    assert not at.exception
    texts = [plain(m.value) for m in at.markdown]
    after = texts[texts.index(next(t for t in texts if t.startswith("**Who controlled what: Post-COVID"))) + 1]
    assert after.startswith("- **Ministry of State Security** (4 records): Ryanggang Province (whole area: 4 records)")
    assert "**MSS local security offices** (3 records)" in after
