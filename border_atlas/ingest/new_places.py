"""Place names a report gives that may be new to the atlas, proposed from the words around them.

Cues: a name before "Province", "County", "district", "area" and the like, or a list before a
plural ("North Hamgyong, Ryanggang and Jagang provinces") or after one ("provinces like A, B and
C"); a Korean suffix ("Hyetan-dong", "Samsu-gun", "Ryonbong 1-dong"); a capitalised name after
"in", "near", "outside" or "around". Every proposal is a name the text gives, needs an analyst's
confirmation, and has no position: where it lies is unknown until someone finds out.

Names that are not places are left out: sentence openers, months and weekdays, nationalities and
languages, countries, outlets, personal names (a Korean family name first), abbreviations, and
names ending in an organisation word ("Hyesan Customs Office"), or that ``is_organisation`` knows.

>>> [(p.name, p.kind, p.cue) for p in propose_places("Traders in Hyesan and the Samsu-gun market.")]
[('Hyesan', None, "after 'in'"), ('Samsu-gun', 'county', "suffix '-gun'")]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from border_atlas.ingest.new_organisations import TRAILING_CUES
from border_atlas.ingest.spans import keep_longest
from border_atlas.ingest.words import (
    COMMON_CAPITALISED,
    COUNTRIES,
    DEMONYMS,
    KOREAN_SURNAMES,
    OUTLETS,
    SENTENCE_WORDS,
    fold,
)

# Bounded lengths and a word start keep every match attempt short, whatever the text.
_WORD = r"(?<![^\W_])[A-ZÀ-ÖØ-Þ][^\W_]{0,40}(?:['’](?!s\b)[^\W_]{1,20}){0,2}(?![^\W_])"
_NAME = rf"{_WORD}(?: {_WORD}){{0,2}}"
_LIST = rf"{_NAME}(?:, {_NAME}){{0,9}}(?:,? (?:and|or) {_NAME})?"
# Kinds as the places table names them; a cue that implies none of them ("region") gives no kind.
_SUFFIX_KINDS = {"dong": "neighbourhood", "gun": "county", "ri": None, "si": "city", "up": "town", "eup": "town",
                 "do": "province", "gu": None, "guyok": None, "rodongjagu": None}
_CUE_KINDS = {"province": "province", "county": "county", "counties": "county", "city": "city", "cities": "city",
              "town": "town", "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood"}
_SINGULAR = "Province|County|City|District|province|county|city|district|region|area|town|village|neighbou?rhood"
_PLURAL = "provinces|counties|regions|cities|districts|areas|towns|villages|neighbou?rhoods"
_PATTERNS = (
    ("suffix", re.compile(rf"\b{_WORD}(?: \d{{1,2}})?-(?P<cue>{'|'.join(_SUFFIX_KINDS)})\b")),
    ("list before", re.compile(rf"(?P<list>{_LIST}) (?P<cue>{_PLURAL})\b")),
    ("name before", re.compile(rf"(?P<list>{_NAME}) (?P<cue>{_SINGULAR})\b")),
    ("list after", re.compile(rf"\b(?P<cue>{_PLURAL}),? (?:like|such as|including|of|namely) (?P<list>{_LIST})")),
    ("name after", re.compile(rf"\b[Tt]he (?P<cue>province|county|city|town|district|village) of (?P<list>{_NAME})")),
    ("preposition", re.compile(rf"\b(?P<cue>[Ii]n|near|outside|around) (?P<list>{_LIST})")),
)
_ITEM = re.compile(_NAME)


@dataclass(frozen=True)
class PlaceProposal:
    """A name the text gives that may be a place not yet in the atlas."""

    start: int
    end: int
    text: str
    name: str
    kind: str | None  # province, county, city, town or neighbourhood when the cue says so
    cue: str
    needs_confirmation: bool = True
    position: None = None  # unknown: a proposal has no coordinates


def propose_places(text: str, *, is_organisation: Callable[[str], bool] | None = None) -> list[PlaceProposal]:
    """Proposed place names in ``text``, in order, never two over the same words."""
    found = []
    for rank, (how, pattern) in enumerate(_PATTERNS):
        for match in pattern.finditer(text):
            found.extend((rank, proposal) for proposal in _proposals(text, match, how)
                         if not (is_organisation and is_organisation(proposal.name)))
    kept = keep_longest(found, length=len(text), span=lambda item: (item[1].start, item[1].end),
                        rank=lambda item: item[0])
    return [proposal for _, proposal in kept]


def _proposals(text: str, match: re.Match, how: str) -> Iterable[PlaceProposal]:
    cue = match["cue"]
    if how == "suffix":
        suffix = cue.lower()
        yield PlaceProposal(match.start(), match.end(), match[0], match[0], _SUFFIX_KINDS[suffix],
                            f"suffix '-{suffix}'")
        return
    kind = _CUE_KINDS.get(cue.lower()) or _CUE_KINDS.get(cue.lower().removesuffix("s"))
    described = {"list before": f"in a list before '{cue}'", "name before": f"followed by '{cue}'",
                 "list after": f"in a list after '{cue}'", "name after": f"after 'the {cue} of'",
                 "preposition": f"after '{cue.lower()}'"}[how]
    if how == "preposition":
        kind = None
    offset = match.start("list")
    for item in _ITEM.finditer(match["list"]):
        start, name = _without_openers(offset + item.start(), item[0])
        end = start + len(name)
        if how == "name before" and cue[:1].isupper():
            end = match.end("cue")  # "Ryanggang Province" is the name itself
        if name and _is_place_like(name) and not _continues(text, end):
            yield PlaceProposal(start, end, text[start:end], text[start:end], kind, described)


def _without_openers(start: int, name: str) -> tuple[int, str]:
    """Drop sentence openers from the front: "The Hyesan" -> "Hyesan"."""
    words = name.split(" ")
    while words and fold(words[0]) in SENTENCE_WORDS:
        start += len(words[0]) + 1
        words = words[1:]
    return start, " ".join(words)


def _is_place_like(name: str) -> bool:
    words = [fold(word) for word in name.split(" ")]
    if words[0] in COMMON_CAPITALISED or words[0] in KOREAN_SURNAMES or words[-1] in TRAILING_CUES:
        return False
    if any(word in DEMONYMS for word in words) or fold(name) in COUNTRIES or fold(name) in OUTLETS:
        return False
    return not any(len(word) > 1 and word.isupper() for word in name.split(" "))


def _continues(text: str, end: int) -> bool:
    """The name runs on into more capitalised words than a name here may have."""
    return re.match(r"['’]?\s[A-ZÀ-ÖØ-Þ]", text[end:end + 3]) is not None
