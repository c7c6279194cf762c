"""One wording for citations, periods, positions and counts, wherever they are shown."""

from __future__ import annotations

import pytest

from border_atlas import FilterState, select
from border_atlas.loading.schema import LOAD_ORDER
from border_atlas.text.wording import (
    citation,
    count_label,
    paragraphs_text,
    period_text,
    precision_text,
    row_count,
    row_counts,
)
from border_atlas.views.tables import records_table


@pytest.mark.parametrize(("paragraphs", "short", "long"), [
    ("7", "¶ 7", "paragraph 7"),
    ("2;8", "¶ 2, 8", "paragraphs 2 and 8"),
    ("2;8;9", "¶ 2, 8, 9", "paragraphs 2, 8 and 9"),
])
def test_paragraphs_read_right_for_one_and_for_many(paragraphs, short, long):
    assert paragraphs_text(paragraphs) == short and paragraphs_text(paragraphs, long=True) == long


def test_citation_short_and_long():
    assert citation("Daily NK (English)", "2018-02-28", "7") == "Daily NK (English), 2018-02-28, ¶ 7"
    assert citation("Daily NK", None, "2;8", title="T") == "Daily NK, “T”, undated, paragraphs 2 and 8"


@pytest.mark.parametrize(("start", "end", "long", "short"), [
    (None, "2018-02", "until 2018-02", "–2018"),
    ("2018-02", None, "from 2018-02", "2018–"),
    ("2017-01", "2017-01", "2017-01", "2017"),
    ("2020-01-22", "2023-08-26", "2020-01-22 – 2023-08-26", "2020–2023"),
    (None, None, "reported 2025-10-27", "2025"),
])
def test_period_wording(start, end, long, short):
    assert period_text(start, end, "2025-10-27") == long
    assert period_text(start, end, "2025-10-27", short=True) == short


def test_positions_say_how_approximate_they_are():
    assert precision_text("point", uncertainty_m=100) == "exact point (± 0.1 km)"
    assert precision_text("centroid") == "approximate: centre of the area"
    assert precision_text("parent", parent_name="Hyesan") == "approximate: position unknown, shown at Hyesan's point"
    assert precision_text(None) == "not drawn: no position"


def test_counts():
    assert (count_label(0), count_label(1), count_label(21)) == ("0 records", "1 record", "21 records")
    assert count_label(100_000) == "100,000 records"
    assert (count_label(1, "file"), count_label(7, "file"), count_label(2, "more row")) == ("1 file", "7 files",
                                                                                            "2 more rows")


@pytest.mark.parametrize(("table", "one", "two"), [
    ("sources", "1 source", "2 sources"), ("places", "1 place", "2 places"),
    ("organisations", "1 organisation", "2 organisations"), ("eras", "1 era", "2 eras"),
    ("events", "1 event", "2 events"), ("figures", "1 figure", "2 figures"),
    ("assignments", "1 record", "2 records"),  # an assignment is a record wherever the atlas counts them
    ("reports", "1 report text", "2 report texts"), ("reviews", "1 review", "2 reviews"),
])
def test_a_count_of_rows_names_them_in_the_singular_or_the_plural(table, one, two):
    assert (row_count(table, 1), row_count(table, 2)) == (one, two)


def test_every_data_table_has_its_nouns():
    assert all(not row_count(table, 1).endswith(table) for table in LOAD_ORDER)


def test_rows_per_table_in_words():
    counts = {"sources": 1, "places": 0, "organisations": 2, "assignments": 1}
    assert row_counts(counts) == "1 source, 2 organisations, 1 record"
    assert row_counts({"places": 0}, empty="nothing") == "nothing"


def test_the_records_table_uses_the_same_wording(dataset):
    table = records_table(select(dataset, FilterState(orgs=("mss",), roles=("leadership",))).record_list)
    assert table[["When", "Source", "Grade"]].values.tolist() == [["2017-01", "Daily NK (English), 2018-02-28, ¶ 7",
                                                                   "C2"]]
