"""Reading reports: the paragraph rule, encodings, limits and bad uploads."""

from __future__ import annotations

import codecs
import os

import pytest

from border_atlas.ingest import IngestError, read_report, report_from_text
from border_atlas.text.names import normalise

from .tables import REPORT_IDS, cited, table

SAMPLE = "Border trade in Hyesan\n\nTraders in Hyesan-dong paid 500 yuan.\nThe MSS took a share.\n"


@pytest.mark.parametrize("source_id", REPORT_IDS)
def test_each_report_has_the_paragraph_count_sources_csv_gives(reports, sources, source_id):
    assert len(reports[source_id].paragraphs) == int(sources[source_id]["paragraphs"])
    # A long title is cited by its opening words and "…", so that the data repeats no long run of a report.
    listed = sources[source_id]["title"]
    assert reports[source_id].title == listed or (
        listed.endswith(" …") and reports[source_id].title.startswith(listed[:-2]) and len(listed.split()) < 11)


@pytest.mark.parametrize("source_id", REPORT_IDS)
def test_paragraph_numbers_are_the_ones_the_records_cite(reports, source_id):
    figures = [row for row in table("figures") if row["source_id"] == source_id]
    for row in figures:
        text = " ".join(reports[source_id].paragraph(n) for n in cited(row["paragraphs"]))
        assert f"{int(row['amount_min']):,}" in text and f"{int(row['amount_max']):,}" in text
    holders = {"dailynk-2018-02-28": ("customs-blocked-2018", "Hyesan Customs Office"),
               "nkinsider-2025-10-27": ("mss-over-border-security-command", "Border Security Command")}
    record, words = holders[source_id]
    row = next(r for r in table("assignments") if r["id"] == record)
    assert all(words in reports[source_id].paragraph(n) for n in cited(row["paragraphs"]))


def test_report_date_is_read_from_the_article_list_when_the_text_prints_one(reports, sources):
    for source_id, report in reports.items():
        listed = normalise(report.title) in normalise(" ".join(report.paragraphs))
        assert report.date == (sources[source_id]["published"] if listed else None)
    assert any(report.date for report in reports.values())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_give_the_same_paragraphs(encoding):
    text = SAMPLE + "Ryŏnbong 2-dong (련봉2동) and Hyet'an.\n"
    report = read_report(text.encode(encoding), filename="r.txt")
    assert report.title == "Border trade in Hyesan"
    assert report.paragraphs == ("Traders in Hyesan-dong paid 500 yuan.", "The MSS took a share.",
                                 "Ryŏnbong 2-dong (련봉2동) and Hyet'an.")


def test_line_endings_and_blank_lines_do_not_change_the_numbering():
    crlf = read_report(SAMPLE.replace("\n", "\r\n\r\n  \t\r\n").encode(), filename="r.TXT")
    assert crlf.paragraphs == read_report(SAMPLE.encode(), filename="r.txt").paragraphs


def test_latin_1_text_is_refused_with_the_file_name_and_what_to_do():
    with pytest.raises(IngestError, match=r"notes\.txt is not UTF-8 text.*byte 0xE9.*Save the file as UTF-8"):
        read_report("Title\nCafé in Hyesan\n".encode("latin-1"), filename="/tmp/x/notes.txt")


def test_binary_junk_is_refused():
    junk = os.urandom(4096) + b"\x00\x01\x02"
    with pytest.raises(IngestError, match="junk.txt does not look like a text file"):
        read_report(junk, filename="junk.txt")
    with pytest.raises(IngestError, match="does not look like a text file"):
        read_report(b"Title\nok\x00\x00\x01\x02\x03" * 50, filename="junk.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  ", codecs.BOM_UTF8])
def test_empty_uploads_are_refused(data):
    with pytest.raises(IngestError, match="empty"):
        read_report(data, filename="empty.txt")


def test_a_title_without_paragraphs_is_refused():
    with pytest.raises(IngestError, match="one line only"):
        read_report(b"Only a title", filename="t.txt")


def test_oversize_uploads_are_refused_before_reading():
    with pytest.raises(IngestError, match=r"big.txt is 0\.0 MB; the limit is 0\.0 MB"):
        read_report(b"Title\n" + b"x" * 2000, filename="big.txt", max_bytes=1000)
    with pytest.raises(IngestError, match="The pasted text has 52 characters; the limit is 10"):
        report_from_text("T\n" + "x" * 50, max_chars=10)
    with pytest.raises(IngestError, match="long.txt has 2,006 characters of text; the limit is 1,000"):
        read_report(("Title\n" + "é" * 2000).encode(), filename="long.txt", max_chars=1000)


def test_unsupported_types_name_the_types_that_are_read():
    with pytest.raises(IngestError, match=r"evil.exe has \.exe; the atlas reads .*\.pdf, \.docx"):
        read_report(b"MZ\x90\x00", filename="evil.exe")


def test_pasted_text_follows_the_same_rule_and_keeps_no_control_characters():
    report = report_from_text("  Title here \r\n\r\nFirst\u2028second\x07 line\n\n")
    assert report.kind == "pasted"
    assert report.title == "Title here"
    assert report.paragraphs == ("First", "second line")


def test_paragraph_numbers_start_at_one():
    report = report_from_text(SAMPLE)
    assert report.paragraph(1).startswith("Traders")
    with pytest.raises(IndexError):
        report.paragraph(0)
    with pytest.raises(IndexError):
        report.paragraph(3)
