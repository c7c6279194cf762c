"""Escaping for every text that reaches HTML or a JavaScript template literal.

folium puts popup and tooltip HTML inside JavaScript template literals (`...`), where a
backtick ends the string and ``${...}`` runs code; html.escape alone does not stop either.
"""

from __future__ import annotations

import html

import pandas as pd


def esc(value) -> str:
    """Text safe inside HTML and inside a JavaScript template literal; "" for missing values.

    >>> esc("<b>`${x}`</b>")
    '&lt;b&gt;&#96;&#36;{x}&#96;&lt;/b&gt;'
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True).replace("`", "&#96;").replace("$", "&#36;")
