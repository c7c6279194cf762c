"""Choosing among overlapping spans of one text, in time proportional to the text.

>>> keep_longest([(0, 3, "a"), (2, 9, "b"), (9, 10, "c")], length=10, span=lambda item: item[:2])
[(2, 9, 'b'), (9, 10, 'c')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

Item = TypeVar("Item")


class Coverage:
    """The characters of a text that kept spans already take."""

    def __init__(self, length: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._taken = bytearray(max(length, 0))
        for start, end in spans:
            self.take(start, end)

    def free(self, start: int, end: int) -> bool:
        return self._taken.find(1, max(start, 0), max(end, 0)) == -1

    def take(self, start: int, end: int) -> None:
        start, end = max(start, 0), min(max(end, 0), len(self._taken))
        if start < end:
            self._taken[start:end] = b"\x01" * (end - start)


def keep_longest(items: Iterable[Item], *, length: int, span: Callable[[Item], tuple[int, int]],
                 rank: Callable[[Item], int] = lambda item: 0) -> list[Item]:
    """The items whose spans overlap no longer one (ties: lower rank, then earlier), in text order."""
    coverage = Coverage(length)
    kept = []
    for item in sorted(items, key=lambda item: (span(item)[0] - span(item)[1], rank(item), span(item)[0])):
        start, end = span(item)
        if 0 <= start < end <= length and coverage.free(start, end):
            coverage.take(start, end)
            kept.append(item)
    return sorted(kept, key=lambda item: span(item)[0])
