"""Organisation names not yet in the atlas, proposed from the words that mark them.

A proposal is a run of capitalised words that ends in a word such as Company, Bureau, Office,
Brigade, Corps, Command or Forces ("Korean People's Social Security Forces"), possibly followed by
a number ("Unit 121"), or one that begins "Ministry of ..." or "Department of ...". Sentence
openers, titles and an owner's possessive are trimmed from the front ("After Director of the
...", "North Korea's Ministry of ..."); runs never cross punctuation. An abbreviation in brackets
right after a name is kept as its ``short_name``. Names that overlap a known organisation are
not proposed.

>>> [(m.text, m.how) for m in propose_organisations("Staff of the Korean Ocean Shipping Company left.")]
[('Korean Ocean Shipping Company', "cue word 'Company'")]
>>> [(m.text, m.short_name) for m in propose_organisations("North Korea’s Ministry of State Security (MSS) is")]
[('Ministry of State Security', 'MSS')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from border_atlas.ingest.organisations import OrganisationMention
from border_atlas.ingest.spans import Coverage
from border_atlas.ingest.words import KOREAN_SURNAMES, SENTENCE_WORDS, Token, tokens

TRAILING_CUES = frozenset((
    "company", "corporation", "enterprise", "bureau", "office", "department", "ministry", "agency", "commission",
    "committee", "council", "command", "brigade", "corps", "division", "regiment", "battalion", "unit", "forces",
    "army", "navy", "guard", "police", "bank", "group", "service", "administration", "association", "federation",
    "league", "institute", "academy", "party",
))
LEADING_CUES = frozenset((
    "ministry", "department", "bureau", "office", "committee", "council", "commission", "federation", "union",
    "bank", "institute", "academy",
))
_CONNECTORS = frozenset(("of", "and", "for", "on", "the", "&"))
_TITLES = frozenset((
    "minister", "director", "chairman", "chief", "head", "commander", "president", "secretary", "deputy", "vice",
    "officer", "official", "officials", "member", "members", "cadre", "cadres",
))
_GAP = re.compile(r"['’]?\s+")
_ABBREVIATION_AFTER = re.compile(r"\s?\(([A-Z][A-Z0-9]{1,7})\)")


def propose_organisations(text: str, *, known: Iterable[OrganisationMention] = ()) -> list[OrganisationMention]:
    """Organisation names in ``text`` marked by cue words that overlap none of ``known``."""
    taken = Coverage(len(text), ((m.start, m.end) for m in known))
    proposals = []
    runs = (part for run in _capitalised_runs(text, tokens(text)) for part in _split_lists(run))
    for run in runs:
        name = _name_in(_trim_front(run))
        if not name:
            continue
        start, end = name[0].start, name[-1].core_end
        if not taken.free(start, end):
            continue
        cue = name[0] if name[0].key in LEADING_CUES and len(name) > 2 and name[1].key == "of" else _last_cue(name)
        short = _ABBREVIATION_AFTER.match(text, end)
        proposals.append(OrganisationMention(start, end, text[start:end], None, f"cue word '{cue.core}'",
                                             text[start:end], is_new=True, short_name=short[1] if short else None))
    return proposals


def _capitalised_runs(text: str, words: list[Token]) -> Iterable[list[Token]]:
    """Runs of capitalised words, with lower-case connectors ("of", "and") only between them."""
    run: list[Token] = []
    for word in words:
        joined = bool(run) and _GAP.fullmatch(text[run[-1].end:word.start]) is not None
        if run and not joined:
            yield _trim_back(run)
            run = []
        if word.capitalised or (run and word.key in _CONNECTORS and not word.text[:1].isupper()):
            run.append(word)
        elif run:
            yield _trim_back(run)
            run = []
    if run:
        yield _trim_back(run)


def _split_lists(run: list[Token]) -> list[list[Token]]:
    """"A Party and B Unit" is two names where the words before "and" already name a body."""
    parts, start, cue_seen = [], 0, False
    for i, word in enumerate(run):
        if word.key == "and" and cue_seen:
            parts.append(run[start:i])
            start, cue_seen = i + 1, False
        cue_seen = cue_seen or word.key in TRAILING_CUES
    return [*parts, run[start:]]


def _trim_back(run: list[Token]) -> list[Token]:
    end = len(run)
    while end and run[end - 1].key in _CONNECTORS and not run[end - 1].capitalised:
        end -= 1
    return run[:end]


def _trim_front(run: list[Token]) -> list[Token]:
    start = 0
    for i, word in enumerate(run[:-2]):
        if word.core_end != word.end and run[i + 1].key in LEADING_CUES and run[i + 2].key == "of":
            start = i + 1  # "North Korea's Ministry of ...": the owner is not part of the name
    while start < len(run) and (run[start].key in SENTENCE_WORDS or run[start].key in _CONNECTORS):
        start += 1
    if len(run) - start > 2 and run[start].key in _TITLES and run[start + 1].key == "of":
        start += 2
        while start < len(run) and run[start].key in _CONNECTORS:
            start += 1
    return run[start:]


def _name_in(run: list[Token]) -> list[Token]:
    """The name a run holds: from a leading "Ministry of", or up to its last cue word and any number."""
    if len(run) > 2 and run[0].key in LEADING_CUES and run[1].key == "of":
        ends = [i for i, word in enumerate(run) if i > 2 and (word.key in _TITLES or word.key in KOREAN_SURNAMES)]
        return run[: ends[0]] if ends else run  # "Ministry of Unification Minister Kim ..." ends at the title
    cues = [i for i, word in enumerate(run) if word.key in TRAILING_CUES]
    if not cues:
        return []
    last = cues[-1]
    while last + 1 < len(run) and run[last + 1].text[:1].isdigit():
        last += 1
    name = run[: last + 1]
    linked = [i for i, word in enumerate(name[:cues[-1]]) if word.key == "of"]
    if linked and not any(word.key in TRAILING_CUES for word in name[:linked[0]]):
        name = _trim_front(name[linked[0] + 1:])  # "Staff of the X Company" names X Company
    return name if len(name) >= 2 else []


def _last_cue(name: list[Token]) -> Token:
    return [word for word in name if word.key in TRAILING_CUES][-1]
