"""History: who added, changed, reviewed, undid or imported a record or a report, when and why."""

from __future__ import annotations

from border_atlas.ui.history_page import history_page

history_page()
