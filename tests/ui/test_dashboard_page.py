"""The map page under AppTest: it runs, every filter changes the count as the data says, URLs restore."""

from __future__ import annotations

import re

import pytest
from apptest_helpers import map_args, plain, record_count, run_page
from helpers import read_rows, write_rows

from bench.synthetic import write_archive
from border_atlas import load_dataset

TOTAL = 21


@pytest.fixture
def at():
    return run_page()


def marker_ids(at) -> set[str]:
    return set(re.findall(r"ba-marker ba-([a-z0-9-]+)", map_args(at)["feature_group"]))


def test_page_runs_on_the_bundled_dataset(at):
    assert not at.exception
    assert record_count(at) == TOTAL
    assert at.title[0].value.startswith("Border Atlas")
    assert marker_ids(at) >= {"hyesan", "kangan", "yonbong", "hyetan", "samsu", "ryanggang"}
    args = map_args(at)
    assert args["returned_objects"] == []  # panning and zooming never rerun the script
    links = args["js_links"] + args["css_links"]
    assert all(link.startswith(("../border_atlas.ui.offline.assets/", "../border_atlas.ui.offline.generated/"))
               for link in links)
    # The basemap's lines are a file the browser loads once, not part of what each rerun sends.
    assert "../border_atlas.ui.offline.generated/basemap.js" in args["js_links"]
    assert "42.90666" not in args["script"] and "window.BA_BASEMAP" in args["script"]


@pytest.mark.parametrize(("key", "value", "expected", "caption"), [
    ("filter_orgs", ["office-39"], 4, None),
    ("filter_orgs", ["mss"], 12, None),
    # A place brings the 6 records about Ryanggang Province, which contains it, counted apart.
    ("filter_places", ["hyesan"], 15, "9 records at Hyesan; 6 about Ryanggang Province, which contains it"),
    ("filter_places", ["samsu"], 9, "3 records at Samsu County; 6 about Ryanggang Province, which contains it"),
    ("filter_era", "pre-covid", 14, None),
    ("filter_era", "post-covid", 7, None),
    ("filter_roles", ["crackdown"], 8, None),
    ("filter_sources", ["nkinsider-2025-10-27"], 7, None),
])
def test_each_filter_changes_the_count(at, key, value, expected, caption):
    widget = at.sidebar.multiselect(key=key) if isinstance(value, list) else at.sidebar.radio(key=key)
    widget.set_value(value).run()
    assert not at.exception
    assert record_count(at) == expected
    assert f"**{caption or f'{expected} records'}**" in plain(at.markdown[0].value)


def test_exact_organisation_and_grade_and_dates(at):
    at.sidebar.multiselect(key="filter_orgs").set_value(["office-39"]).run()
    at.sidebar.checkbox(key="filter_exact_orgs").check().run()
    assert record_count(at) == 1
    at.sidebar.multiselect(key="filter_orgs").set_value([]).run()
    at.sidebar.select_slider(key="filter_grades_credibility").set_range(1, 2).run()
    assert record_count(at) == 1
    at.sidebar.select_slider(key="filter_grades_credibility").set_range(3, 6).run()
    assert record_count(at) == TOTAL - 1  # "worse than C2": all but the confirmed dismissal
    at.sidebar.select_slider(key="filter_grades_credibility").set_range(1, 6).run()
    at.sidebar.text_input(key="filter_dates_from").input("2022").run()
    at.sidebar.text_input(key="filter_dates_to").input("2022").run()  # a year is the whole year
    assert record_count(at) == 1  # the MSS's border control; its currency earning has no start
    assert at.query_params["from"] in ("2022-01-01", ["2022-01-01"]) and at.query_params["to"] in ("2022-12-31",
                                                                                                     ["2022-12-31"])


def test_dates_that_cannot_be_read_are_named_not_applied(at):
    at.sidebar.text_input(key="filter_dates_from").input("soon").run()
    assert not at.exception and record_count(at) == TOTAL
    assert any("From “soon” is not a date" in e.value for e in at.sidebar.error)
    at.sidebar.text_input(key="filter_dates_from").input("2024").run()
    at.sidebar.text_input(key="filter_dates_to").input("2019-06").run()
    assert record_count(at) == TOTAL and any("ends before it starts" in e.value for e in at.sidebar.error)


def test_filter_change_updates_markers_and_url(at):
    at.sidebar.multiselect(key="filter_orgs").set_value(["mirim"]).run()
    assert marker_ids(at) == {"samsu"}
    assert at.query_params["org"] in ("mirim", ["mirim"])


def test_url_opens_with_its_filters():
    at = run_page(query={"org": "office-39", "era": "pre-covid"})
    assert not at.exception
    assert at.sidebar.multiselect(key="filter_orgs").value == ["office-39"]
    assert at.sidebar.radio(key="filter_era").value == "pre-covid"
    assert record_count(at) == 4
    assert marker_ids(at) == {"hyetan", "kangan", "samsu", "ryanggang"}


def test_bad_url_values_are_explained_not_fatal():
    at = run_page(query={"org": "no-such-unit", "from": "soon"})
    assert not at.exception
    assert record_count(at) == TOTAL
    assert any("no-such-unit" in plain(info.value) for info in at.info)


def test_broken_data_shows_what_is_wrong_and_the_rest(tmp_path, monkeypatch, data_copy):
    header, rows = read_rows(data_copy / "assignments.csv")
    rows[0]["reliability"] = "Z"
    write_rows(data_copy / "assignments.csv", header, rows)
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(data_copy))
    at = run_page()
    assert not at.exception
    assert record_count(at) == TOTAL - 1
    assert any("problem" in w.value for w in at.warning)
    problems = at.dataframe[0].value
    assert list(problems[["file", "row", "field"]].iloc[0]) == ["assignments.csv", 2, "reliability"]


def test_place_finder_resolves_offline_and_filters(at):
    at.sidebar.text_input(key="finder_query").input("Ryonbong").run()
    assert any("Yonbong — neighbourhood" in s.value for s in at.sidebar.success)
    at.sidebar.button(key="finder_apply").click().run()
    assert at.sidebar.multiselect(key="filter_places").value == ["yonbong"]
    assert record_count(at) == 10  # its 2 and the 8 about Hyesan and Ryanggang Province, which contain it


def test_place_finder_says_where_the_answer_is(at):
    # Province, country and coordinate show at once whether the answer is the place meant:
    # Chosan is the county seat on the Yalu, in Jagang, not a village 160 km away.
    at.sidebar.text_input(key="finder_query").input("Chosan").run()
    (answer,) = [plain(s.value) for s in at.sidebar.success]
    assert answer.startswith("Ch’osan-ŭp — populated place, Jagang Province, North Korea, 40.8325, 125.8033")
    assert "GeoNames 2044599" in answer
    at.sidebar.text_input(key="finder_query").input("Yalu").run()
    (answer,) = [plain(s.value) for s in at.sidebar.success]
    assert "Yalu — river, China and North Korea" in answer and "a point on its course" in answer


def test_place_finder_offers_a_choice_for_a_shared_name(at):
    at.sidebar.text_input(key="finder_query").input("Tongyang").run()
    assert not at.sidebar.success
    assert any("No single place is the answer for “Tongyang”" in plain(i.value) for i in at.sidebar.info)
    choices = [plain(c.value) for c in at.sidebar.caption if c.value.startswith("Tongyang")]
    assert len(choices) >= 2 and len(set(choices)) == len(choices)  # each told apart by where it is


def test_place_finder_says_no_match_without_asking_anyone(at, monkeypatch):
    import border_atlas.ui.place_finder as finder

    monkeypatch.setattr(finder, "make_online_geocoder", lambda **_: pytest.fail("went online"))
    at.sidebar.text_input(key="finder_query").input("Atlantis").run()
    assert any("No place in the dataset matches “Atlantis”" in plain(w.value) for w in at.sidebar.warning)


def test_a_large_selection_is_shown_a_page_at_a_time(tmp_path, monkeypatch):
    folder = write_archive(tmp_path, n_records=1234, n_places=40)
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(folder))
    at = run_page()
    assert not at.exception and record_count(at) == 1234
    table = at.dataframe[0].value
    assert len(table) == 500 and "Records 1–500 of 1,234, in date order." in [c.value for c in at.caption]
    printed = [h.proto.body for h in at.get("html") if h.proto.body.startswith("<table")]
    assert len(printed) == 1 and printed[0].count("<tr>") == 501  # the header and this page
    at.number_input(key="ba-records-page").set_value(3).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 234
    assert "Records 1,001–1,234 of 1,234, in date order." in [c.value for c in at.caption]
    assert at.dataframe[0].value["Place"].tolist() != table["Place"].tolist()[:234]
    quiet = load_dataset(folder).assignments["place_id"].value_counts().index[-1]
    # A filter that leaves one page: the table shows it all and no page number is asked for.
    at.sidebar.multiselect(key="filter_places").set_value([quiet]).run()
    assert not at.exception and len(at.dataframe[0].value) == record_count(at) < 500
    assert not [n for n in at.number_input if n.key == "ba-records-page"]


def test_the_app_keeps_validated_tables_for_the_next_start(tmp_path, monkeypatch, data_copy):
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(data_copy))
    monkeypatch.setenv("BORDER_ATLAS_CACHE", str(tmp_path / "cache"))
    at = run_page()
    assert not at.exception and record_count(at) == TOTAL
    [entry] = [p for p in (tmp_path / "cache").iterdir() if (p / "entry.json").is_file()]
    assert {p.name for p in entry.glob("*.parquet")} >= {"assignments.parquet", "places.parquet"}
    assert not list(data_copy.glob("*.parquet"))  # nothing written beside the analyst's files


def test_the_era_shows_all_chosen_on_first_load(at):
    # The radio once held None, which Streamlit draws as no option chosen, while the caption said "Era: all".
    era = at.sidebar.radio(key="filter_era")
    assert era.index == 0 and plain(era.options[0]) == f"All ({TOTAL})"
    assert "Era\\: all" in at.markdown[0].value
    era.set_value("post-covid").run()
    assert record_count(at) == 7
    at.sidebar.radio(key="filter_era").set_value("").run()  # the widget holds "All" as ""
    assert at.sidebar.radio(key="filter_era").index == 0 and record_count(at) == TOTAL
    assert "era" not in at.query_params
