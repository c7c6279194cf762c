"""Words with their positions, and the capitalised words that are never names of places or bodies.

A token's ``key`` folds case, accents and apostrophes and drops a possessive "'s", so that
"the Ministry of State Security's" and "ministry of state security" compare equal word by word.

>>> [t.key for t in tokens("The MSS’s 7.27 office")]
['the', 'mss', '7.27', 'office']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_TOKEN = re.compile(r"\d+(?:\.\d+)+|[^\W_]+(?:['’ʼ][^\W_]+)*")
_APOSTROPHES = re.compile(r"['’ʼ]")
_POSSESSIVE = re.compile(r"['’ʼ]s$", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    key: str
    core_end: int  # the end without a possessive "'s"

    @property
    def capitalised(self) -> bool:
        """Starts with a capital letter or a digit, as words of a proper name do."""
        return self.text[:1].isupper() or self.text[:1].isdigit()

    @property
    def core(self) -> str:
        return self.text[: self.core_end - self.start]


def fold(word: str) -> str:
    """Case, accents and apostrophes folded: "Hyet'an" -> "hyetan"."""
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _APOSTROPHES.sub("", plain).casefold()


def tokens(text: str) -> list[Token]:
    """The words and dotted numbers of ``text`` with their positions."""
    out = []
    for found in _TOKEN.finditer(text):
        word = found.group()
        core = word[:-2] if _POSSESSIVE.search(word) and len(word) > 2 else word
        out.append(Token(found.start(), found.end(), word, fold(core), found.start() + len(core)))
    return out


def keys(text: str) -> tuple[str, ...]:
    """The token keys of a name, for looking it up."""
    return tuple(t.key for t in tokens(text))


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Nationalities and languages: adjectives, never places ("the Chinese border", "a North Korean saying").
DEMONYMS = frozenset(fold(w) for w in (
    "Korean", "Koreans", "Chinese", "Japanese", "Russian", "Russians", "American", "Americans", "Mongolian",
    "English", "European", "Asian", "Western", "Soviet",
))
# Countries are out of scope for place proposals: the atlas maps places within them.
COUNTRIES = frozenset(fold(w) for w in (
    "China", "Korea", "North Korea", "South Korea", "DPRK", "ROK", "PRC", "Russia", "Japan", "Mongolia",
    "United States", "America", "US", "USA", "Taiwan", "Vietnam", "Laos", "Thailand", "Cambodia",
))
# Capitalised at the start of a sentence: never the first word of a name.
SENTENCE_WORDS = frozenset(fold(w) for w in (
    "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "In", "On", "At", "As", "If", "When",
    "While", "After", "Before", "Since", "Until", "However", "But", "And", "Or", "For", "From", "With",
    "According", "Asked", "Even", "Now", "Then", "There", "Here", "What", "Who", "Some", "Many", "Most",
    "All", "Any", "Each", "Such", "Our", "Their", "His", "Her", "We", "They", "He", "She", "I", "You",
    "Also", "Meanwhile", "Moreover", "Yet", "So", "Because", "Although", "Though", "During", "Between",
    "Across", "Into", "By", "Of", "To", "Not", "No", "Yes", "Today", "Yesterday", "Like", "Unlike", "Under",
    "Over", "Ahead", "Given", "Despite", "Instead", "Once", "Only", "Both", "Either", "Neither", "Every",
    *MONTHS, *WEEKDAYS,
))
# Titles, bodies and terms that are capitalised but never begin a place name.
TITLES_AND_TERMS = frozenset(fold(w) for w in (
    "Mr", "Mrs", "Ms", "Dr", "Supreme", "Leader", "Minister", "Chairman", "President", "General", "Comrade",
    "Marshal", "Premier", "Vice", "Director", "Party", "State", "Government", "Regime", "Central", "Committee",
    "Resolution", "Resolutions", "Security", "Council", "United", "Nations", "UN", "COVID", "Chuseok", "Lunar",
    "New", "Year", "Christmas", "God", "Internet", "Questions", "Contact", "Source", "Sources", "Photo",
    "Image", "Read", "More", "Share", "Subscribe", "Ministry", "Office", "Bureau", "Department", "Army",
))
COMMON_CAPITALISED = SENTENCE_WORDS | TITLES_AND_TERMS
# Outlets and agencies that reports name as speakers, not as places.
OUTLETS = frozenset(fold(w) for w in (
    "Daily NK", "NK News", "NK Pro", "NK Insider", "ASIAPRESS", "Asia Press", "Radio Free Asia", "RFA",
    "Yonhap", "KCNA", "Rodong Sinmun", "Reuters", "AP", "AFP", "Kyodo", "VOA", "Voice of America",
))
# Family names that begin Korean personal names ("Kim Won Hong", "Ri Pyong Chol").
KOREAN_SURNAMES = frozenset(fold(w) for w in (
    "Kim", "Ri", "Lee", "Yi", "Pak", "Park", "Choe", "Choi", "Jang", "Chang", "Jong", "Jung", "Jo", "Cho",
    "Han", "Hwang", "Kang", "Yun", "Yoon", "O", "Oh", "Ryu", "Yu", "Song", "Hyon", "Hyun", "Ju", "Chu",
))
