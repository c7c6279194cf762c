"""Which names the store accepts: ids, table names, and text free of NUL bytes.

Every id that becomes part of a path (an export's ``reports/<source_id>.txt``) is checked here,
so nothing an analyst types can point outside the folder exported to.
"""

from __future__ import annotations

import re

from border_atlas.store.errors import InvalidInput

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 100
ARCHIVE_DIR = "reports"  # <data>/reports/<source_id>.txt


def check_id(value: object, *, what: str = "id") -> str:
    """Return ``value`` if it is a lower-case id (``^[a-z0-9]+(-[a-z0-9]+)*$``), else raise.

    >>> check_id("dailynk-2018-02-28")
    'dailynk-2018-02-28'
    >>> check_id("../etc/passwd", what="source id")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    border_atlas.store.errors.InvalidInput: source id '../etc/passwd' is not a valid id: use lower-case letters, ...
    """
    if not isinstance(value, str) or len(value) > MAX_ID_LENGTH or not ID_PATTERN.fullmatch(value):
        shown = repr(value)[:MAX_ID_LENGTH + 2]
        raise InvalidInput(f"{what} {shown} is not a valid id: use lower-case letters, digits and single hyphens "
                           "(e.g. 'dailynk-2018-02-28')")
    return value


def check_text(value: object, *, where: str) -> str:
    """Return ``value`` if it is text that UTF-8 can encode and holds no NUL byte, else raise.

    >>> check_text("Hyesan", where="places row 1, field 'name'")
    'Hyesan'
    >>> check_text("a\\x00b", where="places row 1, field 'name'")
    Traceback (most recent call last):
    ...
    border_atlas.store.errors.InvalidInput: places row 1, field 'name' contains a NUL byte; remove it and save again
    """
    if not isinstance(value, str):
        raise InvalidInput(f"{where} is {type(value).__name__}, not text; convert values to str before saving")
    if "\x00" in value:
        raise InvalidInput(f"{where} contains a NUL byte; remove it and save again")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInput(f"{where} cannot be written as UTF-8 ({exc.reason})") from None
    return value
