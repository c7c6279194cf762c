"""Small files that ask a reader for far more work than their size suggests, made on the spot.

Each is a few hundred kilobytes at most and would tie up a process for minutes or gigabytes if read
without limits: a Word file of millions of short paragraphs, a PDF whose pages all draw one large
content stream, a workbook that declares every cell of a sheet, and a long text full of names.
"""

from __future__ import annotations

import io
import random
import zipfile

_PARAGRAPH = b"<w:p><w:r><w:t>Hyesan.</w:t></w:r></w:p>"


def docx_bomb(xml_mb: float = 190) -> bytes:
    """A Word file whose document.xml is ``xml_mb`` MB of one-word paragraphs (it packs to ~0.3% of that)."""
    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename != "word/document.xml":
                target.writestr(member, source.read(member))
        with target.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w='
                         b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            chunk = _PARAGRAPH * 25_000  # ~1 MB
            for _ in range(round(xml_mb * 1_048_576 / len(chunk))):
                handle.write(chunk)
            handle.write(b"</w:body></w:document>")
    return out.getvalue()


def pdf_bomb(pages: int = 1500, stream_mb: float = 3.7) -> bytes:
    """A PDF of ``pages`` pages that all draw one shared content stream of ``stream_mb`` MB of text."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    line = b"BT /F1 9 Tf 20 20 Td (Hyesan market) Tj ET\n"
    stream = StreamObject()
    stream.set_data(line * round(stream_mb * 1_048_576 / len(line)))
    writer = PdfWriter()
    shared = writer._add_object(stream.flate_encode())
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    for _ in range(pages):
        page = writer.add_blank_page(width=200, height=200)
        page[NameObject("/Contents")] = shared
        page[NameObject("/Resources")] = DictionaryObject({
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def xlsx_bomb(dimension: str = "A1:XFD1048576") -> bytes:
    """A two-row assignments workbook whose sheet declares ``dimension`` as its extent, with a cell at its end.

    The reader pads every row to the declared width and every missing row up to the last cell.
    """
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "assignments"
    sheet.append(["id", "org_id", "place_id"])
    sheet.append(["mss-hyesan", "mss", "hyesan"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                last = dimension.split(":")[-1]
                row = "".join(ch for ch in last if ch.isdigit())
                content = content.replace(b'<dimension ref="A1:C2"/>', f'<dimension ref="{dimension}"/>'.encode())
                content = content.replace(b"</sheetData>", f'<row r="{row}"><c r="{last}" t="inlineStr"><is><t>end'
                                          f'</t></is></c></row></sheetData>'.encode())
            target.writestr(member, content)
    return out.getvalue()


def long_text(chars: int = 2_000_000, seed: int = 7) -> str:
    """A title and paragraphs of ``chars`` characters, each naming places, units and dates never seen before."""
    rng = random.Random(seed)
    syllables = ["ka", "san", "ryong", "hye", "pung", "chon", "taek", "mun", "sam", "gap", "paek", "hung"]

    def name() -> str:
        return "".join(rng.choice(syllables) for _ in range(3)).capitalize()

    lines, size = ["A very long report"], 0
    while size < chars:
        line = (f"In March 2019 the {name()} Security Bureau and traders from {name()} met near {name()} County, "
                f"where the {name()} guard post took 3,000 yuan.")
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)[:chars]
