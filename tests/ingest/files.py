"""Small report files built at run time: a hand-written PDF, a Word document, HTML pages."""

from __future__ import annotations

import io
from datetime import datetime


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def minimal_pdf(lines: list[str], *, title: str | None = None, author: str | None = None,
                created: str | None = None) -> bytes:
    """A valid one-page PDF whose text layer holds ``lines`` (Helvetica, Latin-1), with document info."""
    content = "BT /F1 12 Tf 72 720 Td 16 TL " + " ".join(f"{_pdf_string(line)} Tj T*" for line in lines) + " ET"
    info = " ".join(f"/{key} {_pdf_string(value)}" for key, value in
                    (("Title", title), ("Author", author), ("CreationDate", created)) if value)
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        "/Contents 4 0 R >>",
        f"<< /Length {len(content.encode('latin-1'))} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< {info} >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def word_document(paragraphs: list[str], *, title: str | None = None, author: str | None = None,
                  created: datetime | None = None, table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
        document.add_heading(title, level=0)
    if author:
        document.core_properties.author = author
    if created:
        document.core_properties.created = created
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table):
            for cell, value in zip(row.cells, values):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ARTICLE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Units in Hyetan told to help | Daily NK</title>
<meta property="og:site_name" content="Daily NK"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2018-02-28T09:00:00+09:00">
<link rel="canonical" href="https://www.example.org/units-in-hyetan">
<script>document.title = "SCRIPT-IN-HEAD"; fetch("https://tracker.example/")</script>
<style>body { color: red } .SCRIPT-IN-STYLE {}</style></head>
<body onload="alert('ONLOAD')"><nav><a href="/">Home</a> | <a href="/about">About us</a></nav>
<article><h1>Units in Hyetan told to help</h1>
<p>Border units in Hyetan were told to cooperate with the Kumgang Office, a source in Ryanggang Province said.</p>
<script>var leaked = "SCRIPT-IN-BODY";</script><noscript>NOSCRIPT-TEXT</noscript>
<p>Bribes of 8,000 to 15,000 yuan were paid before the order, the source added on the telephone.</p>
<p>The text shows markup as words: &lt;script&gt;alert(1)&lt;/script&gt; is not code here at all.</p>
</article><footer>Copyright footer</footer></body></html>"""
