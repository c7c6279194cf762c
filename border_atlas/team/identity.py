"""Who is working: the name recorded on every save, undo and import, and whose saves "undo my last" may undo.

For now the local user name; a shared server with sign-in can replace :func:`current_user`.

>>> isinstance(current_user(), str) and current_user() != ""
True
"""

from __future__ import annotations

import getpass


def current_user() -> str:
    """The local user name (``getpass.getuser``), or "unknown" where the system gives none."""
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):  # no login name and no entry in the password database (a bare container)
        return "unknown"
