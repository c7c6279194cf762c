"""The places and organisations a recognised report names, as ids: the data's own, or new rows.

Each thing named gets one id however often and however it is written: "Ryanggang Province" and
"Ryanggang" are one new place, "Ministry of State Security (MSS)" and a later "MSS" one new
organisation. Places and organisations the data already has keep their ids and add no row.
An organisation of type customs named after a place ("Hyesan Customs Office") is also proposed
as a facility at that place, position unknown, as the places table records such offices.

>>> from border_atlas.ingest import recognise, report_from_text
>>> from border_atlas.loading.validation import empty_table
>>> found = recognise(report_from_text("T\\nThe Ministry of State Security (MSS) took Kapsan.\\nThe MSS left."),
...                   organisations=[])
>>> entities = collect_entities(found, places=empty_table("places"), organisations=empty_table("organisations"),
...                             source_id="x-2025")
>>> [(row["id"], row["short_name"], row["paragraphs"]) for row in entities.organisations]
[('ministry-of-state-security', 'MSS', '1;2')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from border_atlas.drafting.ids import slug, unique_id
from border_atlas.drafting.place_rows import (
    ambiguous_row,
    provinces_in,
    reference_place_row,
    unknown_position_row,
)
from border_atlas.ingest.dates import DateMention
from border_atlas.ingest.places import FoundPlace
from border_atlas.ingest.recognise import ParagraphFindings, Recognition, span_of
from border_atlas.ingest.spans import Coverage
from border_atlas.ingest.words import keys
from border_atlas.places.gazetteer import Gazetteer, name_form
from border_atlas.places.reference_places import PlaceLinks

# Organisation types a name's own words make plain; every other type is the analyst's to choose.
_TYPE_WORDS = (("customs", "customs"), ("ministry", "ministry"), ("brigade", "military unit"),
               ("corps", "military unit"), ("army", "military unit"), ("regiment", "military unit"),
               ("battalion", "military unit"), ("division", "military unit"))


@dataclass
class Mention:
    """A stretch of a paragraph naming a place or organisation, and that thing's id."""

    start: int
    end: int
    ref: str


@dataclass
class ParagraphRefs:
    """One paragraph: its text, what it names (as ids) and its dates."""

    number: int
    text: str
    organisations: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    dates: tuple[DateMention, ...] = ()


@dataclass(frozen=True)
class Entities:
    places: list[dict]
    organisations: list[dict]
    paragraphs: list[ParagraphRefs]


class _NewRows:
    """New rows of one table, one per key, with ids no table row or other new row has."""

    def __init__(self, taken: Iterable[str]):
        self.taken = set(taken)
        self.rows: dict[tuple, dict] = {}
        self.paragraphs: dict[tuple, list[int]] = {}
        self.aliases: dict[tuple, tuple] = {}

    def add(self, key: tuple, name: str, make: Callable[[str], dict], number: int) -> str:
        key = self.aliases.get(key, key)
        if key not in self.rows:
            place_id = unique_id(slug(name), self.taken)
            self.taken.add(place_id)
            self.rows[key] = make(place_id)
            self.paragraphs[key] = []
        if number not in self.paragraphs[key]:
            self.paragraphs[key].append(number)
        return self.rows[key]["id"]


def _found(rows: _NewRows, key: tuple, what: str) -> str:
    numbers = sorted(rows.paragraphs[key])
    return f"paragraph{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}: {what}"


def collect_entities(recognition: Recognition, *, places: pd.DataFrame, organisations: pd.DataFrame,
                     source_id: str) -> Entities:
    """Ids for every place and organisation the report names, and the new rows they need."""
    new_places = _NewRows(places["id"].dropna())
    new_orgs = _NewRows(organisations["id"].dropna())
    provinces = provinces_in(list(places["id"].dropna()))
    table = Gazetteer(places, reference=(), links=PlaceLinks())
    refs = []
    for findings in recognition.paragraphs:
        paragraph = ParagraphRefs(findings.number, findings.text, dates=findings.dates)
        paragraph.places = _place_mentions(findings, new_places, provinces, source_id, table)
        paragraph.organisations = _organisation_mentions(findings, new_orgs, source_id)
        refs.append(paragraph)
    _abbreviations(refs, new_orgs)
    _customs_facilities(refs, new_orgs, new_places, source_id)
    for key, row in new_places.rows.items():
        row["found"] = "; ".join(filter(None, [_found(new_places, key, row.pop("_what", "")), row.get("found")]))
    for key, row in new_orgs.rows.items():
        row["paragraphs"] = ";".join(map(str, sorted(new_orgs.paragraphs[key])))
        row["found"] = _found(new_orgs, key, row["found"])
    return Entities(list(new_places.rows.values()), list(new_orgs.rows.values()), refs)


def _place_mentions(findings: ParagraphFindings, rows: _NewRows, provinces, source_id: str,
                    table: Gazetteer) -> list[Mention]:
    out = []
    number = findings.number
    for m in findings.places:
        span = span_of(m, findings.text)
        if span is None:
            continue
        ref = _found_place(m, rows, provinces, number)
        if ref:
            out.append(Mention(*span, ref))
    for p in findings.new_places:
        known = table.candidates(p.name, fuzzy=False)
        if known and known[0].confident:  # a name of the places table that no place finder looked for
            out.append(Mention(p.start, p.end, known[0].place.place_id))
            continue
        core, _ = name_form(p.name)
        key = ("name", core)
        ref = rows.add(key, p.name, lambda pid, p=p: {**unknown_position_row(p.name, place_id=pid, kind=p.kind,
                                                                           source_id=source_id), "_what": repr(p.name)},
                       number)
        row = rows.rows[rows.aliases.get(key, key)]
        if not row.get("kind") and p.kind:
            row["kind"] = p.kind
        out.append(Mention(p.start, p.end, ref))
    return sorted(out, key=lambda m: m.start)


def _found_place(m, rows: _NewRows, provinces, number: int) -> str | None:
    """The id of a place the finder found: a table place's own, or a new row's."""
    if not isinstance(m, FoundPlace):
        place_id = m.get("place_id") if isinstance(m, dict) else getattr(m, "place_id", None)
        return place_id if isinstance(place_id, str) else None
    if m.place_id:
        return m.place_id
    core_key = ("name", name_form(m.text)[0])
    if m.place is not None:
        key = ("geonames", m.place.geonames_id)
        rows.aliases.setdefault(core_key, key)
        return rows.add(key, m.text, lambda pid: {**reference_place_row(m.place, place_id=pid, as_written=m.text,
                                                                        provinces=provinces), "_what": repr(m.text)},
                        number)
    return rows.add(core_key, m.text, lambda pid: {**ambiguous_row(m.text, place_id=pid, candidates=m.candidates),
                                                   "_what": repr(m.text)}, number)


def _organisation_mentions(findings: ParagraphFindings, rows: _NewRows, source_id: str) -> list[Mention]:
    out = []
    for m in findings.organisations:
        if not m.is_new:
            if m.org_id:
                out.append(Mention(m.start, m.end, m.org_id))
            continue
        key = ("org", keys(m.text))
        ref = rows.add(key, m.text, lambda oid, m=m: _new_organisation(m, oid, source_id), findings.number)
        row = rows.rows[key]
        if m.short_name and not row.get("short_name"):
            row["short_name"] = m.short_name
        out.append(Mention(m.start, m.end, ref))
    return out


def _new_organisation(mention, org_id: str, source_id: str) -> dict:
    words = set(keys(mention.text))
    kind = next((kind for word, kind in _TYPE_WORDS if word in words), None)
    return {"id": org_id, "name": mention.text, "short_name": mention.short_name, "type": kind,
            "source_id": source_id, "found": f"{mention.text!r} ({mention.how})"}


def _abbreviations(paragraphs: list[ParagraphRefs], rows: _NewRows) -> None:
    """An abbreviation given for a new organisation names it wherever else it is written in capitals."""
    for key, row in rows.rows.items():
        short = row.get("short_name")
        if not short:
            continue
        pattern = re.compile(rf"(?<![^\W_]){re.escape(short)}(?![^\W_])")
        for paragraph in paragraphs:
            taken = Coverage(len(paragraph.text), ((m.start, m.end) for m in paragraph.organisations))
            for match in pattern.finditer(paragraph.text):
                if taken.free(match.start(), match.end()):
                    paragraph.organisations.append(Mention(match.start(), match.end(), row["id"]))
                    if paragraph.number not in rows.paragraphs[key]:
                        rows.paragraphs[key].append(paragraph.number)
            paragraph.organisations.sort(key=lambda m: m.start)


def _customs_facilities(paragraphs: list[ParagraphRefs], orgs: _NewRows, places: _NewRows, source_id: str) -> None:
    """A customs office named after a place is also a facility at that place, position unknown."""
    customs = {row["id"]: row for row in orgs.rows.values() if row.get("type") == "customs"}
    for paragraph in paragraphs:
        for org in [m for m in paragraph.organisations if m.ref in customs]:
            at = next((p for p in paragraph.places if p.start == org.start and p.end < org.end), None)
            if at is None:
                continue
            name = customs[org.ref]["name"]

            def make(pid: str, name=name, parent=at.ref) -> dict:
                row = unknown_position_row(name, place_id=pid, kind="facility", source_id=source_id)
                return {**row, "parent_id": parent, "_what": f"the organisation {name!r}, a facility at {parent!r}"}

            ref = places.add(("facility", org.ref), name, make, paragraph.number)
            paragraph.places = sorted([*paragraph.places, Mention(org.start, org.end, ref)], key=lambda m: m.start)
