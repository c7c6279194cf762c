"""The dataset's tables: their columns, types and per-value rules.

Each table is declared once as a list of :class:`Field`; :func:`type_schema` and
:func:`value_schema` turn it into the two pandera schemas that validation runs (types
first, so that range checks only ever see values of the right type).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandera.pandas as pa

from border_atlas.dates import is_partial_date

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
ROLES = (
    "crackdown",
    "order",
    "smuggling cooperation",
    "smuggling approval",
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
PARAGRAPHS_PATTERN = r"^\d+(;\d+)*$"


def _partial_date() -> pa.Check:
    return pa.Check(
        lambda value: is_partial_date(value),
        element_wise=True,
        ignore_na=True,
        error="is not a date written YYYY, YYYY-MM or YYYY-MM-DD",
    )


def _one_of(values) -> pa.Check:
    return pa.Check.isin(values, error=f"must be one of: {', '.join(map(str, values))}")


def _pattern(regex: str, what: str) -> pa.Check:
    return pa.Check.str_matches(regex, error=what)


@dataclass(frozen=True)
class Field:
    """One column: its type, whether a value is required, and its value rules."""

    name: str
    dtype: type = str
    required: bool = False
    checks: tuple = field(default_factory=tuple)
    unique: bool = False
    # A column that may be left out of the file entirely (it is then read as empty).
    optional_column: bool = False


def _id(**kwargs) -> Field:
    return Field("id", required=True, unique=True,
                 checks=(_pattern(ID_PATTERN, "must be lower-case words joined by hyphens"),),
                 **kwargs)


def _ref(name: str, required: bool = False) -> Field:
    return Field(name, required=required)


def _text(name: str, required: bool = False) -> Field:
    return Field(name, required=required, optional_column=not required)


def _paragraphs(required: bool = False) -> Field:
    return Field("paragraphs", required=required,
                 checks=(_pattern(PARAGRAPHS_PATTERN, "must be paragraph numbers separated by ';'"),))


TABLES: dict[str, list[Field]] = {
    "sources": [
        _id(),
        Field("kind", required=True, checks=(_one_of(SOURCE_KINDS),)),
        _text("outlet", required=True),
        _text("title", required=True),
        Field("published", checks=(_partial_date(),)),
        Field("paragraphs", dtype=int, checks=(pa.Check.ge(1, error="must be at least 1"),)),
        _text("locator"),
        _text("note"),
    ],
    "places": [
        _id(),
        _text("name", required=True),
        _text("name_ko"),
        _text("name_zh"),
        _text("alt_names"),
        Field("kind", required=True, checks=(_one_of(PLACE_KINDS),)),
        _ref("parent_id"),
        Field("country", required=True, checks=(_pattern(r"^[A-Z]{2}$", "must be a two-letter country code"),)),
        Field("lat", dtype=float, required=True,
              checks=(pa.Check.in_range(-90, 90, error="latitude must be between -90 and 90"),)),
        Field("lon", dtype=float, required=True,
              checks=(pa.Check.in_range(-180, 180, error="longitude must be between -180 and 180"),)),
        Field("precision", required=True, checks=(_one_of(PRECISIONS),)),
        Field("uncertainty_m", dtype=float, optional_column=True,
              checks=(pa.Check.in_range(0, 500_000, error="must be between 0 and 500000 metres"),)),
        _ref("coord_source_id", required=True),
        _text("coord_note"),
    ],
    "organisations": [
        _id(),
        _text("name", required=True),
        _text("short_name"),
        _text("name_ko"),
        _text("aliases"),
        Field("type", required=True, checks=(_one_of(ORG_TYPES),)),
        _ref("parent_id"),
        Field("colour", optional_column=True,
              checks=(_pattern(r"^#[0-9a-fA-F]{6}$", "must be a colour written #rrggbb"),)),
        Field("sanctions_status", optional_column=True, checks=(_one_of(SANCTIONS),)),
        _ref("source_id", required=True),
        _paragraphs(),
        _text("note"),
    ],
    "assignments": [
        _id(),
        _ref("org_id", required=True),
        Field("role", required=True, checks=(_one_of(ROLES),)),
        _ref("place_id"),
        _ref("partner_org_id"),
        _ref("ordered_by_org_id"),
        _text("summary", required=True),
        Field("start", checks=(_partial_date(),)),
        Field("end", checks=(_partial_date(),)),
        Field("reported", required=True, checks=(_partial_date(),)),
        _ref("date_source_id"),
        _ref("source_id", required=True),
        _paragraphs(required=True),
        Field("reliability", required=True, checks=(_one_of(RELIABILITY),)),
        Field("credibility", dtype=int, required=True, checks=(_one_of(CREDIBILITY),)),
        _text("note"),
    ],
    "eras": [
        _id(),
        _text("name", required=True),
        Field("start", checks=(_partial_date(),)),
        Field("end", checks=(_partial_date(),)),
        _text("description"),
        _ref("source_id"),
    ],
    "events": [
        _id(),
        Field("date", required=True, checks=(_partial_date(),)),
        _text("label", required=True),
        _ref("source_id", required=True),
        _text("note"),
    ],
    "figures": [
        _id(),
        _text("subject", required=True),
        _ref("era_id", required=True),
        Field("amount_min", dtype=float, required=True, checks=(pa.Check.ge(0, error="must not be negative"),)),
        Field("amount_max", dtype=float, required=True, checks=(pa.Check.ge(0, error="must not be negative"),)),
        Field("currency", required=True, checks=(_pattern(r"^[A-Z]{3}$", "must be a three-letter currency code"),)),
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

PANDAS_DTYPES = {str: "str", float: "float64", int: "Int64"}


def type_schema(fields: list[Field]) -> pa.DataFrameSchema:
    """Types only: every value must convert to its column's type."""
    return pa.DataFrameSchema(
        {f.name: pa.Column(PANDAS_DTYPES[f.dtype], nullable=True, coerce=True) for f in fields},
        strict=False,
    )


def value_schema(fields: list[Field]) -> pa.DataFrameSchema:
    """Required values, uniqueness and per-value rules, run on correctly typed columns."""
    return pa.DataFrameSchema(
        {
            f.name: pa.Column(
                PANDAS_DTYPES[f.dtype],
                checks=list(f.checks),
                nullable=not f.required,
                unique=f.unique,
                report_duplicates="exclude_first",
            )
            for f in fields
        },
        strict=False,
    )
