"""Organisations named in a paragraph: the known ones, and new names proposed by their cue words.

Known names come from the organisations table (name, short name, aliases) and from the
curated reference file ``data/reference/organisation_aliases.csv`` (other well-established
names, each with its source). Matching is word by word, ignoring case, accents, punctuation and
a possessive "'s"; an all-capital abbreviation ("MSS") only matches in capitals, so that an
ordinary word is never read as one. The longest name wins where names overlap. A name followed
by a word for a structure ("border guard posts") is not read as the body.

>>> index = OrganisationIndex.from_rows([{"id": "mss", "name": "Ministry of State Security", "short_name": "MSS"}])
>>> [(m.text, m.org_id, m.how) for m in index.find("the Ministry of State Security's order; MSS agents")]
[('Ministry of State Security', 'mss', 'name'), ('MSS', 'mss', 'short name')]
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from border_atlas.ingest.words import Token, keys, tokens
from border_atlas.text.names import split_list

ALIAS_FILE = Path(__file__).resolve().parents[2] / "data" / "reference" / "organisation_aliases.csv"
# Preference among names that match the same words.
_HOW_ORDER = ("name", "short name", "name without its qualifier", "alias", "reference alias")
_ABBREVIATION = re.compile(r"^[A-Z0-9]{2,6}$")
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*")
_GAP = re.compile(r"\s+|\s*[-–/]\s*|\.\s*")
# A name followed by one of these words names a structure ("border guard posts"), not the body.
_STRUCTURE_AFTER = re.compile(r"[- ](?:posts?|outposts?|stations?|checkpoints?|barracks|towers?|fences?|"
                              r"buildings?|headquarters)\b", re.IGNORECASE)


@dataclass(frozen=True)
class OrganisationMention:
    """A stretch of text naming an organisation: a known one (``org_id``) or a proposed new one."""

    start: int
    end: int
    text: str
    org_id: str | None  # None for a new name
    how: str  # name, short name, alias, reference alias, ...; for new names the cue that found it
    matched: str  # the name or alias it matched, or the proposed name
    is_new: bool = False
    alternatives: tuple[str, ...] = ()  # other organisations known by the same name
    short_name: str | None = None  # for a new name: an abbreviation given in brackets after it


@dataclass(frozen=True)
class _Entry:
    org_id: str
    name: str
    how: str
    abbreviation: bool


@dataclass(frozen=True)
class OrganisationIndex:
    """Every known name of every organisation, looked up by its words."""

    entries: Mapping[tuple[str, ...], tuple[_Entry, ...]] = field(default_factory=dict)
    widths: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # name lengths by first word, longest first

    @classmethod
    def from_rows(cls, organisations, aliases: Iterable[Mapping] = ()) -> OrganisationIndex:
        """Build from organisation rows (a DataFrame or mappings) and reference alias rows.

        Alias rows whose ``org_id`` is not among the organisations are left out.
        """
        found: dict[tuple[str, ...], list[_Entry]] = {}
        rows = list(records(organisations))
        ids = {str(row.get("id")) for row in rows}
        for row in rows:
            for name, how in _names_of(row):
                _add(found, str(row["id"]), name, how)
        for row in records(aliases):
            if str(row.get("org_id")) in ids and _text(row.get("alias")):
                _add(found, str(row["org_id"]), _text(row["alias"]), "reference alias")
        ordered = {key: tuple(sorted(entries, key=lambda e: _HOW_ORDER.index(e.how))) for key, entries in found.items()}
        widths: dict[str, set[int]] = {}
        for key in ordered:
            widths.setdefault(key[0], set()).add(len(key))
        return cls(ordered, {word: tuple(sorted(sizes, reverse=True)) for word, sizes in widths.items()})

    def find(self, text: str) -> list[OrganisationMention]:
        """Known organisations named in ``text``, leftmost-longest, in order."""
        words = tokens(text)
        mentions, i = [], 0
        while i < len(words):
            mention, width = self._match_at(text, words, i)
            if mention:
                mentions.append(mention)
            i += width or 1
        return mentions

    def is_known_name(self, name: str) -> bool:
        """Whether ``name`` is exactly a known name of some organisation."""
        return keys(name) in self.entries

    def _match_at(self, text: str, words: list[Token], i: int) -> tuple[OrganisationMention | None, int]:
        for width in self.widths.get(words[i].key, ()):
            span = words[i:i + width]
            if len(span) < width or not _joined(text, span) or _STRUCTURE_AFTER.match(text, span[-1].core_end):
                continue
            for entry in self.entries.get(tuple(t.key for t in span), ()):
                if entry.abbreviation and not span[-1].core.isupper():
                    continue
                others = tuple(dict.fromkeys(e.org_id for e in self.entries[tuple(t.key for t in span)]
                                             if e.org_id != entry.org_id))
                start, end = span[0].start, span[-1].core_end
                return OrganisationMention(start, end, text[start:end], entry.org_id, entry.how, entry.name,
                                           alternatives=others), width
        return None, 0


def load_aliases(path: Path | str = ALIAS_FILE) -> list[dict[str, str]]:
    """The reference alias rows (org_id, alias, source, note); [] when the file is absent."""
    path = Path(path)
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def records(table) -> Iterable[Mapping]:
    """Rows of a DataFrame or an iterable of mappings, as mappings."""
    if table is None:
        return []
    if hasattr(table, "to_dict"):
        return table.to_dict("records")
    return table


def _names_of(row: Mapping) -> Iterable[tuple[str, str]]:
    name = _text(row.get("name"))
    if name:
        yield name, "name"
        bare = _QUALIFIER.sub(" ", name).strip()
        if bare and bare != name:
            yield bare, "name without its qualifier"
    if _text(row.get("short_name")):
        yield _text(row["short_name"]), "short name"
    for alias in split_list(row.get("aliases")):
        yield alias, "alias"


def _add(found: dict, org_id: str, name: str, how: str) -> None:
    key = keys(name)
    if key:
        entry = _Entry(org_id, name, how, bool(_ABBREVIATION.match(name)))
        if entry not in found.setdefault(key, []):
            found[key].append(entry)


def _joined(text: str, span: list[Token]) -> bool:
    """Words of one name are joined by spaces, a hyphen or slash, or the dot of "No. 39"; never a comma."""
    return all(_GAP.fullmatch(text[a.end:b.start]) for a, b in zip(span, span[1:]))


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""
