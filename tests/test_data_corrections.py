"""The data claims no more than its sources say: each correction read from data/ as a user would get it."""

from __future__ import annotations

import pandas as pd
import pytest

from border_atlas import FilterState, select
from border_atlas.views.timeline import boundaries, timeline_rows

RECENTLY = [*(f"crackdown-{unit}-{place}" for unit in ("25bde", "10corps")
              for place in ("hyesan", "yonbong", "kangan", "samsu")),
            "pairing-2018-hyetan", "pairing-2018-kangan", "pairing-2018-samsu", "mss-order-2018"]


@pytest.fixture(scope="module")
def records(dataset):
    return dataset.assignments.set_index("id")


@pytest.mark.parametrize("record", RECENTLY)
def test_recently_is_known_only_by_the_report_date(dataset, records, record):
    # The report says "recently" or "until recently": no month, so no start or end is claimed.
    row = records.loc[record]
    assert pd.isna(row["start"]) and pd.isna(row["end"])
    assert row["reported"] == "2018-02-28"
    assert (row["known_from"], row["known_to"]) == (pd.Timestamp("2018-02-28"), pd.Timestamp("2018-02-28"))
    assert "recent" in row["note"]
    shown = timeline_rows(select(dataset, FilterState())).set_index("id").loc[record]
    assert shown["is_point"] and shown["precision"] == "report date only"
    assert shown["when"] == "reported 2018-02-28"


def test_recently_stays_in_the_era_before_covid(dataset):
    pre = set(select(dataset, FilterState(era="pre-covid")).records["id"])
    assert set(RECENTLY) <= pre


def test_currency_earning_cites_the_pandemic_paragraph_and_claims_no_start(records):
    row = records.loc["mss-currency-covid"]
    assert row["paragraphs"].split(";") == ["3", "5", "7"]  # 5: the grip tightened since the pandemic
    assert pd.isna(row["start"]) and pd.isna(row["date_source_id"])
    assert row["known_from"] == row["known_to"] == pd.Timestamp("2025-10-27")


def test_events_are_labelled_as_their_sources_say(dataset):
    events = dataset.events.set_index("id")
    sources = dataset.sources.set_index("id")
    closed, reopened = events.loc["border-closed"], events.loc["border-reopened"]
    assert "foreign tourists" in closed["label"] and "foreign tourists" in sources.loc[closed["source_id"], "title"]
    assert "Citizens abroad" in reopened["label"] and "reopening" not in reopened["label"].lower()
    assert "Citizens abroad" in sources.loc[reopened["source_id"], "title"]
    labels = " ".join(boundaries(dataset)["label"])
    assert "Closed to foreign tourists (COVID-19)" in labels and "Official reopening" not in labels


def test_the_era_boundary_says_what_its_date_marks(dataset):
    eras = dataset.eras.set_index("id")
    assert eras.loc["post-covid", "start"] == "2020-01-22"
    assert "foreign tourists" in eras.loc["post-covid", "description"]
    assert "foreign tourists" in eras.loc["pre-covid", "description"]


def test_the_dismissals_place_is_marked_as_an_inference(records):
    row = records.loc["mss-minister-dismissed"]
    assert row["place_id"] == "pyongyang" and "inference" in row["note"]
