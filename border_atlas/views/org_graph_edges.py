"""Which links the organisations graph draws: counted once per selection, and past a bound only the busiest.

In a large archive nearly every unit has worked with, and been ordered by, nearly every other
organisation somewhere: hundreds of links between twenty organisations, a drawing nobody can read
that the browser lays out for seconds. Past :data:`EDGES_DRAWN` pairings (or orders), the graph draws
the ones with the most records, every link of the organisation being profiled and every umbrella, and
says so in :func:`drawn_caption`; below it, every link as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from border_atlas.filters.selection import Selection
from border_atlas.filters.selection_cache import per_selection
from border_atlas.loading.hierarchy import ancestors
from border_atlas.text.wording import text

PLACES_PER_EDGE = 6  # place-and-year lines on a pairing's edge; the rest are counted ("+ 40 more")
# Pairings drawn, and orders drawn, at most (the profiled organisation's links and the umbrellas come on top).
# At 100,000 records (17 organisations, 272 pairings, 272 orders) the browser's layout took 0.09 s of CPU for
# 20 of each, 0.13 s for 40, 0.23 s for 80 and 0.41 s for all, beside about 2 s for the rest of the page: 40
# keeps the page within its 4 s to paint with room to spare, and the drawing can still be followed.
EDGES_DRAWN = 40


class Order(NamedTuple):
    source: str  # who ordered
    target: str  # whom
    records: int


class Pairing(NamedTuple):
    source: str  # the unit
    target: str  # the partner it worked with
    where: tuple[str, ...]  # its first PLACES_PER_EDGE places and years, in date order
    places: int  # how many places and years in all
    records: int


@dataclass(frozen=True)
class GraphCounts:
    """What the graph can draw, counted once per selection from its columns: never one object per record."""

    organisations: frozenset[str]  # in the records, with the umbrellas above them
    orders: tuple[Order, ...]  # sorted by (source, target)
    pairings: tuple[Pairing, ...]  # sorted by (source, target)


def graph_counts(selection: Selection) -> GraphCounts:
    """The organisations, orders and pairings of the selection, kept per selection (see selection_cache)."""
    return per_selection(selection, "org_graph", lambda: _count(selection))


def _count(selection: Selection) -> GraphCounts:
    columns = {c: selection.column(c).astype("string") for c in ("org_id", "partner_org_id", "ordered_by_org_id")}
    ids = set(pd.concat(list(columns.values())).dropna().unique())
    for ident in list(ids):
        ids.update(ancestors(ident, selection.dataset.organisations))
    orders = pd.DataFrame({"source": columns["ordered_by_org_id"], "target": columns["org_id"]}).dropna()
    where = (selection.column("place_name").astype("string").fillna("no place") + " "
             + selection.column("known_from").dt.year.astype("string"))
    pairs = pd.DataFrame({"source": columns["org_id"], "target": columns["partner_org_id"], "where": where}).dropna()
    records = pairs.groupby(["source", "target"], sort=True).size()
    pairs = pairs.drop_duplicates()  # the first of each place and year, in date order
    pairings = tuple(Pairing(source, target, tuple(group["where"].head(PLACES_PER_EDGE)), len(group),
                             int(records[(source, target)]))
                     for (source, target), group in pairs.groupby(["source", "target"], sort=True))
    ordered = orders.groupby(["source", "target"], sort=True).size()
    return GraphCounts(frozenset(ids), tuple(Order(s, t, int(n)) for (s, t), n in ordered.items()), pairings)


@dataclass(frozen=True)
class DrawnEdges:
    """The orders and pairings the graph draws, and what it leaves out."""

    orders: tuple[Order, ...]
    pairings: tuple[Pairing, ...]
    all_orders: int
    all_pairings: int
    busiest: int  # of each kind past the bound, how many were drawn for their records
    profiled: str | None  # the organisation whose every link is drawn
    profiled_extra: int  # its links drawn beyond the busiest

    @property
    def complete(self) -> bool:
        return len(self.orders) == self.all_orders and len(self.pairings) == self.all_pairings


def drawn_edges(counts: GraphCounts, profiled: str | None = None, limit: int | None = None) -> DrawnEdges:
    """Every order and pairing; of a kind with more than ``limit``, the ``limit`` with the most records
    (ties to the first in (source, target) order) and every one of ``profiled``."""
    limit = EDGES_DRAWN if limit is None else limit
    orders, extra_orders = _busiest(counts.orders, limit, profiled)
    pairings, extra_pairings = _busiest(counts.pairings, limit, profiled)
    return DrawnEdges(orders, pairings, len(counts.orders), len(counts.pairings), limit, profiled,
                      extra_orders + extra_pairings)


def _busiest(edges: tuple, limit: int, profiled: str | None) -> tuple[tuple, int]:
    if len(edges) <= limit:
        return edges, 0
    ranked = sorted(range(len(edges)), key=lambda i: -edges[i].records)  # stable: ties keep their order
    top = set(ranked[:limit])
    extra = {i for i, edge in enumerate(edges) if profiled in (edge.source, edge.target)} - top
    return tuple(edge for i, edge in enumerate(edges) if i in top or i in extra), len(extra)


def drawn_caption(drawn: DrawnEdges, profiled_name: str | None = None) -> str | None:
    """What the graph leaves out, in words; None when it draws every link."""
    if drawn.complete:
        return None
    kinds = []
    for kind, shown, total in (("pairings", len(drawn.pairings), drawn.all_pairings),
                               ("orders", len(drawn.orders), drawn.all_orders)):
        kinds.append(f"the {drawn.busiest:,} {kind} with most records, of {total:,}" if shown < total
                     else f"all {total:,} {kind}")
    profiled = ""
    if drawn.profiled_extra:
        links = "link" if drawn.profiled_extra == 1 else "links"
        name = text(profiled_name) or drawn.profiled
        profiled = f", and {drawn.profiled_extra:,} more {links} of {name}, profiled below"
    return (f"Drawn: {kinds[0]}; {kinds[1]}; every umbrella{profiled}. The others are in the records "
            "table below: pick an organisation for its profile.")
