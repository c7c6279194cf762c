"""Arbitrary text and bytes: the recognisers never fail, their spans are real, uploads fail only cleanly."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from border_atlas.ingest import (
    IngestError,
    OrganisationIndex,
    find_amounts,
    find_dates,
    propose_organisations,
    propose_places,
    read_report,
    recognise,
    render_highlights,
    report_from_text,
)

from .tables import table

VOCABULARY = ["in", "In", "the", "of", "and", ",", ".", "-", "–", "to", "since", "before", "late", "mid-", "early",
              "last", "this", "year", "month", "recently", "COVID-19", "pandemic", "June", "May", "February", "28",
              "2018", "1970s", "2018-02-28", "$", "USD", "yuan", "won", "8,000", "1.5", "million", "Province",
              "provinces", "like", "County", "-dong", "Hyesan", "North", "Hamgyong", "Ryanggang", "Kim", "MSS", "’s",
              "Ministry", "State", "Security", "Office", "39", "Company", "Mirim", "Shipping", "<script>", "&", "\n",
              "é", "련봉", "\u0000", "\u2028", "'", '"', "`", "${x}", "Ryŏnbong", "1-dong", "Bureau", "Forces"]
TEXT = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(VOCABULARY), max_size=60).map(" ".join),
                 st.lists(st.sampled_from(VOCABULARY), max_size=60).map("".join))
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
INDEX = OrganisationIndex.from_rows(table("organisations"))


def assert_spans(text: str, mentions) -> None:
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text


@FUZZ
@given(TEXT, st.sampled_from([None, "2025-10-27", "2018-02", "2018"]))
def test_dates_never_fail_and_their_values_are_partial_dates(text, report_date):
    mentions = find_dates(text, report_date=report_date, events=table("events"))
    assert_spans(text, mentions)
    for mention in mentions:
        for value in (mention.value, mention.earliest, mention.latest):
            assert value is None or len(value) in (4, 7, 10)


@FUZZ
@given(TEXT)
def test_amounts_organisations_and_places_never_fail(text):
    amounts = find_amounts(text)
    assert_spans(text, amounts)
    assert all(a.minimum <= a.maximum for a in amounts)
    known = INDEX.find(text)
    assert_spans(text, known)
    assert_spans(text, propose_organisations(text, known=known))
    assert_spans(text, propose_places(text, is_organisation=INDEX.is_known_name))


@FUZZ
@given(st.lists(TEXT, min_size=2, max_size=5))
def test_highlighted_html_always_holds_exactly_the_report_text(lines):
    try:
        report = report_from_text("\n".join(lines))
    except IngestError:
        return
    found = recognise(report, organisations=INDEX, report_date="2025-10-27")
    tree = lxml.html.fragment_fromstring(render_highlights(found))
    assert {element.tag for element in tree.iter()} <= {"article", "h3", "p", "span", "mark"}
    assert [p.text_content() for p in tree.iter("p")] == [f"{p.number} {p.text}" for p in found.paragraphs]


@pytest.mark.parametrize("suffix", [".txt", ".html", ".pdf", ".docx"])
@FUZZ
@given(data=st.one_of(st.binary(max_size=2000), TEXT.map(lambda t: t.encode("utf-8", errors="replace"))))
def test_any_upload_gives_a_report_or_an_ingest_error(suffix, data):
    try:
        report = read_report(b"%PDF-1.4\n" + data if suffix == ".pdf" else data, filename=f"upload{suffix}")
    except IngestError as exc:
        assert f"upload{suffix}" in str(exc) or "upload" in str(exc)
        return
    assert report.title and report.paragraphs
    assert all(line == line.strip() and line and "\n" not in line for line in report.paragraphs)
