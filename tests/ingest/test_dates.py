"""Dates in text: the reports' own dates resolve to what the dataset records, and the forms analysts meet."""

from __future__ import annotations

import pytest

from border_atlas.ingest import find_dates

from .tables import REPORT_IDS, table

# Every date expression in the two reports, by paragraph (read from the texts).
REPORT_DATES = {
    "dailynk-2018-02-28": {(2, "recently"), (2, "February 28"), (3, "recently"), (4, "2016"), (8, "Until recently"),
                           (11, "Since the end of the 1970s")},
    "nkinsider-2025-10-27": {(3, "recent years"), (5, "since the COVID-19 pandemic"), (8, "before COVID-19"),
                             (16, "October 28, 2025"), (17, "October 27, 2025"), (18, "August 20, 2025")},
}


def row(name: str, key: str) -> dict[str, str]:
    return next(r for r in table(name) if r["id"] == key)


def dates_of(reports, sources, events, source_id):
    report_date = sources[source_id]["published"]
    return {(n, d.text): d for n, text in enumerate(reports[source_id].paragraphs, start=1)
            for d in find_dates(text, report_date=report_date, events=events)}


@pytest.mark.parametrize("source_id", REPORT_IDS)
def test_every_date_in_the_reports_is_found_and_nothing_else(reports, sources, events, source_id):
    assert set(dates_of(reports, sources, events, source_id)) == REPORT_DATES[source_id]


def test_the_first_reports_dates_resolve_to_what_its_records_say(reports, sources, events):
    found = dates_of(reports, sources, events, "dailynk-2018-02-28")
    assert found[(2, "February 28")].value == sources["dailynk-2018-02-28"]["published"]
    # "Recently" gives no date: the records leave the bound empty and are known by the report date.
    for key, record, bound in [((2, "recently"), "pairing-2018-hyetan", "start"),
                               ((8, "Until recently"), "crackdown-25bde-hyesan", "end")]:
        assert found[key].value is None and row("assignments", record)[bound] == ""
        assert found[key].latest == row("assignments", record)["reported"]
    assert found[(4, "2016")].value == row("events", "unscr-2321")["date"][:4]
    assert [key for key, d in found.items() if d.derived] == [(2, "recently"), (2, "February 28"), (3, "recently"),
                                                               (8, "Until recently")]
    decade = found[(11, "Since the end of the 1970s")]
    assert (decade.value, decade.precision, decade.earliest, decade.latest) == (None, "decade", "1977", "2018-02-28")


def test_the_second_reports_covid_dates_resolve_to_the_border_closure_and_the_eras(reports, sources, events):
    found = dates_of(reports, sources, events, "nkinsider-2025-10-27")
    since = found[(5, "since the COVID-19 pandemic")]
    assert since.value == since.earliest == row("assignments", "mss-border-control-covid")["start"]
    assert since.latest == sources["nkinsider-2025-10-27"]["published"]
    assert "events table" in since.how
    before = found[(8, "before COVID-19")]
    assert (before.earliest, before.latest) == (None, row("eras", "pre-covid")["end"])
    assert (before.qualifier, before.value) == ("before", row("eras", "post-covid")["start"])


def test_covid_dates_are_unresolved_without_an_events_table():
    (mention,) = find_dates("Prices rose since COVID-19.", report_date="2025-10-27")
    assert mention.value is None and mention.how.startswith("unresolved")


@pytest.mark.parametrize(
    ("text", "found", "value", "precision", "qualifier", "earliest", "latest"),
    [
        ("on February 28, 2018,", "February 28, 2018", "2018-02-28", "day", None, "2018-02-28", "2018-02-28"),
        ("on 28 Feb 2018 at", "28 Feb 2018", "2018-02-28", "day", None, "2018-02-28", "2018-02-28"),
        ("dated 2018-02-28.", "2018-02-28", "2018-02-28", "day", None, "2018-02-28", "2018-02-28"),
        ("in February 2018", "February 2018", "2018-02", "month", None, "2018-02", "2018-02"),
        ("in mid-June prices fell", "mid-June", "2025-06", "month", "mid", "2025-06-11", "2025-06-20"),
        ("in June the border", "June", "2025-06", "month", None, "2025-06", "2025-06"),
        ("in November the border", "November", "2024-11", "month", None, "2024-11", "2024-11"),
        ("in 2018 the order", "2018", "2018", "year", None, "2018", "2018"),
        ("since 2020 the MSS", "since 2020", "2020", "year", "since", "2020", "2025-10-27"),
        ("by mid-June prices fell", "by mid-June", "2025-06", "month", "by mid", None, "2025-06-20"),
        ("until 2019, guards", "until 2019", "2019", "year", "until", None, "2019"),
        ("in late 2024 a", "late 2024", "2024", "year", "late", "2024-09", "2024-12"),
        ("last year the", "last year", "2024", "year", None, "2024", "2024"),
        ("late last year the", "late last year", "2024", "year", "late", "2024-09", "2024-12"),
        ("earlier this year the", "earlier this year", "2025", "year", "earlier", "2025", "2025-10-27"),
        ("this month the", "this month", "2025-10", "month", None, "2025-10", "2025-10"),
        ("last month the", "last month", "2025-09", "month", None, "2025-09", "2025-09"),
        ("two years ago the", "two years ago", "2023", "year", None, "2023", "2023"),
        ("cadres recently toured", "recently", None, None, "recently", None, "2025-10-27"),
        ("between 2018-2020 the", "2018-2020", None, "year", "range", "2018", "2020"),
        ("in the late 1990s", "late 1990s", None, "decade", "late", "1997", "1999"),
    ],
)
def test_date_forms_resolved_against_the_report_date(text, found, value, precision, qualifier, earliest, latest):
    (mention,) = find_dates(text, report_date="2025-10-27")
    assert mention.text == found and text[mention.start:mention.end] == found
    assert (mention.value, mention.precision, mention.qualifier) == (value, precision, qualifier)
    assert (mention.earliest, mention.latest) == (earliest, latest)


def test_year_ranges_written_with_words_give_both_years():
    found = find_dates("from 2018 to 2020 and between 2016 and 2017", report_date="2025-10-27")
    assert [(d.text, d.value) for d in found] == [("from 2018", "2018"), ("2020", "2020"), ("2016", "2016"),
                                                  ("2017", "2017")]


def test_relative_dates_say_what_they_were_resolved_against():
    (mention,) = find_dates("late last year", report_date="2025-10-27")
    assert mention.derived and mention.how == "relative to the report date 2025-10-27"
    (unresolved,) = find_dates("late last year")
    assert unresolved.value is None and unresolved.how == "unresolved: the report date is not known"


@pytest.mark.parametrize("text", ["Resolution 2321 was adopted", "it cost 2000 yuan", "1,2018 items",
                                  "May they prosper", "90 percent of trade", "the 5th nuclear test",
                                  "Office 39 and 7.27", "a march in Hyesan",
                                  "a total of 2000 soldiers and 1999 guards"])
def test_numbers_and_words_that_are_not_dates(text):
    assert find_dates(text, report_date="2025-10-27") == []


@pytest.mark.parametrize(("report_date", "text", "value", "how"), [
    ("2020-07", "on July 7", "2020-07-07", "year taken from the report date 2020-07"),
    ("2020-07", "on July 31", "2020-07-31", "year taken from the report date 2020-07"),
    ("2020-07", "on 2 July", "2020-07-02", "year taken from the report date 2020-07"),
    ("2020-07", "on August 1", "2019-08-01",
     "the year before the report date 2020-07: August 1 2020 would be after it"),
    ("2020", "on December 30", "2020-12-30", "year taken from the report date 2020"),
    ("2018-02-28", "on March 1", "2017-03-01",
     "the year before the report date 2018-02-28: March 1 2018 would be after it"),
])
def test_a_day_without_a_year_is_in_the_report_year_unless_it_falls_after_the_reports_last_day(
        report_date, text, value, how):
    (mention,) = find_dates(text, report_date=report_date)
    assert (mention.value, mention.how) == (value, how)
