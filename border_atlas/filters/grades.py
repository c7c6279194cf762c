"""Admiralty grades: source reliability A (reliable) to F, information credibility 1 (confirmed) to 6.

A :class:`GradeRange` keeps records within a range on each scale, so that both "C3 or better"
and "worse than B2" can be asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RELIABILITY = "ABCDEF"
CREDIBILITY = (1, 2, 3, 4, 5, 6)
_GRADE = re.compile(r"^\s*([A-Fa-f])\s*([1-6])\s*$")
_LETTERS = re.compile(r"^\s*([A-Fa-f])\s*(?:[-–]\s*([A-Fa-f]))?\s*$")
_DIGITS = re.compile(r"^\s*([1-6])\s*(?:[-–]\s*([1-6]))?\s*$")


@dataclass(frozen=True)
class GradeRange:
    """Best and worst reliability letter, best and worst credibility number (inclusive).

    >>> GradeRange.at_least("C3")
    GradeRange(reliability=('A', 'C'), credibility=(1, 3))
    >>> str(GradeRange(("C", "F"), (3, 6)))
    'reliability C–F, credibility 3–6'
    """

    reliability: tuple[str, str] = ("A", "F")
    credibility: tuple[int, int] = (1, 6)

    def __post_init__(self):
        (r0, r1), (c0, c1) = self.reliability, self.credibility
        if r0 not in RELIABILITY or r1 not in RELIABILITY or r0 > r1:
            raise ValueError(f"reliability must run from A to F, best first: {self.reliability!r}")
        if c0 not in CREDIBILITY or c1 not in CREDIBILITY or c0 > c1:
            raise ValueError(f"credibility must run from 1 to 6, best first: {self.credibility!r}")

    @classmethod
    def at_least(cls, grade: str) -> GradeRange:
        """``"C3"``: graded C or better and 3 or better."""
        match = _GRADE.match(grade)
        if not match:
            raise ValueError(f"not an Admiralty grade (A-F then 1-6): {grade[:20]!r}")
        return cls(("A", match.group(1).upper()), (1, int(match.group(2))))

    @property
    def is_everything(self) -> bool:
        return self == GradeRange()

    def __str__(self) -> str:
        (r0, r1), (c0, c1) = self.reliability, self.credibility
        if (r0, c0) == ("A", 1):
            return f"{r1}{c1} or better"
        return f"reliability {_span(r0, r1)}, credibility {_span(c0, c1)}"


def _span(low, high) -> str:
    return f"{low}" if low == high else f"{low}–{high}"


def parse_letters(text: str) -> tuple[str, str]:
    """``"B-D"`` -> ``("B", "D")``, ``"C"`` -> ``("C", "C")``; ValueError otherwise."""
    match = _LETTERS.match(text)
    if not match:
        raise ValueError(f"not a reliability range such as A-C: {text[:20]!r}")
    low, high = match.group(1).upper(), (match.group(2) or match.group(1)).upper()
    return (low, high) if low <= high else (high, low)


def parse_digits(text: str) -> tuple[int, int]:
    """``"1-3"`` -> ``(1, 3)``; ValueError otherwise."""
    match = _DIGITS.match(text)
    if not match:
        raise ValueError(f"not a credibility range such as 1-3: {text[:20]!r}")
    low, high = int(match.group(1)), int(match.group(2) or match.group(1))
    return (low, high) if low <= high else (high, low)
