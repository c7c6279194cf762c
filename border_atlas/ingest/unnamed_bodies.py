"""Bodies a report names by what they are rather than by a proper name.

Three kinds, each a group the atlas records as an organisation of its own:

- units at a place: "units in Hyetan", "border guards in Samsu" (the reports name border
  companies by where they stand); "guard posts in Hyesan" are structures, not a body;
- a body's local offices: "the local MSS office", "regional security offices" (an
  abbreviation or the word "security" must say whose offices they are);
- private firms: "private companies", "private traders".

Like every proposal, each needs an analyst's confirmation; names that overlap a known
organisation are not proposed.

>>> [(m.text, m.how) for m in propose_unnamed_bodies("It told units in Hyetan and the local MSS office.")]
[('units in Hyetan', 'unnamed body: units at a place'), ('local MSS office', "unnamed body: a body's local offices")]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from border_atlas.ingest.organisations import OrganisationMention
from border_atlas.ingest.spans import Coverage
from border_atlas.ingest.words import COMMON_CAPITALISED, COUNTRIES, DEMONYMS, fold

# Bounded lengths keep every match attempt short, whatever the text.
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][^\W_]{0,40}(?:['’][^\W_]{1,20})?"
_PATTERNS = (
    ("units at a place", re.compile(
        rf"\b(?:(?:border[- ]guard|border|military|army) )?(?:units|troops|squads|squadrons|guards)"
        rf"(?: stationed)? in (?P<place>{_NAME_WORD}(?: {_NAME_WORD}){{0,2}})(?![^\W_])")),
    ("a body's local offices", re.compile(
        r"\b(?:local|regional|provincial|county|city) (?:[A-Z]{2,6} (?:security )?|security )"
        r"(?:office|offices|branch|branches|bureau|bureaus)\b")),
    ("private firms", re.compile(r"\bprivate (?:companies|firms|enterprises|traders)(?: and institutions)?\b")),
)


def propose_unnamed_bodies(text: str, *, known: Iterable[OrganisationMention] = ()) -> list[OrganisationMention]:
    """Unnamed bodies in ``text`` that overlap none of ``known``, in order."""
    taken = Coverage(len(text), ((m.start, m.end) for m in known))
    found = []
    for how, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            place = match.groupdict().get("place")
            if place and not _is_place_name(place):
                continue
            if taken.free(match.start(), match.end()):
                taken.take(match.start(), match.end())
                found.append(OrganisationMention(match.start(), match.end(), match[0], None, f"unnamed body: {how}",
                                                 match[0], is_new=True))
    return sorted(found, key=lambda m: m.start)


def _is_place_name(name: str) -> bool:
    words = [fold(word) for word in name.split(" ")]
    return not (words[0] in COMMON_CAPITALISED or fold(name) in COUNTRIES or any(w in DEMONYMS for w in words))
