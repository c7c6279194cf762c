"""Colours and symbols: one colour per organisation, one symbol per kind of place."""

from __future__ import annotations

import pandas as pd

# Fallback by type for organisations without a colour of their own in organisations.csv.
TYPE_COLOURS = {
    "security agency": "#c62828",
    "party office": "#6a1b9a",
    "trading company": "#a1887f",
    "military unit": "#8d6e63",
    "border guard": "#37474f",
    "customs": "#78909c",
    "ministry": "#5c6bc0",
}
DEFAULT_COLOUR = "#546e7a"

# Place kinds: the symbol drawn and its size in pixels.
KIND_SYMBOLS = {
    "province": ("square", 16),
    "city": ("circle", 16),
    "county": ("circle", 14),
    "town": ("circle", 10),
    "neighbourhood": ("circle", 11),
    "crossing": ("diamond", 12),
    "facility": ("square", 11),
}
BORDER_COLOUR = "#3d3d3d"
RIVER_COLOUR = "#5b9bd5"
CHINA_FILL = "#e4e0d8"
LAND_FILL = "#f7f4ec"
PENDING_COLOUR = "#c77700"  # the dashed ring of a place whose records await review (amber, 3:1 on land)


def org_colours(organisations: pd.DataFrame) -> dict[str, str]:
    """Each organisation's colour: its own from the table, else its type's."""
    by_type = organisations["type"].map(TYPE_COLOURS).fillna(DEFAULT_COLOUR)
    own = organisations.get("colour", by_type)
    return dict(zip(organisations["id"], own.fillna(by_type)))
