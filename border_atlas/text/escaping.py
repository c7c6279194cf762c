"""Encoding text for the context it lands in: HTML that folium puts in JavaScript, JSON in a
<script>, and Streamlit's Markdown.

folium puts popup and tooltip HTML inside JavaScript template literals (`...`), where a
backtick ends the string, ``${...}`` runs code and a backslash starts an escape (``\\u003c`` is
``<``); html.escape alone stops none of these. Braces are encoded too, so that no text can
ever read as a Jinja expression, whatever renders it.
"""

from __future__ import annotations

import html
import json
import re

import pandas as pd

_JS_TEMPLATE_LITERAL = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"})


def esc(value) -> str:
    """Text safe inside HTML and inside a JavaScript template literal; "" for missing values.

    >>> esc("<b>`${x}`</b>")
    '&lt;b&gt;&#96;&#36;&#123;x&#125;&#96;&lt;/b&gt;'
    >>> esc("\\\\u003csvg\\\\u003e")
    '&#92;u003csvg&#92;u003e'
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True).translate(_JS_TEMPLATE_LITERAL)


_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                                "\u2029": "\\u2029"})


def script_json(value, *, compact: bool = False) -> str:
    """JSON that can sit inside a <script> element: no ``</script>``, no ``<!--``, no line separators.

    ``compact``: no space after commas and colons (for large payloads).

    >>> script_json({"name": "</script><b>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    >>> script_json({"n": [1, 2]}, compact=True)
    '{"n":[1,2]}'
    """
    separators = (",", ":") if compact else None
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=separators).translate(_SCRIPT_UNSAFE)


# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all
# leaves no Markdown, HTML, link, image, LaTeX ($), emoji or colour (:) syntax in the text.
_MARKDOWN_PUNCTUATION = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


# GitHub-flavoured Markdown turns bare web and e-mail addresses into links after escapes are
# read, so no backslash stops it; an invisible word joiner (U+2060) inside "://" and "www." and
# after "@" does, and the text still reads the same.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def escape_markdown(value) -> str:
    """Text that Streamlit's Markdown shows exactly as written, on one line, linking nothing.

    >>> print(escape_markdown("![x](http://evil.example/x.png)").replace(WORD_JOINER, "+"))
    \\!\\[x\\]\\(http\\:+\\/\\/evil\\.example\\/x\\.png\\)
    >>> print(escape_markdown("www.evil.example a@evil.example").replace(WORD_JOINER, "+"))
    www+\\.evil\\.example a\\@+evil\\.example
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = _AUTOLINK.sub(WORD_JOINER, " ".join(str(value).split()))
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def markdown(template: str, /, **values) -> str:
    """Fill a Markdown template of the app's own with values shown as plain text.

    >>> markdown("**{count}** · {caption}", count="2 records", caption="Org: *Mirim*")
    '**2 records** · Org\\\\: \\\\*Mirim\\\\*'
    """
    return template.format(**{key: escape_markdown(value) for key, value in values.items()})
