"""The organisations graph of a large selection: counted from columns once per selection, its edges readable."""

from __future__ import annotations

import re

from bench.synthetic import write_archive
from border_atlas import FilterState, load_dataset, select
from border_atlas.views import org_graph, org_graph_edges
from border_atlas.views.org_graph import PAIRINGS_LISTED, organisation_dot
from border_atlas.views.org_graph_edges import PLACES_PER_EDGE, graph_counts


def test_pairings_name_a_few_places_and_count_the_rest(tmp_path, monkeypatch):
    monkeypatch.setattr(org_graph, "PAIRINGS_LISTED", 10_000)  # every pairing's places listed, as for a few
    monkeypatch.setattr(org_graph_edges, "EDGES_DRAWN", 10_000)  # and every pairing drawn
    dataset = load_dataset(write_archive(tmp_path, n_records=4_000, n_places=400))
    selection = select(dataset, FilterState())
    records = selection.records.dropna(subset=["partner_org_id"])
    where = records["place_name"] + " " + records["known_from"].dt.year.astype(str)
    distinct = where.groupby([records["org_id"], records["partner_org_id"]]).nunique()
    dot = organisation_dot(selection)
    for (unit, partner), total in distinct.items():
        [label] = re.findall(rf'"{unit}" -> "{partner}" \[label="([^"]*)", penwidth=2.4', dot)
        lines = label.split("\\n")
        assert len(lines) == min(total, PLACES_PER_EDGE) + (total > PLACES_PER_EDGE)
        if total > PLACES_PER_EDGE:
            assert lines[-1] == f"+ {total - PLACES_PER_EDGE:,} more"
    ordered = selection.records.dropna(subset=["ordered_by_org_id"])
    assert (distinct > PLACES_PER_EDGE).any() and (distinct <= PLACES_PER_EDGE).any()
    assert dot.count('label="ordered"') == len(ordered[["ordered_by_org_id", "org_id"]].drop_duplicates())


def test_counts_are_made_once_per_selection(dataset):
    first = graph_counts(select(dataset, FilterState(era="pre-covid")))
    assert graph_counts(select(dataset, FilterState(era="pre-covid"))) is first  # a rerun reuses them
    assert graph_counts(select(dataset, FilterState(era="post-covid"))) is not first


def test_many_edges_carry_their_text_as_tooltips(tmp_path, monkeypatch):
    monkeypatch.setattr(org_graph_edges, "EDGES_DRAWN", 10_000)  # every pairing drawn
    selection = select(load_dataset(write_archive(tmp_path, n_records=4_000, n_places=400)), FilterState())
    records = selection.records.dropna(subset=["partner_org_id"])
    pairs = records[["org_id", "partner_org_id"]].drop_duplicates()
    assert len(pairs) > PAIRINGS_LISTED
    dot = organisation_dot(selection)
    assert "label=\"ordered\"" not in dot and "tooltip=\"ordered\"" in dot
    tips = re.findall(r'\[tooltip="([^"]*)", penwidth=2.4', dot)
    assert len(tips) == len(pairs) and not re.search(r'-> "[^"]+" \[label="(?!under")', dot)  # only "under"
