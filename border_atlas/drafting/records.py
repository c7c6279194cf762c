"""Assignment rows proposed from what each sentence of a report names; the analyst edits them.

In each sentence, every organisation named is paired with the places named there (with the
place inside its own name, for "units in Hyetan"); an organisation named just after "with"
is the partner of the one before it, and one named after "ordered by" gives the order. The
role is the first that the sentence's words suggest, dates opened by "since" or "until" give
the start or end, a named period ("in July", "last year") both, a day the start. The same
pairing in several paragraphs is one row, and it cites every paragraph that names both its
organisation and its place. Every row starts with grade C3, the report date as
``reported`` and an empty ``summary``, which the analyst writes in their own words.

>>> from border_atlas.drafting.entities import Mention, ParagraphRefs
>>> text = "Brigade A ended crackdowns in Hyesan and Samsu."
>>> p = ParagraphRefs(8, text, [Mention(0, 9, "brigade-a")], [Mention(30, 36, "hyesan"), Mention(41, 46, "samsu")])
>>> [(r["org_id"], r["place_id"], r["role"], r["paragraphs"]) for r in propose_assignments([p], source_id="s",
...                                                                                         reported="2018")]
[('brigade-a', 'hyesan', 'crackdown', '8'), ('brigade-a', 'samsu', 'crackdown', '8')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from border_atlas.drafting.entities import Mention, ParagraphRefs
from border_atlas.drafting.ids import slug, unique_id
from border_atlas.ingest.dates import DateMention, draft_bounds

DEFAULT_RELIABILITY = "C"
DEFAULT_CREDIBILITY = "3"
# The first role whose words a sentence uses is proposed.
_APPROVAL = r"\b(?:approv(?:al|als|e|es|ed|ing)|permits?|permission)\b"
ROLE_CUES = (
    ("crackdown", re.compile(r"\bcrack(?:ing)?[- ]?downs?\b", re.IGNORECASE)),
    ("smuggling approval", re.compile(rf"^(?=.*\bsmuggl)(?=.*{_APPROVAL})", re.IGNORECASE | re.DOTALL)),
    ("approval", re.compile(_APPROVAL, re.IGNORECASE)),
    ("smuggling cooperation", re.compile(r"\b(?:cooperat|co-operat|coordinat|work(?:s|ed|ing)? with)",
                                         re.IGNORECASE)),
    ("transport", re.compile(r"\b(?:transport(?:s|ed|ing|ation)?|truck(?:s|ed)?|"
                             r"ferr(?:y|ies|ied|ying))\b", re.IGNORECASE)),
    ("protection", re.compile(r"\b(?:protect(?:s|ed|ing|ion)?|escort(?:s|ed|ing)?|cover(?:s|ed)? for)\b",
                              re.IGNORECASE)),
    ("border control", re.compile(r"\b(?:seal(?:s|ed)?|clos(?:e|es|ed)|control(?:s|led)?(?: of| over)?) the border\b"
                                  r"|\bborder control\b", re.IGNORECASE)),
    ("currency earning", re.compile(r"\bcurrency\b", re.IGNORECASE)),
    ("customs", re.compile(r"\bcustoms\b", re.IGNORECASE)),
    ("order", re.compile(r"\border(?:s|ed)?\b", re.IGNORECASE)),
    ("smuggling operations", re.compile(r"\bsmuggl(?:e|es|ed|ing)\b", re.IGNORECASE)),
    ("leadership", re.compile(r"\b(?:fired|dismissed|sacked|purged|minister)\b", re.IGNORECASE)),
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?(?P<gap>\s+)(?=[\"“‘(\[]?[A-Z])")
_WITH = re.compile(r"\bwith\b", re.IGNORECASE)
_ORDERED_BY = re.compile(r"\b(?:ordered|instructed|told|directed|required) by (?:the )?$", re.IGNORECASE)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph.

    >>> [("Units met Office 7.27 on Monday. Then left."[a:b]) for a, b in sentences(
    ...     "Units met Office 7.27 on Monday. Then left.")]
    ['Units met Office 7.27 on Monday.', 'Then left.']
    """
    gaps = list(_SENTENCE_END.finditer(text))
    starts = [0, *(m.end() for m in gaps)]
    ends = [*(m.start("gap") for m in gaps), len(text)]
    return list(zip(starts, ends))


def role_of(text: str) -> str | None:
    return next((role for role, cue in ROLE_CUES if cue.search(text)), None)


def _inside(mentions: Iterable[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if start <= m.start and m.end <= end]


def _dates(dates: Iterable[DateMention]) -> tuple[str | None, str | None]:
    """The first start and the first end the sentence's dates give (a named period gives both)."""
    start = end = None
    for d in dates:
        begun, ended = draft_bounds(d)
        start, end = start or begun, end or ended
    return start, end


def _pairs(text: str, orgs: list[Mention], places: list[Mention]) -> list[tuple[Mention, Mention | None, Mention]]:
    """(organisation, partner, place) for a sentence: a partner follows "with", an order "ordered by"."""
    partner_of: dict[int, Mention] = {}
    for i, (a, b) in enumerate(zip(orgs, orgs[1:])):
        if i not in partner_of.keys() | {j + 1 for j in partner_of} and a.ref != b.ref \
                and _WITH.search(text[a.end:b.start]):
            partner_of[i] = b
    partners = {i + 1 for i in partner_of}
    loose = [p for p in places if not any(o.start <= p.start and p.end <= o.end for o in orgs)]
    out = []
    for i, org in enumerate(orgs):
        if i in partners or _gives_order(text, org):
            continue
        own = _inside(places, org.start, org.end)
        out += [(org, partner_of.get(i), place) for place in (own[-1:] if own else loose)]
    return out


def _gives_order(text: str, org: Mention) -> bool:
    return _ORDERED_BY.search(text[max(0, org.start - 30):org.start]) is not None


def propose_assignments(paragraphs: Iterable[ParagraphRefs], *, source_id: str, reported: str | None,
                        taken: Iterable[str] = ()) -> list[dict]:
    """One row per organisation and place named together in a sentence, merged across paragraphs."""
    rows: dict[tuple, dict] = {}
    paragraphs = list(paragraphs)
    for p in paragraphs:
        for start, end in sentences(p.text):
            text = p.text[start:end]
            orgs = [Mention(m.start - start, m.end - start, m.ref) for m in _inside(p.organisations, start, end)]
            places = [Mention(m.start - start, m.end - start, m.ref) for m in _inside(p.places, start, end)]
            given = next((m.ref for m in orgs if _gives_order(text, m)), None)
            begun, ended = _dates(d for d in p.dates if start <= d.start and d.end <= end)
            for org, partner, place in _pairs(text, orgs, places):
                key = (org.ref, place.ref, partner.ref if partner else None)
                row = rows.setdefault(key, _row(org.ref, place.ref, partner, given, role_of(text), begun, ended,
                                                source_id=source_id, reported=reported))
                if str(p.number) not in row["paragraphs"].split(";"):
                    row["paragraphs"] = f"{row['paragraphs']};{p.number}".lstrip(";")
    used = set(taken)
    for row in rows.values():
        row["paragraphs"] = _naming_both(paragraphs, row["org_id"], row["place_id"], row["paragraphs"])
        row["id"] = unique_id(slug(f"{row['org_id']} {row['place_id']} {source_id}"), used)
        used.add(row["id"])
        numbers = row["paragraphs"].split(";")
        plural = "s" if len(numbers) > 1 else ""
        row["found"] = f"paragraph{plural} {', '.join(numbers)}: {row['org_id']} at {row['place_id']}"
    return list(rows.values())


def _naming_both(paragraphs: list[ParagraphRefs], org: str, place: str, cited: str) -> str:
    """The paragraphs that name both ``org`` and ``place``, with those already cited, in order."""
    numbers = {int(n) for n in cited.split(";") if n}
    numbers |= {p.number for p in paragraphs
                if any(m.ref == org for m in p.organisations) and any(m.ref == place for m in p.places)}
    return ";".join(map(str, sorted(numbers)))


def _row(org: str, place: str, partner: Mention | None, given: str | None, role: str | None, begun: str | None,
         ended: str | None, *, source_id: str, reported: str | None) -> dict:
    return {"org_id": org, "role": role, "place_id": place, "partner_org_id": partner.ref if partner else None,
            "ordered_by_org_id": given if given != org else None, "summary": None, "start": begun, "end": ended,
            "reported": reported, "source_id": source_id, "paragraphs": "", "reliability": DEFAULT_RELIABILITY,
            "credibility": DEFAULT_CREDIBILITY}
