"""Bring a report into the atlas: its title, numbered paragraphs and the metadata it carries.

The project's paragraph rule: the title is the first non-empty line (or the title the file's
own metadata gives), then paragraphs are numbered from 1, one per non-empty line of the body.
Text is always kept as plain text; HTML markup and scripts are never kept.

>>> report = report_from_text("Smuggling in Hyesan\\n\\nFirst line.\\n  \\nSecond line.")
>>> report.title, report.paragraphs
('Smuggling in Hyesan', ('First line.', 'Second line.'))
>>> report.paragraph(2)
'Second line.'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath

from border_atlas.ingest import formats
from border_atlas.ingest.decoding import clean_text, decode_text
from border_atlas.ingest.errors import IngestError
from border_atlas.loading.dates import is_partial_date
from border_atlas.text.names import normalise

MAX_BYTES = 20 * 1024 * 1024
# Text beyond this (a long book) is refused: recognition time grows with the text.
MAX_TEXT_CHARS = 2_000_000
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".pdf", ".docx")

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_LISTED_DATE = re.compile(rf"\b({_MONTHS}) (\d{{1,2}}), (\d{{4}})\s*$")


@dataclass(frozen=True)
class ReportText:
    """A report as numbered paragraphs, with the metadata found in the file.

    ``paragraphs[0]`` is paragraph 1. ``prefilled`` says where each metadata value came
    from, so that the analyst can confirm it: a file's creation date is not always the
    date a report was published.
    """

    title: str
    paragraphs: tuple[str, ...]
    outlet: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    url: str | None = None
    author: str | None = None
    locator: str | None = None  # the file name, or the URL where there is one
    kind: str = "text"  # text, html, pdf, docx or pasted
    prefilled: Mapping[str, str] = field(default_factory=dict)

    def paragraph(self, number: int) -> str:
        """Paragraph ``number``, counted from 1 as reports are cited."""
        if not 1 <= number <= len(self.paragraphs):
            raise IndexError(f"paragraph {number} is not in this report (it has {len(self.paragraphs)})")
        return self.paragraphs[number - 1]


def read_report(data: bytes, *, filename: str, max_bytes: int = MAX_BYTES, max_chars: int = MAX_TEXT_CHARS,
                max_docx_xml: int = formats.MAX_DOCX_XML, max_pdf_content: int = formats.MAX_PDF_CONTENT) -> ReportText:
    """Read an uploaded .txt, .html/.htm, .pdf or .docx report.

    Raises :class:`IngestError`, with a message for the analyst, for empty, oversize (more
    than ``max_bytes``, or more than ``max_chars`` of text), unsupported, corrupt or
    unreadable files, and for a Word or PDF file whose text part or page content is far
    larger than a report's (see :mod:`~border_atlas.ingest.formats`). An upload is read in
    a child process with limits: :func:`~border_atlas.ingest.limited.read_report_limited`.

    >>> read_report(b"Title\\nOne.\\nTwo.", filename="note.txt").paragraphs
    ('One.', 'Two.')
    >>> read_report(b"", filename="note.txt")
    Traceback (most recent call last):
    ...
    border_atlas.ingest.errors.IngestError: note.txt is empty.
    """
    name = display_name(filename)
    if not isinstance(data, bytes | bytearray):
        raise TypeError("read_report takes the file's bytes")
    data = bytes(data)
    if not data:
        raise IngestError(f"{name} is empty.")
    _check_size(len(data), max_bytes, name)
    suffix = PurePath(filename).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        text = decode_text(data, name=name)
        _check_size(len(text), max_chars, name, unit="characters of text")
        return _plain_report(text, name=name, kind="text")
    if suffix in HTML_SUFFIXES:
        return assemble(formats.read_html(data, name=name), name=name, max_chars=max_chars)
    if suffix == ".pdf":
        return assemble(formats.read_pdf(data, name=name, max_content=max_pdf_content), name=name,
                        max_chars=max_chars)
    if suffix == ".docx":
        return assemble(formats.read_docx(data, name=name, max_bytes=max_bytes, max_xml=max_docx_xml), name=name,
                        max_chars=max_chars)
    shown = suffix or "no extension"
    raise IngestError(f"{name} has {shown}; the atlas reads {', '.join(SUFFIXES)} files.")


def report_from_text(text: str, *, max_chars: int = MAX_TEXT_CHARS) -> ReportText:
    """A report from pasted text: the first non-empty line is the title."""
    if not isinstance(text, str):
        raise TypeError("report_from_text takes a string")
    if not text:
        raise IngestError("The pasted text is empty.")
    _check_size(len(text), max_chars, "The pasted text", unit="characters")
    return _plain_report(text, name="The pasted text", kind="pasted")


def display_name(filename: str) -> str:
    """The file's own name, shortened, for messages (never a path)."""
    base = PurePath(str(filename).replace("\\", "/")).name or "The file"
    return base if len(base) <= 80 else base[:77] + "..."


def assemble(extracted: formats.Extracted, *, name: str, max_chars: int = MAX_TEXT_CHARS) -> ReportText:
    """Apply the paragraph rule to a reader's lines, with its title or the first line as title."""
    lines = non_empty_lines(extracted.lines)
    _check_size(sum(len(line) for line in lines), max_chars, name, unit="characters of text")
    title = " ".join((extracted.title or "").split())
    prefilled = {"title": extracted.prefilled.get("title", "the file's metadata")}
    if title and lines and normalise(lines[0]) == normalise(title):
        lines = lines[1:]  # the body repeats its title as a heading
    elif not title:
        if not lines:
            raise IngestError(f"{name} holds no text.")
        title, lines = lines[0], lines[1:]
        prefilled["title"] = "first line of the text"
    if not lines:
        raise IngestError(f"{name} has a title but no paragraphs after it.")
    meta = _clean_metadata(extracted.metadata)
    prefilled.update((key, how) for key, how in extracted.prefilled.items() if key in meta)
    return ReportText(title=title, paragraphs=lines, outlet=meta.get("outlet"), date=meta.get("date"),
                      url=meta.get("url"), author=meta.get("author"), locator=meta.get("url") or name,
                      kind=extracted.kind, prefilled=prefilled)


def _clean_metadata(metadata: Mapping[str, str | None]) -> dict[str, str]:
    """Non-empty one-line values; a date only in the project's form; a URL only if it is http(s)."""
    meta = {key: " ".join(value.split()) for key, value in metadata.items() if isinstance(value, str)}
    meta = {key: value for key, value in meta.items() if value}
    if "date" in meta and not is_partial_date(meta["date"]):
        del meta["date"]
    if "url" in meta and not re.match(r"https?://", meta["url"], flags=re.IGNORECASE):
        del meta["url"]
    return meta


def non_empty_lines(lines: Iterable[str]) -> tuple[str, ...]:
    """Every non-empty line, cleaned and with its outer white space removed."""
    out = []
    for chunk in lines:
        for line in clean_text(chunk).split("\n"):
            stripped = " ".join(line.split())
            if stripped:
                out.append(stripped)
    return tuple(out)


def _plain_report(text: str, *, name: str, kind: str) -> ReportText:
    lines = non_empty_lines([text])
    if not lines:
        raise IngestError(f"{name} is empty.")
    if len(lines) == 1:
        raise IngestError(f"{name} has one line only: the first line is read as the title, "
                          "and the paragraphs follow it on their own lines.")
    title, body = lines[0], lines[1:]
    date = _date_from_article_list(title, body)
    prefilled = {"title": "first line of the text"}
    if date:
        prefilled["date"] = "the article list printed with the text, which gives this title that date"
    return ReportText(title=title, paragraphs=body, date=date, locator=name, kind=kind, prefilled=prefilled)


def _date_from_article_list(title: str, body: tuple[str, ...]) -> str | None:
    """The date a site's article list prints beside this report's own title ("- Title - May 2, 2025")."""
    months = _MONTHS.split("|")
    for line in body:
        found = _LISTED_DATE.search(line)
        if found and normalise(title) in normalise(line[: found.start()]):
            month, day, year = months.index(found[1]) + 1, int(found[2]), found[3]
            value = f"{year}-{month:02d}-{day:02d}"
            if is_partial_date(value):
                return value
    return None


def _check_size(size: int, limit: int, name: str, *, unit: str = "bytes") -> None:
    if size > limit:
        if unit == "bytes":
            raise IngestError(f"{name} is {size / 1048576:.1f} MB; the limit is {limit / 1048576:.1f} MB.")
        raise IngestError(f"{name} has {size:,} {unit}; the limit is {limit:,}.")
