"""Ids for new rows: lower-case words joined by hyphens, made from names and dates, never reused.

>>> source_id_for("Daily NK (English)", "2018-02-28"), source_id_for("NK Insider", "2025-10-27")
('dailynk-2018-02-28', 'nkinsider-2025-10-27')
>>> slug("Foreign Liaison Office 7.27"), slug("Ryŏnbong 2-dong"), unique_id("mss", {"mss", "mss-2"})
('foreign-liaison-office-7-27', 'ryonbong-2-dong', 'mss-3')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

MAX_LENGTH = 60
_NOT_ID = re.compile(r"[^a-z0-9]+")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("'", "").replace("’", "")


def slug(text: str, *, fallback: str = "item") -> str:
    """``text`` as an id: letters and digits, runs of anything else as one hyphen, at most 60 characters."""
    words = [w for w in _NOT_ID.split(_folded(text)) if w]
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > MAX_LENGTH:
            break
        out = f"{out}-{word}" if out else word
    return out or (words[0][:MAX_LENGTH] if words else fallback)


def outlet_key(outlet: str) -> str:
    """The outlet's name without brackets, in one word: "Daily NK (English)" -> "dailynk"."""
    return slug(_BRACKETS.sub(" ", str(outlet)), fallback="report").replace("-", "")[:30] or "report"


def source_id_for(outlet: str, published: str | None) -> str:
    """A report's id from its outlet and date, as the sources table writes them."""
    return f"{outlet_key(outlet)}-{published}" if published else f"{outlet_key(outlet)}-undated"


def unique_id(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not in ``taken``."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
