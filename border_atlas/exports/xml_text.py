"""Text for XML written as strings: XML 1.0-safe, escaped for its context, made a column at a time.

The KML export writes its file as text rather than through an object tree. Everything that
goes into it passes through here: :func:`xml_text` replaces what XML 1.0 forbids,
:func:`xml_escape` and :func:`escape_attribute` escape for element text and attribute values,
:func:`html_text` makes a value safe inside the HTML of a description.

Large documents repeat most values many times (organisations, places, citations, dates), and
Python pays per call: a :class:`Memo` computes each distinct value once, and :func:`fill`
writes a template once per row from columns of ready-made pieces.

>>> fill("<b>{name}</b> ({role}) ", {"name": [b"Kangan", b"Hyesan"], "role": [b"crossing", b"city"]})
b'<b>Kangan</b> (crossing) <b>Hyesan</b> (city) '
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from itertools import chain, repeat

import pandas as pd

from border_atlas.text.escaping import esc

XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
BIDI_ISOLATES = re.compile("[\u2066-\u2069]")


class Memo(dict):
    """``func(key)`` by key, each computed on first use.

    >>> lengths = Memo(len)
    >>> lengths["Hyesan"], lengths["Hyesan"], dict(lengths)
    (6, 6, {'Hyesan': 6})
    """

    def __init__(self, func: Callable) -> None:
        super().__init__()
        self.func = func

    def __missing__(self, key):
        value = self[key] = self.func(key)
        return value

    def prime(self, values: Iterable) -> Memo:
        """Fill in every distinct value at once; ``func`` must work character by character.

        That is, it maps each character on its own, or changes a text because it holds some
        character (as :func:`xml_text`, :func:`xml_escape` and :func:`html_text` do), so that
        when the distinct texts joined together come back unchanged, each does: the usual case
        costs one call for a whole column rather than one per value.

        >>> escaped = Memo(lambda v: (v or "").replace("&", "&amp;"))
        >>> sorted(escaped.prime(["ab", "c", None, "ab"]).items(), key=str)
        [('ab', 'ab'), ('c', 'c'), (None, '')]
        >>> escaped.prime(["a&b", "c"])["a&b"]
        'a&amp;b'
        """
        distinct = [value for value in set(values) if value not in self]
        texts = [value for value in distinct if type(value) is str and value]
        joined = "".join(texts)
        if self.func(joined) == joined:
            self.update(zip(texts, texts))
        for value in distinct:
            self[value]  # noqa: B018 (computed by __missing__ unless filled in above)
        return self

    def apply(self, values: list) -> list:
        """``func`` of each value; ``values`` itself where each would come back as it is.

        >>> Memo(lambda v: v or None).apply(["a", "", "a"]), Memo(str.strip).apply(["a", "b"])
        (['a', None, 'a'], ['a', 'b'])
        """
        distinct = set(values)
        self.prime(distinct)
        if all(self[value] is value for value in distinct):
            return values
        return [self[value] for value in values]


def xml_text(value) -> str:
    """Text XML 1.0 can carry: forbidden characters become U+FFFD; "" for missing values.

    >>> xml_text("Hye\\x00san\\x1b"), xml_text(None), xml_text(float("nan")), xml_text("\\ud800")
    ('Hye\\ufffdsan\\ufffd', '', '', '\\ufffd')
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return XML_FORBIDDEN.sub("\ufffd", str(value))


def escape_text(text: str) -> str:
    """``& < >`` as references, and a carriage return as ``&#13;`` (a parser turns a literal one into a newline).

    >>> escape_text("a<b>&]]>\\r")
    'a&lt;b&gt;&amp;]]&gt;&#13;'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def xml_escape(value) -> str:
    """Element text: forbidden characters replaced, then escaped; "" for missing values.

    >>> xml_escape("a<b>&]]>\\r\\x00"), xml_escape(None)
    ('a&lt;b&gt;&amp;]]&gt;&#13;\\ufffd', '')
    """
    return escape_text(xml_text(value))


def escape_attribute(value) -> str:
    """An attribute value to put between double quotes; tab, newline and return as references.

    >>> escape_attribute('a"b<c&\\n\\x00')
    'a&quot;b&lt;c&amp;&#10;\\ufffd'
    """
    escaped = escape_text(xml_text(value))
    return escaped.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def html_text(value) -> str:
    """A value for an HTML description: XML-safe, escaped, bidirectional controls isolated.

    >>> html_text("<b>Kangan</b>"), html_text("$[name]")
    ('&lt;b&gt;Kangan&lt;/b&gt;', '&#36;[name]')
    >>> html_text("abc\\u202edef") == "\\u2068abc\\u202edef\\u2069"
    True
    """
    text = xml_text(value)
    if BIDI_CONTROLS.search(text):
        text = "\u2068" + BIDI_ISOLATES.sub("", text) + "\u2069"
    return esc(text)


def html_xml(value) -> str:
    """:func:`html_text` escaped as XML text, for HTML written inside an XML element.

    >>> html_xml("<b>Kangan & co</b>")
    '&amp;lt;b&amp;gt;Kangan &amp;amp; co&amp;lt;/b&amp;gt;'
    """
    return escape_text(html_text(value))


def leaf(tag: str, value, indent: str) -> str:
    """``<tag>value</tag>`` on a line of its own; "" for an empty value, as such elements are left out.

    >>> leaf("name", "Kangan & <Hyesan>", "  "), leaf("name", None, "  ")
    ('  <name>Kangan &amp; &lt;Hyesan&gt;</name>\\n', '')
    """
    text = xml_escape(value)
    return f"{indent}<{tag}>{text}</{tag}>\n" if text else ""


def fill(template: str, columns: dict[str, list[bytes]]) -> bytes:
    """``template.format(**row)`` for each row of ``columns``, as UTF-8, all joined from the columns' pieces.

    The pieces are UTF-8 already; the template's own text goes in as it is: escape it first
    where it needs escaping. Bytes rather than text: joining them copies a byte per ASCII
    character, where a text holding one wide character would take two or four for each.

    >>> fill("{a}-{b}.", {"a": [b"1", b"2"], "b": [b"x", "\u2248".encode()]})
    b'1-x.2-\\xe2\\x89\\x88.'
    """
    pieces: list[Iterable[bytes]] = []
    for literal, field, _, _ in string.Formatter().parse(template):
        if literal:
            pieces.append(repeat(literal.encode()))
        if field is not None:
            pieces.append(columns[field])
    return b"".join(chain.from_iterable(zip(*pieces)))


def extended_data(values: dict[str, str | None], indent: str) -> str:
    """An ExtendedData element with a Data per value; a Data with an empty value is left out, and so is one with none.

    >>> extended_data({"grade": "C3", "note": None}, "")
    '<ExtendedData>\\n  <Data name="grade"><value>C3</value></Data>\\n</ExtendedData>\\n'
    """
    data = "".join(f'{indent}  <Data name="{escape_attribute(name)}"><value>{text}</value></Data>\n'
                   for name, value in values.items() if (text := xml_escape(value)))
    return f"{indent}<ExtendedData>\n{data}{indent}</ExtendedData>\n" if data else ""
