"""A chosen place brings the records about the areas that contain it, marked and counted apart."""

from __future__ import annotations

import json

import pandas as pd
from helpers import with_values

from border_atlas import FilterState, select
from border_atlas.exports.csv_export import records_csv
from border_atlas.exports.geojson_export import records_geojson
from border_atlas.exports.registry import slide_texts
from border_atlas.filters.caption import count_text, describe
from border_atlas.filters.link import BriefingText, Link
from border_atlas.loading.hierarchy import containing_areas
from border_atlas.mapview.assembler import assemble_map
from border_atlas.views.briefing import briefing_document
from border_atlas.views.comparison import comparison_document, era_selections, era_summary
from border_atlas.views.control_summary import control_markdown, control_summary
from border_atlas.views.tables import records_page

KANGAN_AFTER = FilterState(places=("kangan",), era="post-covid")
EVIL = "<img src=x onerror=alert(1)>`${alert(2)}` **bold** [x](http://evil.example)"


def data_rows(dataset, *, place_id: str, since: str | None = None, until: str | None = None) -> pd.DataFrame:
    """The assignments at one place whose known period meets [since, until], read straight from the table."""
    rows = dataset.assignments[dataset.assignments["place_id"] == place_id]
    if since:
        rows = rows[rows["known_to"] >= pd.Timestamp(since)]
    if until:
        rows = rows[rows["known_from"] <= pd.Timestamp(until)]
    return rows


def test_the_areas_containing_a_place_are_its_ancestors_not_chosen(dataset):
    assert containing_areas(["kangan"], dataset.places) == {"hyesan": ["kangan"], "ryanggang": ["kangan"]}
    assert containing_areas(["hyesan", "kangan"], dataset.places) == {"ryanggang": ["hyesan", "kangan"]}
    assert containing_areas(["ryanggang"], dataset.places) == {}


def test_kangan_after_covid_brings_the_province_records_marked_as_about_it(dataset):
    province = data_rows(dataset, place_id="ryanggang", since="2020-01-22")
    assert len(province) == 5 and data_rows(dataset, place_id="kangan", since="2020-01-22").empty
    selection = select(dataset, KANGAN_AFTER)
    assert set(selection.records["id"]) == set(province["id"])
    assert selection.records["about_containing_area"].tolist() == [True] * 5
    assert selection.column("about_containing_area").tolist() == [True] * 5
    assert all(r.about_containing_area for r in selection.record_list)
    assert selection.places.set_index("id").loc["ryanggang", "contains"] == "Kangan"
    # Switched off, the place filter is what it was: nothing at Kangan after COVID-19.
    assert select(dataset, KANGAN_AFTER.with_(containing=False)).count == 0


def test_records_at_the_place_itself_are_not_marked(dataset):
    selection = select(dataset, FilterState(places=("kangan",), era="pre-covid"))
    marked = dict(zip(selection.records["id"], selection.records["about_containing_area"]))
    at_kangan = set(data_rows(dataset, place_id="kangan", until="2020-01-21")["id"])
    assert {i for i, about in marked.items() if not about} == at_kangan
    about = set(data_rows(dataset, place_id="hyesan", until="2020-01-21")["id"]) | set(
        data_rows(dataset, place_id="ryanggang", until="2020-01-21")["id"])
    assert {i for i, is_about in marked.items() if is_about} == about
    # Records at places inside the chosen one are the place's own, never "about a containing area".
    inside = select(dataset, FilterState(places=("hyesan",)))
    flags = inside.records.groupby("place_id")["about_containing_area"].all()
    assert flags.to_dict() == {p: p == "ryanggang" for p in flags.index}


def test_no_place_chosen_marks_nothing(dataset):
    selection = select(dataset, FilterState(era="post-covid"))
    assert not selection.records["about_containing_area"].any() and selection.containing == {}
    assert count_text(selection) == "7 records"


def test_the_caption_counts_them_apart(dataset):
    assert count_text(select(dataset, KANGAN_AFTER)) == \
        "0 records at Kangan; 5 about Ryanggang Province, which contains it"
    assert count_text(select(dataset, FilterState(places=("kangan",), era="pre-covid"))) == \
        "3 records at Kangan; 2 about Hyesan and 1 about Ryanggang Province, which contain it"
    assert count_text(select(dataset, KANGAN_AFTER.with_(containing=False))) == "0 records"
    assert "Places: Kangan (with places inside and the areas containing them)" in describe(KANGAN_AFTER, dataset)
    assert "Places: Kangan (with places inside) " in describe(KANGAN_AFTER.with_(containing=False), dataset)


def test_the_switch_travels_in_the_link(dataset):
    link = Link.from_query_params({"place": ["kangan"], "era": ["post-covid"], "containing": ["0"]}, dataset)
    assert link.filters == KANGAN_AFTER.with_(containing=False)
    assert link.to_query_params()["containing"] == "0"
    assert "containing" not in Link(filters=KANGAN_AFTER).to_query_params()  # on is the default
    assert Link.from_query_params({"place": ["kangan"]}, dataset).filters.containing is True


def test_the_map_marks_the_province_in_label_and_popup(dataset):
    html = assemble_map(select(dataset, KANGAN_AFTER)).get_root().render()
    assert "ba-marker ba-ryanggang" in html
    # The label (in the marker's HTML, a JSON string) and each record of the popup.
    assert '\\u003cdiv class=\\"ba-chip ba-area\\"\\u003eabout all of Ryanggang Province\\u003c' in html
    assert "About all of Ryanggang Province, which contains Kangan: its records apply there too." in html
    assert html.count('<div class="area">about all of Ryanggang Province</div>') == 5
    assert "Ministry of State Security" in html
    unmarked = assemble_map(select(dataset, FilterState(era="post-covid"))).get_root().render()
    assert "about all of" not in unmarked


def test_the_marks_are_escaped(dataset):
    hostile = with_values(dataset, "places", "ryanggang", name=EVIL)
    html = assemble_map(select(hostile, KANGAN_AFTER)).get_root().render()
    assert "about all of &lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x" not in html and "`${" not in html


def test_table_and_exports_say_so(dataset):
    selection = select(dataset, KANGAN_AFTER)
    assert set(records_page(selection).table["Place"]) == {"Ryanggang Province (about all of it)"}
    csv_text = records_csv(selection).decode("utf-8-sig").splitlines()
    header = csv_text[0].split(",")
    column = header.index("about_containing_area")
    assert {line.split(",")[column] for line in csv_text[1:]} == {"True"}
    features = json.loads(records_geojson(selection))["features"]
    assert [f["properties"]["about_containing_area"] for f in features] == [True] * 5
    own = select(dataset, FilterState(places=("kangan",), era="pre-covid", containing=False))
    assert {f["properties"]["about_containing_area"] for f in json.loads(records_geojson(own))["features"]} == {False}


def test_the_briefing_and_the_slide_count_them_apart(dataset):
    selection = select(dataset, KANGAN_AFTER)
    words = "0 records at Kangan; 5 about Ryanggang Province, which contains it"
    assert words in briefing_document(selection, BriefingText())
    assert slide_texts(selection, BriefingText())["count_text"] == words


def test_who_controlled_what_after_covid_is_the_mss_in_ryanggang(dataset):
    after = control_summary(select(dataset, FilterState(era="post-covid")))
    mss = next(item for item in after if item.org_id == "mss")
    rows = data_rows(dataset, place_id="ryanggang", since="2020-01-22")
    mine = rows[rows["org_id"] == "mss"]
    assert mss.organisation == "Ministry of State Security" and mss.count == len(mine) == 4
    assert mss.places_text == "Ryanggang Province (whole area: 4 records)"
    paragraphs = sorted({int(p) for cell in mine["paragraphs"] for p in cell.split(";")})
    assert paragraphs == [3, 4, 5, 7]
    assert mss.citations == ["NK Insider, 2025-10-27, ¶ " + ", ".join(map(str, paragraphs))]
    assert after[0] is mss  # most records first
    assert sum(item.count for item in after) == 7


def test_who_controlled_what_before_covid_names_units_places_and_counts(dataset):
    before = control_summary(select(dataset, FilterState(era="pre-covid")))
    brigade = next(item for item in before if item.org_id == "brigade-25")
    assert brigade.places_text == ("Hyesan (1 record); Kangan (1 record); Samsu County (whole area: 1 record); "
                                   "Yonbong (1 record)")
    assert brigade.citations == ["Daily NK (English), 2018-02-28, ¶ 8"]
    assert "mss" in {item.org_id for item in before}
    assert sum(item.count for item in before) == 14


def test_who_controlled_what_for_kangan_names_the_containing_area(dataset):
    [mss, local] = control_summary(select(dataset, KANGAN_AFTER))
    assert mss.places_text == "Ryanggang Province (all of it, containing Kangan: 4 records)"
    assert local.organisation == "MSS local security offices"
    assert control_markdown([]) == "No record under these filters in this era\\."


def test_who_controlled_what_is_escaped_markdown(dataset):
    hostile = with_values(dataset, "organisations", "mss", name=EVIL)
    text = control_markdown(control_summary(select(hostile, FilterState(era="post-covid"))))
    assert "**bold**" not in text and "[x](http" not in text and "\\*\\*bold\\*\\*" in text


def test_the_comparison_document_lists_who_controlled_what_under_each_map(dataset):
    selection = select(dataset, KANGAN_AFTER)
    html = comparison_document(selection)
    assert html.count("<h2>Who controlled what</h2>") == 2
    assert "Ryanggang Province (all of it, containing Kangan: 4 records)" in html
    assert "0 records at Kangan; 5 about Ryanggang Province, which contains it" in html
    assert "Who controlled what" not in comparison_document(selection, control=False)
    before, after = (era_summary(s) for s in era_selections(selection))
    assert before.title.startswith("Pre-COVID") and after.control[0].organisation == "Ministry of State Security"
    hostile = with_values(dataset, "organisations", "mss", name=EVIL)
    assert "<img src=x" not in comparison_document(select(hostile, KANGAN_AFTER))
