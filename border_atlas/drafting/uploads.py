"""Limits and checks every imported file goes through: size, zip archives, XML declarations.

An imported file is hostile until read: it is refused, with a message naming it, when it is
empty or too large, when a zip archive (XLSX, KMZ) holds too many entries or unpacks to far more
than it weighs, or when its XML declares a document type or entities (which no spreadsheet or
KML file needs, and which could make a parser read other files or blow up in memory).

>>> check_size(b"", name="sites.kml")
Traceback (most recent call last):
...
border_atlas.drafting.uploads.FileRefused: sites.kml is empty.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_ROWS = 10_000
_DECLARATIONS = tuple(word.encode(codec) for word in ("<!doctype", "<!entity", "<!DOCTYPE", "<!ENTITY")
                      for codec in ("utf-8", "utf-16-le", "utf-16-be"))


class FileRefused(ValueError):
    """An imported file that is not read; the message says which, why, and what to do."""


def check_size(data: bytes, *, name: str, limit: int = MAX_BYTES) -> None:
    if not data:
        raise FileRefused(f"{name} is empty.")
    if len(data) > limit:
        raise FileRefused(f"{name} is {len(data) / 1048576:.1f} MB; the limit is {limit / 1048576:.0f} MB.")


def check_xml(data: bytes, *, name: str) -> None:
    """Refuse XML that declares a document type or entities."""
    if any(word in data for word in _DECLARATIONS):
        raise FileRefused(f"{name} declares a document type or entities (<!DOCTYPE>, <!ENTITY>), which this kind "
                          "of file does not need; it is not read. Export it again from the program that made it.")


def zip_members(data: bytes, *, name: str, kind: str) -> list[zipfile.ZipInfo]:
    """The entries of a zip archive, once its size, entry count and encryption are checked."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FileRefused(f"{name} is not a {kind} file (it is not a zip archive), or it is damaged.") from exc
    if len(members) > MAX_ENTRIES:
        raise FileRefused(f"{name} holds {len(members):,} files; a {kind} file holds far fewer. It is not read.")
    if sum(member.file_size for member in members) > MAX_UNPACKED:
        raise FileRefused(f"{name} unpacks to more than {MAX_UNPACKED / 1048576:.0f} MB; it is not read.")
    if any(member.flag_bits & 0x1 for member in members):
        raise FileRefused(f"{name} is protected by a password; save an unprotected copy and import that.")
    return members


def read_member(data: bytes, member: zipfile.ZipInfo, *, name: str) -> bytes:
    """One entry's bytes, never more than its declared size."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive, archive.open(member) as handle:
            content = handle.read(MAX_UNPACKED + 1)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError) as exc:
        raise FileRefused(f"{name}: {member.filename} cannot be unpacked; the file may be damaged.") from exc
    if len(content) > MAX_UNPACKED:
        raise FileRefused(f"{name}: {member.filename} unpacks to more than {MAX_UNPACKED / 1048576:.0f} MB.")
    return content
