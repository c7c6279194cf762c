"""Which links the organisations graph draws: past the bound the busiest, every umbrella, the profiled one's."""

from __future__ import annotations

import re

import pytest

from bench.synthetic import write_archive
from border_atlas import FilterState, load_dataset, select
from border_atlas.views.org_graph import organisation_dot
from border_atlas.views.org_graph_edges import (
    EDGES_DRAWN,
    GraphCounts,
    Order,
    Pairing,
    drawn_caption,
    drawn_edges,
    graph_counts,
)


def drawn(dot: str) -> dict[str, set[tuple[str, str]]]:
    """The DOT's edges by kind: umbrella ("under"), order (dashed) and pairing (bold)."""
    kinds: dict[str, set[tuple[str, str]]] = {"under": set(), "order": set(), "pairing": set()}
    for source, target, attrs in re.findall(r'^\s*"([^"]+)" -> "([^"]+)" \[(.*)\];$', dot, flags=re.M):
        kind = "under" if 'label="under"' in attrs else "order" if "style=dashed" in attrs else "pairing"
        assert kind != "pairing" or "penwidth=2.4" in attrs
        kinds[kind].add((source, target))
    return kinds


PAIRING = ("org_id", "partner_org_id")  # unit -> partner
ORDER = ("ordered_by_org_id", "org_id")  # who ordered -> whom


def links(records, kind: tuple[str, str], of: str | None = None) -> set[tuple[str, str]]:
    pairs = set(records[list(kind)].dropna().itertuples(index=False, name=None))
    return {pair for pair in pairs if of is None or of in pair}


def busiest(records, kind: tuple[str, str], limit: int) -> set[tuple[str, str]]:
    """The ``limit`` links with the most records, counted here from the records (ties: first by ids)."""
    counts = records[list(kind)].dropna().groupby(list(kind)).size()
    return {pair for pair, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]}


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A selection with far more pairings and orders than the graph draws."""
    folder = write_archive(tmp_path_factory.mktemp("orgs"), n_records=4_000, n_places=400)
    return select(load_dataset(folder), FilterState())


def test_past_the_bound_the_busiest_links_and_every_umbrella_are_drawn(large):
    records = large.records
    assert len(links(records, PAIRING)) > EDGES_DRAWN and len(links(records, ORDER)) > EDGES_DRAWN
    edges = drawn(organisation_dot(large))
    assert edges["pairing"] == busiest(records, PAIRING, EDGES_DRAWN)
    assert edges["order"] == busiest(records, ORDER, EDGES_DRAWN)
    organisations = large.dataset.organisations.dropna(subset=["parent_id"])
    umbrellas = {(parent, member) for parent, member in zip(organisations["parent_id"], organisations["id"])}
    assert edges["under"] == umbrellas and umbrellas  # every organisation of the synthetic data is in it


def test_the_profiled_organisation_keeps_every_link(large):
    records = large.records
    top_pairings, top_orders = busiest(records, PAIRING, EDGES_DRAWN), busiest(records, ORDER, EDGES_DRAWN)
    mirim_pairings, mirim_orders = links(records, PAIRING, "mirim"), links(records, ORDER, "mirim")
    assert mirim_pairings - top_pairings and mirim_orders - top_orders  # some beyond the busiest
    edges = drawn(organisation_dot(large, highlight="mirim"))
    assert edges["pairing"] == top_pairings | mirim_pairings
    assert edges["order"] == top_orders | mirim_orders
    counts = drawn_edges(graph_counts(large), "mirim")
    assert counts.profiled_extra == len(edges["pairing"]) + len(edges["order"]) - 2 * EDGES_DRAWN


def test_the_caption_says_what_is_drawn_and_what_is_not(large):
    all_pairings, all_orders = len(links(large.records, PAIRING)), len(links(large.records, ORDER))
    chosen = drawn_edges(graph_counts(large), "mirim")
    extra = len(chosen.pairings) + len(chosen.orders) - 2 * EDGES_DRAWN
    assert drawn_caption(chosen, "Mirim Shipping Company") == (
        f"Drawn: the {EDGES_DRAWN} pairings with most records, of {all_pairings:,}; the {EDGES_DRAWN} orders with "
        f"most records, of {all_orders:,}; every umbrella, and {extra} more links of Mirim Shipping Company, "
        "profiled below. The others are in the records table below: pick an organisation for its profile.")
    few_orders = drawn_edges(graph_counts(large), None, limit=all_orders)
    assert drawn_caption(few_orders).startswith(
        f"Drawn: the {all_orders:,} pairings with most records, of {all_pairings:,}; all {all_orders:,} orders; "
        "every umbrella. The others")


def test_below_the_bound_every_link_is_drawn_without_a_caption(dataset):
    for state in (FilterState(), FilterState(era="pre-covid"), FilterState(orgs=("office-39",))):
        selection = select(dataset, state)
        chosen = drawn_edges(graph_counts(selection), "mss")
        assert chosen.complete and drawn_caption(chosen) is None
        assert organisation_dot(selection, highlight="mss") == organisation_dot(
            selection, highlight="mss", drawn=drawn_edges(graph_counts(selection), "mss", limit=10**9))


def test_ties_go_to_the_first_link_in_id_order():
    orders = (Order("a", "b", 2), Order("a", "c", 5), Order("b", "c", 2), Order("c", "a", 2))
    pairings = tuple(Pairing(s, t, ("X 2018",), 1, 3) for s, t in (("a", "b"), ("a", "c"), ("b", "a")))
    chosen = drawn_edges(GraphCounts(frozenset("abc"), orders, pairings), None, limit=2)
    assert [(o.source, o.target) for o in chosen.orders] == [("a", "b"), ("a", "c")]
    assert [(p.source, p.target) for p in chosen.pairings] == [("a", "b"), ("a", "c")]
    kept = drawn_edges(GraphCounts(frozenset("abc"), orders, pairings), "c", limit=1)
    assert [(o.source, o.target) for o in kept.orders] == [("a", "c"), ("b", "c"), ("c", "a")]
    assert [(p.source, p.target) for p in kept.pairings] == [("a", "b"), ("a", "c")] and kept.profiled_extra == 3
