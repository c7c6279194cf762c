"""Review: the records analysts saved, beside the paragraphs they cite; approve, send back or reject."""

from __future__ import annotations

from border_atlas.ui.approval import review_page

review_page()
