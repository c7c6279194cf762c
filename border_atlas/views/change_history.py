"""The history of a row or a report in words: one line per change, saying when, who, what and why.

>>> KIND_WORDS["send back"], KIND_WORDS["approve"], KIND_WORDS["undo"]
('sent back', 'approved', 'undid')
"""

from __future__ import annotations

from itertools import groupby

from border_atlas.store.history import Change
from border_atlas.store.row_history import FIRST_IMPORT, RowEvent
from border_atlas.text.wording import count_label, row_noun

# Every kind of change the history holds: saves, undos and imports, and the review decisions.
KIND_WORDS = {"save": "saved", "undo": "undid", "import": "imported", "approve": "approved",
              "send back": "sent back", "reject": "rejected"}
SHOWN_ROWS = 4  # rows named in one line of a report's history; the rest are counted
COLUMNS = ("change", "when (UTC)", "who", "what", "why", "undone by")  # the number first: the buttons name it


def kind_word(kind: str) -> str:
    """The past tense of a change's kind; a kind this version does not know is shown as it is recorded."""
    return KIND_WORDS.get(kind, kind)


def _row_word(row: tuple[str, str]) -> str:
    return f"{row_noun(row[0])} {row[1]}"


def _verb(change: Change) -> str:
    if change.kind == "undo" and change.undoes is not None:
        return f"undid change {change.undoes}"
    return kind_word(change.kind)


def _listed(words: list[str]) -> str:
    more = len(words) - SHOWN_ROWS
    return ", ".join(words[:SHOWN_ROWS] + ([f"{count_label(more, 'more row')}"] if more > 0 else []))


def what(change: Change, events: list[RowEvent], *, name_rows: bool) -> str:
    """What the change did to the rows shown: "saved: added", "undid change 5: removed", "approved"; with
    ``name_rows`` (a report's history) which rows: "saved: added record x, added place y, 3 more rows"."""
    if any(e.effect == FIRST_IMPORT for e in events):
        rows = [_row_word(e.row) for e in events if e.effect == FIRST_IMPORT]
        return "imported with the source folder" + (f": {_listed(rows)}" if name_rows else "")
    written = [e for e in events if e.effect is not None]
    if not written:  # a review decision: it names rows without writing them
        rows = [_row_word(e.row) for e in events if e.row[0] != "sources"]
        return kind_word(change.kind) + (f" {_listed(rows)}" if name_rows and rows else "")
    words = [f"{e.effect} {_row_word(e.row)}" if name_rows else e.effect for e in written]
    return f"{_verb(change)}: {_listed(list(dict.fromkeys(words)))}"


def history_lines(events: list[RowEvent], *, name_rows: bool) -> list[dict[str, str | None]]:
    """One line per change, newest first; ``name_rows``: say which rows (a report's history spans many)."""
    lines = []
    for _, grouped in groupby(events, key=lambda e: e.change.id):
        group = list(grouped)
        change = group[0].change
        lines.append({"when (UTC)": change.time.replace("T", " ").removesuffix("Z"), "who": change.user,
                      "what": what(change, group, name_rows=name_rows),
                      "why": change.note, "change": str(change.id),
                      "undone by": None if change.undone_by is None else str(change.undone_by)})
    return lines[::-1]


def revertible(events: list[RowEvent]) -> list[Change]:
    """The saves in the history that are not undone yet, newest first: what a reviewer may revert by name."""
    saves = {e.change.id: e.change for e in events if e.change.kind == "save" and e.change.undone_by is None
             and e.effect is not None}
    return [saves[i] for i in sorted(saves, reverse=True)]
