"""Dates in English text, with their precision, resolved against the report's date.

Each mention gets a ``value`` in the project's partial-date form (YYYY, YYYY-MM or
YYYY-MM-DD), its ``precision``, a ``qualifier`` for words that narrow or open it ("late",
"since", "before", "recently") and the ``earliest``/``latest`` partial dates it allows. A
qualifier narrows a year or month to a third of it: early = months 1-4 (days 1-10 of a month),
mid = months 5-8 (days 11-20), late or "the end of" = months 9-12 (days 21 to the end).
Mentions not written out in full ("February 28", "last year", "since COVID-19") are marked
``derived`` and ``how`` says what they were resolved against, or why they could not be.

>>> [(d.text, d.value, d.qualifier, d.earliest, d.latest) for d in find_dates("in late 2017", report_date="2018-02-28")]
[('late 2017', '2017', 'late', '2017-09', '2017-12')]
>>> d = find_dates("Cadres spoke on February 28.", report_date="2018-02-28")[0]
>>> d.value, d.precision, d.derived, d.how
('2018-02-28', 'day', True, 'year taken from the report date 2018-02-28')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from border_atlas.ingest.spans import keep_longest
from border_atlas.loading.dates import first_day, is_partial_date, last_day
from border_atlas.loading.dates import precision as precision_of

_MON = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
        r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_QUAL = r"(?P<qual>[Ee]arly|[Mm]id|[Ll]ate|(?:[Tt]he )?(?:end|beginning|start|middle) of)"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_NOT_A_YEAR = r"(?![-–]\d|,\d{3}|\.\d|['’]?s\b|\s*(?:%|percent|per cent|yuan|won|dollars|euros|yen|USD|CNY))"
# Words after which a four-digit number is a year ("in 2016", "the summer of 2019", "2018 to 2020").
_YEAR_CUES = ("in", "In", "since", "Since", "until", "Until", "by", "before", "after", "from", "during", "through",
              "between", "summer of", "autumn of", "winter of", "spring of", "year of", "the year")
_AFTER_CUE = "|".join([*(rf"(?<=\b{cue} )" for cue in _YEAR_CUES), r"(?<=\d{4} and )", r"(?<=\d{4} to )"])
_PREPOSITIONS = re.compile(r"(?i:\b(since|until|till|before|after|by|from|up to|prior to) )$")
_LOCATOR = re.compile(r"^(?:in|during|on|of) ", re.IGNORECASE)
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}
_THIRDS = {"early": ((1, 4), (1, 10), (0, 3)), "mid": ((5, 8), (11, 20), (4, 6)), "late": ((9, 12), (21, 31), (7, 9))}
_QUALIFIERS = {"early": "early", "mid": "mid", "late": "late", "middle of": "mid", "end of": "late",
               "beginning of": "early", "start of": "early"}
_PATTERNS = {
    "iso": re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    "month day year": re.compile(rf"\b(?P<mon>{_MON}) {_DAY},? {_YEAR}\b"),
    "day month year": re.compile(rf"\b{_DAY} (?:of )?(?P<mon>{_MON}),? {_YEAR}\b"),
    "month day": re.compile(rf"\b(?P<mon>{_MON}) {_DAY}\b(?!,? \d|\d| ?[-–])"),
    "day month": re.compile(rf"\b{_DAY} (?:of )?(?P<mon>{_MON})(?![\w,]| \d)"),
    "month year": re.compile(rf"(?:\b{_QUAL}[- ](?:the )?)?\b(?P<mon>{_MON}),? (?:of )?{_YEAR}\b"),
    "month": re.compile(rf"(?:\b{_QUAL}[- ]|(?<=\bin )|(?<=\bIn )|(?<=\bsince )|(?<=\buntil )|(?<=\bby )|"
                        rf"(?<=\bduring )|(?<=\bfrom )|(?<=\bbefore )|(?<=\bafter )|(?P<last>\b(?:last|this) ))"
                        rf"(?P<mon>{_MON})\b(?!,? \d| \d)"),
    "year": re.compile(rf"(?:{_AFTER_CUE}){_YEAR}\b{_NOT_A_YEAR}"),
    "qualified year": re.compile(rf"\b{_QUAL}[- ](?:the year )?{_YEAR}\b{_NOT_A_YEAR}"),
    "year range": re.compile(rf"\b{_YEAR}\s*[-–]\s*(?P<y2>(?:19|20)\d{{2}})\b"),
    "decade": re.compile(rf"(?:\b{_QUAL}[- ](?:the )?)?\b(?:the )?(?P<dec>(?:19|20)\d0)['’]?s\b"),
    "relative": re.compile(rf"(?:\b{_QUAL}[- ])?\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Tt]he previous|[Ee]arlier this|"
                           rf"[Ll]ater this) (?P<unit>year|month)\b"),
    "ago": re.compile(r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten) "
                      r"(?P<unit>year|month)s? ago\b", re.IGNORECASE),
    "recent": re.compile(r"\b(?P<rel>(?:[Uu]ntil |[Mm]ore |[Mm]ost |[Oo]nly )?recently|[Ii]n recent years)\b"),
    "event": re.compile(r"\b(?P<prep>since|before|after|during|until|prior to|following|amid) (?:the )?"
                        r"(?:outbreak of (?:the )?)?(?:COVID(?:-19)?|Covid(?:-19)?|coronavirus|pandemic)"
                        r"(?: (?:pandemic|outbreak|crisis))?\b", re.IGNORECASE),
}


@dataclass(frozen=True)
class DateMention:
    """A date the text gives, resolved to the project's partial-date form where possible."""

    start: int
    end: int
    text: str
    value: str | None  # YYYY, YYYY-MM or YYYY-MM-DD; None when it cannot be resolved
    precision: str | None  # day, month, year, or decade (then value is None: see earliest/latest)
    qualifier: str | None
    earliest: str | None  # None: open (or unknown) on that side
    latest: str | None
    derived: bool
    how: str


@dataclass(frozen=True)
class _Context:
    report: str | None  # the report date as a partial date
    event: tuple[str, str] | None  # (date, label) of the COVID-19 event


def find_dates(text: str, *, report_date: str | date | None = None,
               events: Iterable[Mapping] | None = None) -> list[DateMention]:
    """Date mentions in ``text``, in order, never two over the same words.

    ``events`` are rows with ``date`` and ``label`` (the events table); the earliest whose
    label or id mentions COVID-19 or the pandemic anchors "since COVID-19".
    """
    context = _Context(_partial(report_date), _covid_event(events))
    found = []
    for kind, pattern in _PATTERNS.items():
        for match in pattern.finditer(text):
            mention = _resolve(kind, match, context)
            if mention:
                found.append(_with_preposition(text, mention, context))
    return keep_longest(found, length=len(text), span=lambda m: (m.start, m.end))


def _resolve(kind: str, match: re.Match, context: _Context) -> DateMention | None:
    if kind in ("iso", "month day year", "day month year"):
        month = int(match["m"]) if kind == "iso" else _month(match["mon"])
        return _written(match, _day(int(match["y"]), month, int(match["d"])), None)
    if kind in ("month day", "day month"):
        return _day_without_year(match, context)
    if kind == "month year":
        return _written(match, f"{match['y']}-{_month(match['mon']):02d}", _qualifier(match["qual"]))
    if kind == "month":
        return _month_without_year(match, context)
    if kind in ("year", "qualified year"):
        return _written(match, match["y"], _qualifier(match.groupdict().get("qual")))
    if kind == "year range":
        low, high = match["y"], match["y2"]
        return _mention(match, None, "year", "range", low, high, False, "as written") if low < high else None
    if kind == "decade":
        return _decade(match)
    if kind == "event":
        return _event(match, context)
    return _relative(kind, match, context)


def _written(match: re.Match, value: str | None, qualifier: str | None) -> DateMention | None:
    if not value or not is_partial_date(value):
        return None
    low, high = _narrowed(value, qualifier)
    return _mention(match, value, precision_of(value), qualifier, low, high, False, "as written")


def _day_without_year(match: re.Match, context: _Context) -> DateMention | None:
    month, day = _month(match["mon"]), int(match["d"])
    if not context.report:
        return _mention(match, None, "day", None, None, None, True, "unresolved: no year and no report date")
    # The report's last possible day: with a report dated "2020-07", July 7 is in the report's month, not 2019.
    report = last_day(context.report)
    before = (month, day) <= (report.month, report.day)
    value = _day(report.year if before else report.year - 1, month, day)
    if not value:
        return None
    how = (f"year taken from the report date {context.report}" if before else
           f"the year before the report date {context.report}: {match[0]} {report.year} would be after it")
    return _mention(match, value, "day", None, value, value, True, how)


def _month_without_year(match: re.Match, context: _Context) -> DateMention | None:
    month, qualifier = _month(match["mon"]), _qualifier(match["qual"])
    if not context.report or len(context.report) < 7:
        return _mention(match, None, "month", qualifier, None, None, True, "unresolved: no year and no report date")
    report = first_day(context.report)
    year = report.year if month <= report.month else report.year - 1
    if match["last"] and match["last"].strip().lower() == "last" and month == report.month:
        year -= 1
    value = f"{year}-{month:02d}"
    low, high = _narrowed(value, qualifier)
    return _mention(match, value, "month", qualifier, low, high, True,
                    f"the latest such month up to the report date {context.report}")


def _decade(match: re.Match) -> DateMention:
    decade, qualifier = int(match["dec"]), _qualifier(match["qual"])
    first, last = _THIRDS[qualifier][2] if qualifier else (0, 9)
    return _mention(match, None, "decade", qualifier, str(decade + first), str(decade + last), False,
                    "a decade: no single partial date; earliest and latest give its years")


def _event(match: re.Match, context: _Context) -> DateMention:
    qualifier = match["prep"].lower()
    if not context.event:
        return _mention(match, None, "day", qualifier, None, None, True,
                        "unresolved: no COVID-19 event in the events table")
    value, label = context.event
    return _mention(match, value, precision_of(value), qualifier, value, value, True,
                    f"from the event '{label}' ({value}) in the events table")


def _relative(kind: str, match: re.Match, context: _Context) -> DateMention | None:
    report = context.report
    if not report:
        qualifier = (match.groupdict().get("rel") or "").lower() or None
        return _mention(match, None, None, qualifier, None, None, True, "unresolved: the report date is not known")
    how = f"relative to the report date {report}"
    if kind == "recent":
        rel = match["rel"].lower()
        if rel == "in recent years":
            return _mention(match, None, None, "recent years", None, report, True,
                            f"a few years up to the report date {report}; no start is given")
        # No date is given: the report date bounds it, and a draft leaves the start or end empty.
        return _mention(match, None, None, rel, None, report, True, f"{how}: some time before it, no date given")
    unit = match["unit"].lower()
    if kind == "ago":
        count = _COUNTS.get(match["n"].lower()) or int(match["n"])
        return _shifted(match, report, unit, -count, None, how)
    if unit == "month" and len(report) < 7:
        return _mention(match, None, "month", None, None, None, True, "unresolved: the report date has no month")
    rel = match["rel"].lower()
    step = {"last": -1, "the previous": -1, "next": 1}.get(rel, 0)
    qualifier = _qualifier(match["qual"]) or ({"earlier this": "earlier", "later this": "later"}.get(rel))
    return _shifted(match, report, unit, step, qualifier, how)


def _shifted(match, report: str, unit: str, step: int, qualifier: str | None, how: str) -> DateMention:
    anchor = first_day(report)
    if unit == "year":
        value = str(anchor.year + step)
    else:
        index = anchor.year * 12 + anchor.month - 1 + step
        value = f"{index // 12}-{index % 12 + 1:02d}"
    if qualifier == "earlier":
        low, high = value, report
    elif qualifier == "later":
        low, high = report, value
    else:
        low, high = _narrowed(value, qualifier)
    return _mention(match, value, precision_of(value), qualifier, low, high, True, how)


def _with_preposition(text: str, mention: DateMention, context: _Context) -> DateMention:
    """Take "since", "until", "before" ... in front of a date into it, and open its range that way."""
    locator = _LOCATOR.match(mention.text)
    if locator:  # "in 2016" is the year 2016: the span is the date alone
        mention = replace(mention, start=mention.start + locator.end(), text=mention.text[locator.end():])
    found = _PREPOSITIONS.search(text[max(0, mention.start - 12):mention.start])
    if found:
        prep = found[1].lower()
        mention = replace(mention, start=mention.start - len(found[0]), text=found[0] + mention.text,
                          qualifier=" ".join(filter(None, (prep, mention.qualifier))))
    else:
        prep = mention.qualifier if mention.qualifier in _OPENING else None
    if not prep or (mention.value is None and mention.precision != "decade"):
        return mention
    return _opened(mention, prep, context)


def _opened(mention: DateMention, prep: str, context: _Context) -> DateMention:
    """The range a preposition leaves: "since X" runs up to the report date, "before X" ends before X."""
    low, high = mention.earliest, mention.latest
    if prep in ("since", "from", "after", "following"):
        low = _step(high, 1) if prep in ("after", "following") and high else low
        how = mention.how + (f"; open up to the report date {context.report}" if context.report else "")
        return replace(mention, earliest=low, latest=context.report, how=how)
    if prep in ("before", "prior to"):
        return replace(mention, earliest=None, latest=_step(low, -1) if low else None)
    if prep in ("until", "till", "by", "up to"):
        return replace(mention, earliest=None, latest=high)
    return mention  # "during", "amid": the event's own date


_OPENING = ("since", "before", "after", "until", "prior to", "following")


def _narrowed(value: str, qualifier: str | None) -> tuple[str, str]:
    """The earliest and latest partial dates a value allows, narrowed by early/mid/late."""
    if qualifier not in _THIRDS or len(value) == 10:
        return value, value
    months, days, _ = _THIRDS[qualifier]
    if len(value) == 4:
        return f"{value}-{months[0]:02d}", f"{value}-{months[1]:02d}"
    last = last_day(value).day
    return f"{value}-{days[0]:02d}", f"{value}-{min(days[1], last):02d}"


def _step(value: str, step: int) -> str:
    """The partial date one unit (of its own precision) before or after ``value``."""
    if len(value) == 4:
        return str(int(value) + step)
    if len(value) == 7:
        index = int(value[:4]) * 12 + int(value[5:]) - 1 + step
        return f"{index // 12}-{index % 12 + 1:02d}"
    return (first_day(value) + timedelta(days=step)).isoformat()


def _mention(match, value, precision, qualifier, low, high, derived, how) -> DateMention:
    return DateMention(match.start(), match.end(), match[0], value, precision, qualifier, low, high, derived, how)


def _qualifier(text: str | None) -> str | None:
    if not text:
        return None
    words = text.lower().removeprefix("the ")
    return _QUALIFIERS.get(words, words)


def _month(text: str) -> int:
    return ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec").index(
        text[:3].lower()) + 1


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _partial(report_date: str | date | None) -> str | None:
    if isinstance(report_date, date):
        return report_date.isoformat()
    if isinstance(report_date, str) and is_partial_date(report_date.strip()):
        return report_date.strip()
    return None


def _covid_event(events: Iterable[Mapping] | None) -> tuple[str, str] | None:
    rows = events.to_dict("records") if hasattr(events, "to_dict") else (events or [])
    dated = []
    for row in rows:
        words = " ".join(str(row.get(key) or "") for key in ("id", "label"))
        value = str(row.get("date") or "").strip()
        if re.search(r"covid|pandemic|coronavirus", words, re.IGNORECASE) and is_partial_date(value):
            dated.append((value, str(row.get("label") or row.get("id"))))
    return min(dated) if dated else None


_OPENS_FROM = ("since", "from", "after", "following")
_CLOSES_AT = ("until", "till", "by", "up", "before", "prior")


def draft_bounds(mention: DateMention) -> tuple[str | None, str | None]:
    """The start and end a record drafted from ``mention`` gets.

    A phrase that names a period ("in July", "last year", "2018-2020") gives both, its earliest
    and latest dates; "since" or "after" opens it at its start, "until" or "before" closes it at
    its end; a single day is a start. A mention with no date ("recently") gives neither.

    >>> [draft_bounds(d) for d in find_dates("in July, last year, since 2020, on 3 May 2021",
    ...                                         report_date="2024-10-15")]
    [('2024-07', '2024-07'), ('2023', '2023'), ('2020', None), ('2021-05-03', None)]
    """
    if not mention.value and mention.precision not in ("year", "decade"):
        return None, None
    word = (mention.qualifier or "").split(" ")[0]
    if word in _OPENS_FROM:
        return mention.earliest or mention.value, None
    if word in _CLOSES_AT:
        return None, mention.latest or mention.value
    if mention.precision == "day" or not (mention.earliest and mention.latest):
        return mention.value, None
    return mention.earliest, mention.latest
