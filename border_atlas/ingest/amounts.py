"""Sums of money in English text: a figure or a range, with its currency as an ISO 4217 code.

A range's two ends may each carry the currency ("$20,000 to $30,000") or share one written
before ("USD 20,000–30,000") or after ("8,000 to 15,000 yuan"); a multiplier written only on the
upper end ("1.5 to 2 million won") applies to both ends when that keeps the range in order. A
bare number is never an amount: a currency must be written with it. "$" is read as US dollars,
"won" and "₩" as North Korean won unless "South Korean" or KRW is written, "¥" as Chinese yuan.

>>> [(a.minimum, a.maximum, a.currency) for a in find_amounts("a bribe of 8,000 to 15,000 yuan, or USD 2,500")]
[(8000, 15000, 'CNY'), (2500, 2500, 'USD')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_CODES_BEFORE = {"US$": "USD", "USD": "USD", "CNY": "CNY", "RMB": "CNY", "KPW": "KPW", "KRW": "KRW", "EUR": "EUR",
                 "JPY": "JPY", "GBP": "GBP", "RUB": "RUB", "$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY",
                 "₩": "KPW"}
_WORDS_AFTER = {"north korean won": "KPW", "south korean won": "KRW", "won": "KPW", "chinese yuan": "CNY",
                "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "us dollars": "USD",
                "u.s. dollars": "USD", "american dollars": "USD", "dollars": "USD", "dollar": "USD", "usd": "USD",
                "euros": "EUR", "euro": "EUR", "eur": "EUR", "yen": "JPY", "jpy": "JPY", "kpw": "KPW", "krw": "KRW",
                "roubles": "RUB", "rubles": "RUB", "rub": "RUB", "gbp": "GBP"}
_MULTIPLIERS = {"thousand": 1_000, "k": 1_000, "million": 1_000_000, "mn": 1_000_000, "m": 1_000_000,
                "billion": 1_000_000_000, "bn": 1_000_000_000}


def _alternatives(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_BEFORE = _alternatives(_CODES_BEFORE)
_AFTER = _alternatives(_WORDS_AFTER)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT = r"(?:\s?(?:thousand|million|billion|mn|bn)\b|(?:k|m|bn)\b)"
_AMOUNT = re.compile(
    rf"""(?<![\w.,])(?:(?P<pre1>{_BEFORE})\s?)?(?P<n1>{_NUMBER})(?P<m1>{_MULT})?(?!\d|,\d)
    (?:\s*(?:-|–|—|to|and)\s*(?:(?P<pre2>{_BEFORE})\s?)?(?P<n2>{_NUMBER})(?P<m2>{_MULT})?(?!\d|,\d))?
    (?:\s?(?P<post>(?i:{_AFTER}))\b)?""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Amount:
    """A sum or range of money; ``minimum == maximum`` for a single figure."""

    start: int
    end: int
    text: str
    minimum: int | float
    maximum: int | float
    currency: str  # ISO 4217
    currency_text: str  # the currency as written


def find_amounts(text: str) -> list[Amount]:
    """Amounts of money in ``text``, in order."""
    amounts = []
    for match in _AMOUNT.finditer(text):
        amount = _amount(text, match)
        if amount:
            amounts.append(amount)
    return amounts


def _amount(text: str, match: re.Match) -> Amount | None:
    written = match["pre1"] or match["pre2"] or match["post"]
    if not written:
        return None
    if match["n2"] and " and " in match[0] and not re.search(r"\bbetween\s+$", text[: match.start()]):
        return None  # "5 and 10 yuan" without "between" is two things, not a range
    currency = _CODES_BEFORE.get(written) or _WORDS_AFTER.get(written.lower())
    if match["pre1"] and match["post"] and _WORDS_AFTER.get(match["post"].lower()) != currency:
        return None  # "$5 yuan": contradictory, left for a reader
    low = _value(match["n1"], match["m1"])
    high = _value(match["n2"], match["m2"]) if match["n2"] else low
    if low is None or high is None:
        return None
    if match["n2"] and match["m2"] and not match["m1"]:
        scaled = _value(match["n1"], match["m2"])
        if scaled is not None and scaled <= high:
            low = scaled
    if high < low:
        return None
    return Amount(match.start(), match.end(), match[0], _plain(low), _plain(high), currency, written)


def _value(number: str, multiplier: str | None) -> Decimal | None:
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None
    return value * _MULTIPLIERS[multiplier.strip().lower()] if multiplier else value


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)
