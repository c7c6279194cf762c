"""Readers for HTML, PDF and Word files: body lines plus the metadata each format carries.

Each reader turns any failure of its parser into :class:`IngestError` with a message for the
analyst; a malformed upload never surfaces as a traceback. Nothing is fetched: HTML is parsed
from the bytes given, and scripts, styles and embedded objects are dropped before extraction.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO

from border_atlas.ingest.decoding import decode_text
from border_atlas.ingest.errors import IngestError

# Elements whose content is code or embedded media, never article text.
_DROPPED = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Fields python-docx's own blank template carries: they describe the template, not the report.
_DOCX_TEMPLATE_AUTHOR = "python-docx"
_DOCX_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15)
_MAX_PDF_PAGES = 2000
# Text extraction re-reads each page's content streams, even one shared by every page: a page of
# text draws a few kilobytes, a page with a detailed map a few megabytes.
MAX_PDF_CONTENT = 64 * 1024 * 1024
# python-docx builds the whole document tree, about 16 times the XML's size: a long report's
# word/document.xml is a few megabytes.
MAX_DOCX_XML = 32 * 1024 * 1024
# Extraction time grows with the number of elements: a long article has a few thousand.
MAX_HTML_ELEMENTS = 50_000


@dataclass(frozen=True)
class Extracted:
    """What a format reader found: body lines and any metadata."""

    lines: tuple[str, ...]
    kind: str
    title: str | None = None
    metadata: Mapping[str, str | None] = field(default_factory=dict)
    prefilled: Mapping[str, str] = field(default_factory=dict)


def read_html(data: bytes, *, name: str) -> Extracted:
    """Article text, title, date, site name, URL and author of an HTML page (trafilatura, offline)."""
    import lxml.etree
    import lxml.html
    import trafilatura

    text = _XML_DECLARATION.sub("", _decode_html(data, name=name))
    try:
        tree = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise IngestError(f"{name} could not be read as HTML.") from exc
    if sum(1 for _ in tree.iter()) > MAX_HTML_ELEMENTS:
        raise IngestError(f"{name} has more than {MAX_HTML_ELEMENTS:,} HTML elements; save the article alone "
                          "(as text or PDF) and add that.")
    for element in tree.xpath("|".join(f"//{tag}" for tag in _DROPPED)):
        element.drop_tree()
    try:
        doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=True)
        body = doc.text if doc is not None and doc.text else trafilatura.baseline(tree)[1]
    except Exception as exc:  # the extractor's failures on odd markup are many and undocumented
        raise IngestError(f"{name} could not be read as an article ({type(exc).__name__}).") from exc
    if not body or not body.strip():
        raise IngestError(f"{name} holds no article text (it may be only scripts or navigation).")
    doc_meta = {} if doc is None else {"outlet": doc.sitename, "date": doc.date, "url": doc.url, "author": doc.author}
    return Extracted(lines=tuple(body.split("\n")), kind="html", title=None if doc is None else doc.title,
                     metadata=doc_meta,
                     prefilled={"title": "the page's title", "outlet": "the page's site name",
                                "date": "the page's publication date", "url": "the page's canonical address",
                                "author": "the page's author"})


def read_pdf(data: bytes, *, name: str, max_content: int = MAX_PDF_CONTENT) -> Extracted:
    """The text of a PDF, one line per extracted line, and its document information.

    A PDF whose pages draw more than ``max_content`` bytes in all (a stream drawn by several
    pages counts once per page) is refused before any text is extracted.
    """
    from pypdf import PdfReader

    if not data.lstrip()[:5] == b"%PDF-":
        raise IngestError(f"{name} is not a PDF file (it does not begin as one).")
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(f"{name} is protected by a password; save an unprotected copy and add that.")
        if len(reader.pages) > _MAX_PDF_PAGES:
            raise IngestError(f"{name} has more than {_MAX_PDF_PAGES} pages.")
        _check_pdf_content(reader, name=name, limit=max_content)
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
        title, author, created = info.get("/Title"), info.get("/Author"), _pdf_date(info.get("/CreationDate"))
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on damaged files
        raise IngestError(f"{name} could not be read as a PDF; it may be damaged ({type(exc).__name__}).") from exc
    if not any(page.strip() for page in pages):
        raise IngestError(f"{name} has no text layer (a scanned PDF?); the atlas does not read images.")
    return Extracted(lines=tuple(pages), kind="pdf", title=_text_or_none(title),
                     metadata={"author": _text_or_none(author), "date": created},
                     prefilled={"title": "the PDF's document title", "author": "the PDF's document author",
                                "date": "the PDF's creation date (check it is the publication date)"})


def read_docx(data: bytes, *, name: str, max_bytes: int, max_xml: int = MAX_DOCX_XML) -> Extracted:
    """The paragraphs and tables of a Word (.docx) file, and its document properties.

    A file whose word/document.xml unpacks to more than ``max_xml`` bytes is refused unparsed.
    """
    import docx

    _check_docx_archive(data, name=name, max_bytes=max_bytes, max_xml=max_xml)
    try:
        document = docx.Document(BytesIO(data))
        lines = [_block_text(block) for block in document.iter_inner_content()]
        props = document.core_properties
        title, author, created = props.title, props.author, props.created
    except Exception as exc:  # python-docx and its XML parser raise many kinds of error on damaged files
        raise IngestError(f"{name} could not be read as a Word document; it may be damaged "
                          f"({type(exc).__name__}).") from exc
    if author == _DOCX_TEMPLATE_AUTHOR:
        author = None
    if isinstance(created, datetime) and created.replace(tzinfo=None) == _DOCX_TEMPLATE_CREATED:
        created = None
    return Extracted(lines=tuple(lines), kind="docx", title=_text_or_none(title),
                     metadata={"author": _text_or_none(author), "date": _iso_day(created)},
                     prefilled={"title": "the document's title property", "author": "the document's author property",
                                "date": "the document's creation date (check it is the publication date)"})


def _decode_html(data: bytes, *, name: str) -> str:
    """Decode with the page's declared charset, else as UTF-8 or UTF-16 text."""
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared[1].decode("ascii"), errors="replace")
        except LookupError:
            pass  # an unknown charset name: fall back to the text rules
    return decode_text(data, name=name)


def _check_pdf_content(reader, *, name: str, limit: int) -> None:
    """Refuse a PDF whose pages draw more than ``limit`` bytes of content in all, each stream decoded once."""
    sizes: dict[object, int] = {}
    total = 0
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get("/Contents")
        streams = contents.get_object() if contents is not None else []
        for stream in streams if isinstance(streams, list) else [contents]:
            key = getattr(stream, "idnum", None) or id(stream)
            if key not in sizes:
                sizes[key] = len(stream.get_object().get_data())
            total += sizes[key]
        if total > limit:
            raise IngestError(f"{name}: its first {number:,} pages draw {total / 1048576:,.0f} MB of content "
                              f"(several pages may redraw one large stream); the limit is "
                              f"{limit / 1048576:,.0f} MB for the whole file. It is not read.")


def _check_docx_archive(data: bytes, *, name: str, max_bytes: int, max_xml: int) -> None:
    """A .docx is a zip: refuse one that is not, that lacks a document, or that unpacks to far more."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise IngestError(f"{name} is not a Word (.docx) file, or it is damaged.") from exc
    body = next((member for member in members if member.filename == "word/document.xml"), None)
    if body is None:
        raise IngestError(f"{name} is a zip archive but not a Word (.docx) document.")
    if body.file_size > max_xml:
        raise IngestError(f"{name}: its text (word/document.xml) unpacks to {body.file_size / 1048576:,.0f} MB; "
                          f"the limit is {max_xml / 1048576:,.0f} MB, far above a long report's. It is not read.")
    if sum(member.file_size for member in members) > 10 * max_bytes:
        raise IngestError(f"{name} unpacks to more than {10 * max_bytes / 1048576:.0f} MB; it is not read.")


def _block_text(block) -> str:
    """A paragraph's text, or a table as one line per row with its cells joined by " | "."""
    if hasattr(block, "rows"):
        rows = []
        for row in block.rows:
            cells = [" ".join(cell.text.split()) for cell in row.cells]
            rows.append(" | ".join(cell for cell in dict.fromkeys(cells) if cell))
        return "\n".join(rows)
    return block.text


def _pdf_date(value) -> str | None:
    """A PDF date string (D:20180228...) as YYYY-MM-DD."""
    found = re.match(r"D?:?(\d{4})(\d{2})?(\d{2})?", str(value or ""))
    if not found:
        return None
    parts = [part for part in found.groups() if part]
    return "-".join(parts)


def _iso_day(value) -> str | None:
    return value.date().isoformat() if isinstance(value, datetime) else (
        value.isoformat() if isinstance(value, date) else None)


def _text_or_none(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
