"""The dataset's tables: their columns, types and per-value rules.

Each table is declared once as a list of :class:`Field`: how its text is read
(:mod:`border_atlas.loading.checks` parsers), whether a value is required or unique, and its rules.
:mod:`border_atlas.loading.validation` applies them to whole columns at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from border_atlas.loading.checks import (
    DATE,
    NUMBER,
    TEXT,
    WHOLE,
    Check,
    Parser,
    at_least,
    between,
    matches,
    not_after_today,
    one_of,
)

PLACE_KINDS = ("province", "city", "county", "town", "neighbourhood", "crossing", "facility")
PRECISIONS = ("point", "centroid", "representative", "parent")
ORG_TYPES = (
    "security agency",
    "party office",
    "trading company",
    "military unit",
    "border guard",
    "customs",
    "ministry",
)
# What reports say a body did; the drafting's cue words (drafting/records.py) propose one of these.
ROLES = (
    "crackdown",
    "order",
    "smuggling cooperation",
    "smuggling approval",
    "smuggling operations",
    "approval",
    "protection",
    "transport",
    "border control",
    "currency earning",
    "customs",
    "leadership",
)
SANCTIONS = ("reported", "confirmed")
SOURCE_KINDS = ("report", "reference")
RELIABILITY = tuple("ABCDEF")
CREDIBILITY = tuple(range(1, 7))
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PARAGRAPHS_PATTERN = r"^[1-9][0-9]*(;[1-9][0-9]*)*$"


@dataclass(frozen=True)
class Field:
    """One column: how it is read, whether a value is required, and its value rules.

    A ``soft`` field's bad value is dropped with a warning and its row kept (a colour that is
    not a colour should not hide an organisation).
    """

    name: str
    parser: Parser = TEXT
    required: bool = False
    checks: tuple[Check, ...] = field(default_factory=tuple)
    unique: bool = False
    # A column that may be left out of the file entirely (it is then read as empty).
    optional_column: bool = False
    soft: bool = False


def _id(**kwargs) -> Field:
    return Field("id", required=True, unique=True,
                 checks=(matches(ID_PATTERN, "must be lower-case words joined by hyphens"),), **kwargs)


def _ref(name: str, required: bool = False) -> Field:
    return Field(name, required=required)


def _text(name: str, required: bool = False) -> Field:
    return Field(name, required=required, optional_column=not required)


def _paragraphs(required: bool = False) -> Field:
    return Field("paragraphs", required=required,
                 checks=(matches(PARAGRAPHS_PATTERN, "must be paragraph numbers (from 1) separated by ';'"),))


def _date(name: str, *, required: bool = False, past: bool = False) -> Field:
    return Field(name, parser=DATE, required=required, checks=(not_after_today(),) if past else ())


TABLES: dict[str, list[Field]] = {
    "sources": [
        _id(),
        Field("kind", required=True, checks=(one_of(SOURCE_KINDS),)),
        _text("outlet", required=True),
        _text("title", required=True),
        _date("published", past=True),
        Field("paragraphs", parser=WHOLE, checks=(at_least(1, "must be at least 1"),)),
        _text("locator"),
        _text("note"),
    ],
    "places": [
        _id(),
        _text("name", required=True),
        _text("name_ko"),
        _text("name_zh"),
        _text("alt_names"),
        Field("kind", required=True, checks=(one_of(PLACE_KINDS),)),
        _ref("parent_id"),
        Field("country", required=True, checks=(matches(r"^[A-Z]{2}$", "must be a two-letter country code"),)),
        Field("lat", parser=NUMBER, required=True,
              checks=(between(-90, 90, "latitude must be between -90 and 90"),)),
        Field("lon", parser=NUMBER, required=True,
              checks=(between(-180, 180, "longitude must be between -180 and 180"),)),
        Field("precision", required=True, checks=(one_of(PRECISIONS),)),
        Field("uncertainty_m", parser=NUMBER, optional_column=True, soft=True,
              checks=(between(0, 500_000, "must be between 0 and 500000 metres"),)),
        _ref("coord_source_id", required=True),
        _text("coord_note"),
    ],
    "organisations": [
        _id(),
        _text("name", required=True),
        _text("short_name"),
        _text("name_ko"),
        _text("aliases"),
        Field("type", required=True, checks=(one_of(ORG_TYPES),)),
        _ref("parent_id"),
        Field("colour", optional_column=True, soft=True,
              checks=(matches(r"^#[0-9a-fA-F]{6}$", "must be a colour written #rrggbb"),)),
        Field("sanctions_status", optional_column=True, checks=(one_of(SANCTIONS),)),
        _ref("source_id", required=True),
        _paragraphs(),
        _text("note"),
    ],
    "assignments": [
        _id(),
        _ref("org_id", required=True),
        Field("role", required=True, checks=(one_of(ROLES),)),
        _ref("place_id"),
        _ref("partner_org_id"),
        _ref("ordered_by_org_id"),
        _text("summary", required=True),
        _date("start"),
        _date("end"),
        _date("reported", required=True, past=True),
        _ref("date_source_id"),
        _ref("source_id", required=True),
        _paragraphs(required=True),
        Field("reliability", required=True, checks=(one_of(RELIABILITY),)),
        Field("credibility", parser=WHOLE, required=True, checks=(one_of(CREDIBILITY),)),
        _text("note"),
    ],
    "eras": [
        _id(),
        _text("name", required=True),
        _date("start"),
        _date("end"),
        _text("description"),
        _ref("source_id"),
    ],
    "events": [
        _id(),
        _date("date", required=True, past=True),
        _text("label", required=True),
        _ref("source_id", required=True),
        _text("note"),
    ],
    "figures": [
        _id(),
        _text("subject", required=True),
        _ref("era_id", required=True),
        Field("amount_min", parser=NUMBER, required=True, checks=(at_least(0, "must not be negative"),)),
        Field("amount_max", parser=NUMBER, required=True, checks=(at_least(0, "must not be negative"),)),
        Field("currency", required=True, checks=(matches(r"^[A-Z]{3}$", "must be a three-letter currency code"),)),
        _text("unit", required=True),
        _ref("source_id", required=True),
        _paragraphs(required=True),
        _text("note"),
    ],
}

# (table, column) -> table whose ids it must name.
REFERENCES: dict[tuple[str, str], str] = {
    ("places", "parent_id"): "places",
    ("places", "coord_source_id"): "sources",
    ("organisations", "parent_id"): "organisations",
    ("organisations", "source_id"): "sources",
    ("assignments", "org_id"): "organisations",
    ("assignments", "place_id"): "places",
    ("assignments", "partner_org_id"): "organisations",
    ("assignments", "ordered_by_org_id"): "organisations",
    ("assignments", "date_source_id"): "sources",
    ("assignments", "source_id"): "sources",
    ("eras", "source_id"): "sources",
    ("events", "source_id"): "sources",
    ("figures", "era_id"): "eras",
    ("figures", "source_id"): "sources",
}

# Tables are checked in this order, so that a row dropped from one is known to the next.
LOAD_ORDER = ("sources", "places", "organisations", "eras", "events", "figures", "assignments")
