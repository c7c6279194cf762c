"""Hostile values for every free-text field: each is what an attacker would write into a data file
that an analyst imports, aimed at one of the contexts the app puts text into (HTML, JavaScript
template literals, <script> JSON, CSS, Streamlit's Markdown, Graphviz DOT, KML/XML, Jinja, a
spreadsheet's formulas, bidirectional display).

A value that works would call ``alert`` (a dialog), create an element or attribute the tests look
for (markup around a marker such as ``h06``: an element whose whole text is a marker exists only
if the markup was obeyed), evaluate to a marker with a ``j`` appended (``{{'h41'~'j'}}``), or
fetch from ``evil.example`` (a request to another host). Values in
:data:`REFUSED` hold characters the loader refuses by design (bidirectional and C0 controls, a
byte-order mark): their rows are left out with a problem naming the cell.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from helpers import read_rows, write_rows

from border_atlas.loading import schema
from border_atlas.loading.checks import HIDDEN_CHARACTERS


@dataclass(frozen=True)
class Hostile:
    name: str
    text: str

    def __str__(self) -> str:
        return self.name


VALUES = [
    # HTML: script tags and event handlers.
    Hostile("script tag", '<script>alert("h01")</script>'),
    Hostile("img onerror", "<img src=x onerror=alert(2)>"),
    Hostile("svg onload", "<svg onload=alert(3)>"),
    Hostile("script inside svg", "<svg><script>alert(4)</script></svg>"),
    Hostile("iframe srcdoc", '<iframe srcdoc="<script>alert(5)</script>"></iframe>'),
    Hostile("details ontoggle", "<details open ontoggle=alert(6)>h06</details>"),
    Hostile("input autofocus", "<input autofocus onfocus=alert(7)>"),
    Hostile("base href", '<base href="http://evil.example/">'),
    Hostile("meta refresh", '<meta http-equiv="refresh" content="0;url=http://evil.example/meta">'),
    Hostile("link stylesheet", "<link rel=stylesheet href=//evil.example/link.css>"),
    # URLs.
    Hostile("javascript link", '<a href="javascript:alert(11)">h11</a>'),
    Hostile("bare javascript url", "javascript:alert(12)"),
    Hostile("data url", "data:text/html,<script>alert(13)</script>"),
    Hostile("mathml xlink", '<math><mi xlink:href="javascript:alert(14)">h14</mi></math>'),
    # Escapes written out as text.
    Hostile("backslash-u escapes", "\\u003csvg onload=alert(15)\\u003e"),
    Hostile("hex escapes", "\\x3cscript\\x3ealert(16)\\x3c/script\\x3e"),
    Hostile("percent escapes", "%3Cscript%3Ealert(17)%3C/script%3E"),
    Hostile("trailing backslash", "Hyesan \\"),
    # JavaScript strings and template literals.
    Hostile("backtick", "`;alert(19);`"),
    Hostile("template substitution", "${alert(20)}"),
    Hostile("closing script", "</script><script>alert(21)</script>"),
    Hostile("html comment", "<!-- <script>alert(22)</script>"),
    Hostile("comment end", "--><img src=x onerror=alert(23)>"),
    Hostile("line separators", "a\u2028b\u2029<img src=x onerror=alert(24)>"),
    # Quote breaking.
    Hostile("double quote", '" onmouseover="alert(25)" x="'),
    Hostile("single quote", "' onfocus='alert(26)' autofocus='"),
    Hostile("escaped quote", '\\"});alert(27);//'),
    # CSS.
    Hostile("css declaration", "red;background:url(//evil.example/css.png)"),
    Hostile("closing style", "</style><img src=x onerror=alert(29)>"),
    Hostile("css import", "<style>@import url(//evil.example/import.css)</style>"),
    # Streamlit's Markdown.
    Hostile("markdown image", "![h31](http://evil.example/x.png)"),
    Hostile("markdown javascript link", "[h32](javascript:alert(32))"),
    Hostile("latex", "$\\alert{33}$ and $E=mc^2$"),
    Hostile("coloured text", ":red[h34r] :material/warning: **h34b** <b>h34h</b>"),
    # Graphviz DOT.
    Hostile("dot label", '"] ; h35a -> h35b [label="'),
    Hostile("dot html label", "<<b>h36</b>>"),
    # KML: XML, CDATA, entities.
    Hostile("cdata end", "]]><b>h37</b><script>alert(37)</script><![CDATA["),
    Hostile("entity declaration", '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;'),
    Hostile("double-escaped entity", "&amp;lt;b&amp;gt;h39&amp;lt;/b&amp;gt; &lt;b&gt;h39b&lt;/b&gt;"),
    Hostile("kml substitution", "$[name] $[geDirections]"),
    # Jinja.
    Hostile("jinja expression", "{{7*7}} {{'h41'~'j'}} {{ cycler.__init__.__globals__.os }}"),
    Hostile("jinja raw", "{% raw %}{{'h42'~'j'}}{% endraw %} {# x"),
    # Spreadsheet formulas.
    Hostile("formula =", '=HYPERLINK("http://evil.example/csv","x")'),
    Hostile("formula +", "+1+cmd|' /C calc'!A0"),
    Hostile("formula -", "-2+3"),
    Hostile("formula @", "@SUM(1,1)"),
    # Line breaks and marks that the loader accepts.
    Hostile("line break", "line one\n<b>h47</b> line two"),
    Hostile("right-to-left mark", "\u200fHyesan\u061c <b>h48</b>"),
]

REFUSED = [
    Hostile("right-to-left override", "evil\u202etxt.exe"),
    Hostile("right-to-left isolate", "\u2067<b>x</b>\u2069"),
    Hostile("left-to-right embedding", "\u202aabc\u202c"),
    Hostile("NUL", "a\x00<script>alert(1)</script>"),
    Hostile("escape sequence", "\x1b[31mred"),
    Hostile("byte-order mark", "a\ufeffb"),
]

BROWSER_BATCH = 16


def free_text_fields() -> dict[str, list[str]]:
    """Every column of free text (not an id, a reference, a date, a number or a listed choice).

    >>> free_text_fields()["assignments"]
    ['summary', 'note']
    """
    references = {column for (table, column) in schema.REFERENCES} | {"id"}
    return {table: [f.name for f in fields if f.parser.dtype == "str" and f.parser.message == "" and not f.checks
                    and f.name not in references]
            for table, fields in schema.TABLES.items()}


def batches(values: list[Hostile], size: int = BROWSER_BATCH) -> list[list[Hostile]]:
    return [values[i:i + size] for i in range(0, len(values), size)]


def is_refused(text: str) -> bool:
    return re.search(HIDDEN_CHARACTERS, text) is not None


Cells = dict[tuple[str, str, str], str]  # (table, row id, field) -> the text written there


def cell_values(values: list[Hostile], row: int, rows: int) -> list[Hostile]:
    """The values that go into one row: value k into row k (mod the number of rows), so each
    value is in its own row where the table has enough rows, and every value is somewhere.

    >>> [v.name for v in cell_values(VALUES[:3], 0, 2)]
    ['script tag', 'svg onload']
    """
    if rows >= len(values):
        return [values[row % len(values)]]
    return [v for k, v in enumerate(values) if k % rows == row]


def hostile_copy(values: list[Hostile], source: Path, target: Path) -> Cells:
    """A copy of the data folder with ``values`` in every free-text field (before the text
    that was there), and what each changed cell now holds."""
    shutil.copytree(source, target)
    cells: Cells = {}
    for table, fields in free_text_fields().items():
        header, rows = read_rows(target / f"{table}.csv")
        for index, row in enumerate(rows):
            payload = " ".join(v.text for v in cell_values(values, index, len(rows)))
            for field in fields:
                row[field] = f"{payload} {row.get(field) or ''}".strip()
                cells[(table, row["id"], field)] = row[field]
        write_rows(target / f"{table}.csv", header, rows)
    return cells
