"""Everything recognised in a report, paragraph by paragraph.

Places come from a ``place_finder``: any callable that takes a paragraph's text and returns
mentions with ``start``, ``end`` and ``text`` (attributes or keys) plus whatever it knows of the
place. New-place proposals that overlap a found place are dropped: that place is known.

>>> from border_atlas.ingest.documents import report_from_text
>>> report = report_from_text("Title\\nSince 2020 the MSS takes 500 yuan in Hyesan.")
>>> found = recognise(report, organisations=[{"id": "mss", "name": "Ministry of State Security",
...                                            "short_name": "MSS"}], report_date="2025-10-27")
>>> p = found.paragraphs[0]
>>> [o.org_id for o in p.organisations], [d.value for d in p.dates], [a.currency for a in p.amounts]
(['mss'], ['2020'], ['CNY'])
>>> [n.name for n in p.new_places]
['Hyesan']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from border_atlas.ingest.amounts import Amount, find_amounts
from border_atlas.ingest.dates import DateMention, find_dates
from border_atlas.ingest.documents import ReportText
from border_atlas.ingest.new_organisations import propose_organisations
from border_atlas.ingest.new_places import PlaceProposal, propose_places
from border_atlas.ingest.organisations import OrganisationIndex, OrganisationMention, load_aliases
from border_atlas.ingest.spans import Coverage
from border_atlas.ingest.unnamed_bodies import propose_unnamed_bodies

PlaceFinder = Callable[[str], Iterable[Any]]


@dataclass(frozen=True)
class ParagraphFindings:
    """What one paragraph names; every span indexes into ``text``."""

    number: int
    text: str
    places: tuple[Any, ...] = ()
    new_places: tuple[PlaceProposal, ...] = ()
    organisations: tuple[OrganisationMention, ...] = ()  # known ones, and new ones with is_new
    dates: tuple[DateMention, ...] = ()
    amounts: tuple[Amount, ...] = ()

    @property
    def new_organisations(self) -> tuple[OrganisationMention, ...]:
        return tuple(m for m in self.organisations if m.is_new)


@dataclass(frozen=True)
class Recognition:
    """A report and what was recognised in each of its numbered paragraphs."""

    report: ReportText
    report_date: str | None
    paragraphs: tuple[ParagraphFindings, ...]

    def paragraph(self, number: int) -> ParagraphFindings:
        return self.paragraphs[number - 1]

    def to_dict(self) -> dict:
        """Plain data for JSON: the report's metadata and each paragraph's findings."""
        report = {key: value for key, value in dataclasses.asdict(self.report).items() if key != "paragraphs"}
        report["prefilled"] = dict(self.report.prefilled)
        report["paragraph_count"] = len(self.report.paragraphs)
        return {"report": report, "report_date": self.report_date,
                "paragraphs": [_paragraph_dict(p) for p in self.paragraphs]}


def recognise(report: ReportText, *, organisations, events=None, place_finder: PlaceFinder | None = None,
              report_date: str | date | None = None) -> Recognition:
    """Run every recogniser on every paragraph of ``report``.

    ``organisations`` is an :class:`OrganisationIndex` or the organisations table (a
    DataFrame or rows; the reference aliases are then added from the bundled file).
    ``events`` is the events table; ``report_date`` defaults to the report's own date.
    """
    index = organisations if isinstance(organisations, OrganisationIndex) else (
        OrganisationIndex.from_rows(organisations, load_aliases()))
    when = report_date if report_date is not None else report.date
    when = when.isoformat() if isinstance(when, date) else when
    findings = tuple(_paragraph(number, text, index, events, place_finder, when)
                     for number, text in enumerate(report.paragraphs, start=1))
    return Recognition(report, when, findings)


def _paragraph(number: int, text: str, index: OrganisationIndex, events, place_finder, when) -> ParagraphFindings:
    known = index.find(text)
    named = [*known, *propose_organisations(text, known=known)]
    organisations = sorted([*named, *propose_unnamed_bodies(text, known=named)], key=lambda m: m.start)
    places = tuple(m for m in (place_finder(text) if place_finder else ()) if span_of(m, text))
    known_places = Coverage(len(text), (span_of(m, text) for m in places))
    new_places = tuple(p for p in propose_places(text, is_organisation=index.is_known_name)
                       if known_places.free(p.start, p.end))
    amounts = tuple(find_amounts(text))
    money = Coverage(len(text), ((a.start, a.end) for a in amounts))
    dates = tuple(d for d in find_dates(text, report_date=when, events=events) if money.free(d.start, d.end))
    return ParagraphFindings(number, text, places, new_places, tuple(organisations), dates, amounts)


def span_of(mention: Any, text: str) -> tuple[int, int] | None:
    """A mention's (start, end) when it is a valid span of ``text``, else None."""
    get = mention.get if isinstance(mention, Mapping) else lambda key: getattr(mention, key, None)
    start, end = get("start"), get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        return start, end
    return None


def _paragraph_dict(findings: ParagraphFindings) -> dict:
    return {
        "number": findings.number,
        "text": findings.text,
        "places": [_plain(m) for m in findings.places],
        "new_places": [dataclasses.asdict(p) for p in findings.new_places],
        "organisations": [dataclasses.asdict(m) for m in findings.organisations if not m.is_new],
        "new_organisations": [dataclasses.asdict(m) for m in findings.new_organisations],
        "dates": [dataclasses.asdict(d) for d in findings.dates],
        "amounts": [dataclasses.asdict(a) for a in findings.amounts],
    }


def _plain(mention: Any) -> dict:
    if callable(getattr(mention, "to_dict", None)):
        return mention.to_dict()
    if dataclasses.is_dataclass(mention) and not isinstance(mention, type):
        return dataclasses.asdict(mention)
    if isinstance(mention, Mapping):
        return dict(mention)
    return {key: value for key, value in vars(mention).items() if not key.startswith("_")}
