"""Bytes to text: Unicode byte-order marks, UTF-8, and UTF-16 written without a mark.

Anything else is refused with a message that names the file and says what to do, rather than
guessed at: a wrong guess would silently change the names and figures an analyst cites.

>>> decode_text("Hyesan".encode("utf-16"), name="a.txt")
'Hyesan'
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from border_atlas.ingest.errors import IngestError

# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_UNWANTED = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u200b\ufeff]")
# Share of characters that are control characters or undecodable above which data is not text.
_BINARY_SHARE = 0.05


def decode_text(data: bytes, *, name: str) -> str:
    """Decode ``data`` as text, or raise :class:`IngestError` naming ``name``."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Text in another encoding has undecodable letters but no control characters; binary data has both.
        if _looks_binary(data.decode("latin-1"), count_undecodable=False):
            raise IngestError(f"{name} does not look like a text file (it holds binary data).") from exc
        raise IngestError(
            f"{name} is not UTF-8 text: byte 0x{data[exc.start]:02X} at position {exc.start} cannot be read. "
            "Save the file as UTF-8 (or UTF-16) and add it again."
        ) from exc
    if _looks_binary(text):
        raise IngestError(f"{name} does not look like a text file (it holds binary data).")
    return text


def clean_text(text: str) -> str:
    """One kind of line break, no control characters, composed (NFC) characters.

    >>> clean_text("a\\r\\nb\\x00c")
    'a\\nbc'
    """
    return _UNWANTED.sub("", unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", text)))


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise IngestError(f"{name} looks like {codec.upper()} text but byte {exc.start} cannot be read.") from exc
    if _looks_binary(text):
        raise IngestError(f"{name} does not look like a text file (it holds binary data).")
    return text.removeprefix("\ufeff")


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when nearly every other byte is zero, as in mostly-Latin UTF-16."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _looks_binary(text: str, *, count_undecodable: bool = True) -> bool:
    if not text:
        return False
    odd = sum(1 for c in text if (count_undecodable and c == "\ufffd")
              or (unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v" and not "\x80" <= c <= "\x9f"))
    return "\x00" in text or odd / len(text) > _BINARY_SHARE
