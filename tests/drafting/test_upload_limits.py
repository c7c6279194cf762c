"""Uploads that ask for far more work than their size are refused, by a cheap check where the format
allows and otherwise by the child process's memory or time limit, with a message naming the file and
the limit; the app's own process neither does the work nor grows. A normal report reads as before."""

from __future__ import annotations

import pytest
from hostile_files import docx_bomb, long_text, pdf_bomb, xlsx_bomb

from border_atlas import load_dataset
from border_atlas.drafting.limited import read_records_limited
from border_atlas.drafting.spreadsheet import read_records
from border_atlas.drafting.uploads import FileRefused
from border_atlas.ingest import IngestError, gazetteer_place_finder, recognise
from border_atlas.ingest.documents import MAX_TEXT_CHARS
from border_atlas.ingest.limited import read_report_limited, recognise_limited
from border_atlas.ingest.organisations import OrganisationIndex, load_aliases
from border_atlas.places.gazetteer import Gazetteer
from border_atlas.runtime.isolation import Limits

UNBOUNDED = 10**12  # the format's own cheap check switched off, so that only the process limits remain
REPORT = ("Border notes\nThe MSS opened an office in Kapsan in March 2024.\n"
          "Units in Hyetan were told to work with the Kumgang Office.\n")


def peak_mb() -> float:
    """This process's peak resident memory so far (VmHWM)."""
    with open("/proc/self/status", encoding="ascii") as handle:
        return next(int(line.split()[1]) for line in handle if line.startswith("VmHWM:")) / 1024


def refused(call, error=IngestError):
    """The refusal ``call`` raises, with how its child ended printed for the record."""
    before = peak_mb()
    with pytest.raises(error) as caught:
        call()
    run = getattr(caught.value, "child_run", None)
    print(f"\n{caught.value}\n  child: {run}; this process's peak memory {before:.0f} -> {peak_mb():.0f} MB")
    return caught.value, run, peak_mb() - before


def test_a_word_file_of_millions_of_short_paragraphs_is_refused_before_it_is_parsed():
    error, run, grown = refused(lambda: read_report_limited(docx_bomb(190), filename="paragraphs.docx"))
    assert str(error).startswith("paragraphs.docx: its text (word/document.xml) unpacks to 190 MB; the limit is 32 MB")
    assert run is None  # the reader refused it itself, at once
    assert grown < 100


def test_a_word_file_past_the_memory_limit_stops_the_child_not_the_app():
    limits = Limits(seconds=120, memory_mb=300)
    error, run, grown = refused(lambda: read_report_limited(docx_bomb(30), filename="paragraphs.docx",
                                                            limits=limits, max_docx_xml=UNBOUNDED))
    assert "paragraphs.docx: reading it needed more than the memory limit of 300 MB" in str(error)
    assert run.limit == "memory" and not run.killed
    assert grown < 100  # the tree was built (and given up) in the child


def test_pdf_pages_that_all_redraw_one_large_stream_are_refused_before_any_text_is_extracted():
    error, run, _ = refused(lambda: read_report_limited(pdf_bomb(1500, 3.7), filename="pages.pdf"))
    assert str(error).startswith("pages.pdf: its first 18 pages draw 67 MB of content")
    assert "the limit is 64 MB for the whole file" in str(error) and run is None


def test_a_pdf_slower_than_the_time_limit_is_killed():
    limits = Limits(seconds=4, memory_mb=1024)
    error, run, _ = refused(lambda: read_report_limited(pdf_bomb(1500, 3.7), filename="pages.pdf", limits=limits,
                                                        max_pdf_content=UNBOUNDED))
    assert "pages.pdf: reading it took longer than the time limit of 4 s, so it was stopped" in str(error)
    assert run.limit == "time" and run.killed
    assert limits.seconds <= run.seconds < limits.seconds + 10  # ended by the limit, not by the reader


def test_a_workbook_declaring_every_cell_of_its_sheet_is_refused_unread():
    error, run, _ = refused(lambda: read_records(xlsx_bomb("A1:XFD1048576"), filename="sheet.xlsx"), FileRefused)
    assert str(error).startswith("sheet.xlsx: its sheet declares 1,048,576 rows and 16,384 columns; import at most "
                                 "10,000 rows of at most 256 columns")
    with pytest.raises(FileRefused, match="^sheet.xlsx: its sheet declares 1,048,576 rows"):
        read_records_limited(xlsx_bomb("A1:XFD1048576"), filename="sheet.xlsx")  # as the page reads it


def test_a_workbook_of_normal_extent_reads_its_rows_without_padding():
    frame, notes = read_records(xlsx_bomb("A1:F2"), filename="sheet.xlsx")
    assert frame.to_dict("records") == [{"id": "mss-hyesan", "org_id": "mss", "place_id": "hyesan"}]
    assert notes == []  # the empty declared columns D and E are not reported as unknown columns


def test_a_text_too_long_to_recognise_in_time_is_stopped_and_named():
    report = read_report_limited(long_text(MAX_TEXT_CHARS).encode(), filename="long.txt")
    dataset = load_dataset()
    limits = Limits(seconds=5, memory_mb=1024)
    error, run, grown = refused(lambda: recognise_limited(
        report, organisations=dataset.organisations, events=dataset.events, gazetteer=Gazetteer(dataset.places),
        report_date="2020-01", limits=limits))
    assert "long.txt: recognising what is named in it took longer than the time limit of 5 s" in str(error)
    assert run.limit == "time" and run.killed
    assert grown < 100


def test_a_normal_report_reads_and_is_recognised_as_in_the_apps_own_process():
    runs = []
    report = read_report_limited(REPORT.encode(), filename="notes.txt", on_end=runs.append)
    assert report.title == "Border notes" and len(report.paragraphs) == 2
    dataset = load_dataset()
    found = recognise_limited(report, organisations=dataset.organisations, events=dataset.events,
                              gazetteer=Gazetteer(dataset.places), report_date="2024-04-02", on_end=runs.append)
    here = recognise(report, organisations=OrganisationIndex.from_rows(dataset.organisations, load_aliases()),
                     events=dataset.events, report_date="2024-04-02",
                     place_finder=gazetteer_place_finder(Gazetteer(dataset.places)))
    assert found.to_dict() == here.to_dict()
    assert [p.text for p in found.paragraph(1).places] == ["Kapsan"]
    assert [run.limit for run in runs] == [None, None] and not any(run.killed for run in runs)
    print(f"\nnormal report: reading {runs[0]}, recognising {runs[1]}")


def test_a_readers_own_refusal_comes_back_unchanged():
    with pytest.raises(IngestError, match=r"^empty\.txt is empty\.$"):
        read_report_limited(b"", filename="empty.txt")
    with pytest.raises(FileRefused, match=r"^records\.ods has \.ods; records are imported from \.csv or \.xlsx"):
        read_records_limited(b"x", filename="records.ods")
