"""HTML, PDF and Word uploads: text, metadata, and refusal of damaged or hostile files."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest

from border_atlas.ingest import IngestError, read_report

from .files import ARTICLE_HTML, minimal_pdf, word_document

SCRIPT_MARKERS = ("SCRIPT-IN-HEAD", "SCRIPT-IN-STYLE", "SCRIPT-IN-BODY", "NOSCRIPT-TEXT", "ONLOAD", "tracker")


def all_text(report) -> str:
    return "\n".join([report.title, *report.paragraphs, *(str(v) for v in (report.outlet, report.author))])


def test_html_article_text_title_and_metadata():
    report = read_report(ARTICLE_HTML.encode("utf-8"), filename="page.html")
    assert report.kind == "html"
    assert report.title == "Units in Hyetan told to help"
    assert report.paragraphs[0].startswith("Border units in Hyetan")
    assert any("8,000 to 15,000 yuan" in p for p in report.paragraphs)
    assert (report.outlet, report.author, report.date) == ("Daily NK", "Jane Roe", "2018-02-28")
    assert report.url == report.locator == "https://www.example.org/units-in-hyetan"
    assert report.prefilled["date"] == "the page's publication date"


def test_html_keeps_no_script_style_or_navigation_and_escaped_markup_stays_words():
    report = read_report(ARTICLE_HTML.encode("utf-8"), filename="page.html")
    text = all_text(report)
    assert not [marker for marker in SCRIPT_MARKERS if marker in text]
    assert "Home | About us" not in text
    assert any("<script>alert(1)</script> is not code" in p for p in report.paragraphs)


def test_html_made_only_of_scripts_is_refused():
    page = "<html><head><script>" + "alert(1);" * 500 + "</script></head><body><script>x()</script></body></html>"
    with pytest.raises(IngestError, match="scripts.html holds no article text"):
        read_report(page.encode(), filename="scripts.html")


def test_html_with_too_many_elements_is_refused_before_extraction():
    from border_atlas.ingest.formats import MAX_HTML_ELEMENTS

    page = "<html><body>" + "<p>x</p>" * MAX_HTML_ELEMENTS + "</body></html>"
    with pytest.raises(IngestError, match="huge.html has more than 50,000 HTML elements"):
        read_report(page.encode(), filename="huge.html")


def test_html_in_a_declared_legacy_charset_is_decoded_by_its_declaration():
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
            "<title>Caf\u00e9 report</title></head><body><article><h1>Caf\u00e9 report</h1>"
            "<p>Traders met at the caf\u00e9 near Hyesan station to agree the price of the shipment.</p>"
            "<p>A second paragraph so that the page reads as an article.</p></article></body></html>")
    report = read_report(page.encode("cp1252"), filename="old.htm")
    assert report.title == "Café report"
    assert "café near Hyesan" in report.paragraphs[0]


def test_html_javascript_canonical_address_is_not_kept():
    page = ARTICLE_HTML.replace("https://www.example.org/units-in-hyetan", "javascript:alert(1)")
    report = read_report(page.encode(), filename="page.html")
    assert report.url is None and report.locator == "page.html"


def test_pdf_text_lines_title_author_and_creation_date():
    data = minimal_pdf(["Smuggling report", "Units in Samsu work with the Mirim Shipping Company.",
                        "Bribes reached USD 20,000."], title="Smuggling report", author="Analyst",
                       created="D:20180228120000+09'00'")
    report = read_report(data, filename="paper.pdf")
    assert report.kind == "pdf"
    assert report.title == "Smuggling report"
    assert report.paragraphs == ("Units in Samsu work with the Mirim Shipping Company.", "Bribes reached USD 20,000.")
    assert (report.author, report.date) == ("Analyst", "2018-02-28")
    assert "creation date" in report.prefilled["date"]


def test_pdf_without_title_takes_its_first_line():
    report = read_report(minimal_pdf(["First line title", "Body line."]), filename="p.pdf")
    assert (report.title, report.paragraphs, report.date) == ("First line title", ("Body line.",), None)


@pytest.mark.parametrize("damage", [lambda d: d[: len(d) // 2], lambda d: d.replace(b"stream", b"strxam"),
                                    lambda d: b"%PDF-1.4\n" + bytes(range(256)) * 20])
def test_damaged_pdfs_give_an_ingest_error(damage):
    with pytest.raises(IngestError, match=r"bad\.pdf (could not be read|has no text layer)"):
        read_report(damage(minimal_pdf(["A title", "Some text."])), filename="bad.pdf")


def test_a_file_named_pdf_that_is_not_one_is_refused():
    with pytest.raises(IngestError, match="fake.pdf is not a PDF file"):
        read_report(b"<html>hello</html>", filename="fake.pdf")


def test_docx_paragraphs_tables_and_properties():
    data = word_document(["Units in Kangan work with Foreign Liaison Office 7.27.", "", "Line one\nLine two"],
                         title="Kangan report", author="A. Analyst", created=datetime(2018, 2, 28, 10, 0),
                         table=[["Era", "Bribe"], ["Before COVID-19", "8,000 to 15,000 yuan"]])
    report = read_report(data, filename="paper.docx")
    assert report.kind == "docx"
    assert report.title == "Kangan report"
    assert report.paragraphs == ("Units in Kangan work with Foreign Liaison Office 7.27.", "Line one", "Line two",
                                 "Era | Bribe", "Before COVID-19 | 8,000 to 15,000 yuan")
    assert (report.author, report.date) == ("A. Analyst", "2018-02-28")


def test_docx_template_defaults_are_not_taken_for_the_reports_metadata():
    report = read_report(word_document(["Heading line", "Body."]), filename="plain.docx")
    assert (report.title, report.author, report.date) == ("Heading line", None, None)


def test_damaged_or_false_docx_files_give_an_ingest_error():
    good = word_document(["Title", "Body."])
    cases = {"cut.docx": good[: len(good) // 2], "junk.docx": b"PK\x03\x04" + bytes(200),
             "other.docx": _zip({"readme.txt": b"hello"}),
             "broken.docx": _zip({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"})}
    for name, data in cases.items():
        with pytest.raises(IngestError, match=name.replace(".", r"\.")):
            read_report(data, filename=name)


def test_docx_that_unpacks_far_beyond_the_limit_is_refused():
    data = _zip({"word/document.xml": b"<" + b" " * 50_000})
    with pytest.raises(IngestError, match="unpacks to more than"):
        read_report(data, filename="bomb.docx", max_bytes=len(data) + 100)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()
