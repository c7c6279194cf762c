"""Amounts of money: the dataset's figures are found where they are cited, and the written forms analysts meet."""

from __future__ import annotations

import pytest

from border_atlas.ingest import find_amounts

from .tables import REPORT_IDS, cited, table


@pytest.mark.parametrize("source_id", REPORT_IDS)
def test_the_figures_are_found_in_their_cited_paragraphs_and_no_other_amount(reports, source_id):
    figures = [row for row in table("figures") if row["source_id"] == source_id]
    expected = sorted((int(row["amount_min"]), int(row["amount_max"]), row["currency"]) for row in figures)
    in_cited = sorted((a.minimum, a.maximum, a.currency) for row in figures for n in set(cited(row["paragraphs"]))
                      for a in find_amounts(reports[source_id].paragraph(n)))
    everywhere = sorted((a.minimum, a.maximum, a.currency) for text in reports[source_id].paragraphs
                        for a in find_amounts(text))
    assert sorted(set(in_cited)) == expected
    assert everywhere == expected


@pytest.mark.parametrize(
    ("text", "found", "minimum", "maximum", "currency"),
    [
        ("cost 25,000–30,000 yuan each", "25,000–30,000 yuan", 25000, 30000, "CNY"),
        ("a bribe of 8,000 to 15,000 yuan.", "8,000 to 15,000 yuan", 8000, 15000, "CNY"),
        ("paid USD 20,000 in", "USD 20,000", 20000, 20000, "USD"),
        ("from $20,000 to $30,000 per car", "$20,000 to $30,000", 20000, 30000, "USD"),
        ("20,000-30,000 dollars", "20,000-30,000 dollars", 20000, 30000, "USD"),
        ("some 1.5 million won a month", "1.5 million won", 1_500_000, 1_500_000, "KPW"),
        ("only CNY 500.", "CNY 500", 500, 500, "CNY"),
        ("about 1.5 to 2 million won", "1.5 to 2 million won", 1_500_000, 2_000_000, "KPW"),
        ("between 300 and 500 euros", "300 and 500 euros", 300, 500, "EUR"),
        ("5,000 South Korean won", "5,000 South Korean won", 5000, 5000, "KRW"),
        ("a fee of RMB 1,200,", "RMB 1,200", 1200, 1200, "CNY"),
        ("US$3m in cash", "US$3m", 3_000_000, 3_000_000, "USD"),
        ("fees of 2.5 yuan", "2.5 yuan", 2.5, 2.5, "CNY"),
    ],
)
def test_written_forms_give_minimum_maximum_and_iso_currency(text, found, minimum, maximum, currency):
    (amount,) = find_amounts(text)
    assert (amount.text, amount.minimum, amount.maximum, amount.currency) == (found, minimum, maximum, currency)
    assert text[amount.start:amount.end] == found


@pytest.mark.parametrize("text", ["90 percent of trade", "Resolution 2321", "ten cars in 2018",
                                  "the team won 3 games", "Office 39 and 7.27", "30,000-20,000 yuan"])
def test_numbers_without_currency_or_in_reverse_are_not_amounts(text):
    assert find_amounts(text) == []
