"""Name normalisation shared by the gazetteer and organisation look-ups."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s'’‘`ʼ\-–—_.,()]+")


def normalise(name: str) -> str:
    """Fold case, accents and separators: "Ryŏnbong 2-dong" -> "ryonbong2dong".

    Hangul and Chinese characters are kept as they are (NFC), so "혜산" stays "혜산".

    >>> normalise("Hyet'an-dong")
    'hyetandong'
    """
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub("", unicodedata.normalize("NFC", stripped)).casefold()


def split_list(value) -> list[str]:
    """A ';'-separated cell as a list, empty cells as []."""
    if not isinstance(value, str):
        return []
    return [part.strip() for part in value.split(";") if part.strip()]
