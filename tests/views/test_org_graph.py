"""The organisation graph (DOT) and the data-quality panel."""

from __future__ import annotations

import re

from helpers import with_values

from border_atlas import FilterState, select
from border_atlas.views.org_graph import organisation_dot, quote, shape_legend_dot
from border_atlas.views.org_profile import records_by_era
from border_atlas.views.quality import approximate_locations, date_precision, unverified_claims


def edges(dot: str) -> set[tuple[str, str, str]]:
    found = set()
    for source, target, attrs in re.findall(r'^\s*"([^"]+)" -> "([^"]+)" \[(.*)\];$', dot, flags=re.M):
        label = re.search(r'label="((?:[^"\\]|\\.)*)"', attrs).group(1)
        found.add((source, target, label))
    return found


def test_umbrella_edges(dataset):
    dot = organisation_dot(select(dataset, FilterState(orgs=("office-39",))))
    found = edges(dot)
    for company in ("kumgang-office", "flo-727", "mirim"):
        assert ("office-39", company, "under") in found


def test_orders_and_pairings_with_places(dataset):
    found = edges(organisation_dot(select(dataset, FilterState())))
    assert ("mss", "units-hyetan", "ordered") in found
    assert ("units-hyetan", "kumgang-office", "Hyetan 2018") in found
    assert ("units-kangan", "flo-727", "Kangan 2018") in found
    assert ("units-samsu", "mirim", "Samsu County 2018") in found
    assert ("mss", "office-39", "Ryanggang Province 2018") in found


def test_graph_follows_the_era_filter(dataset):
    post = organisation_dot(select(dataset, FilterState(era="post-covid")))
    assert '"units-hyetan"' not in post and '"mss-local-offices"' in post
    pre = organisation_dot(select(dataset, FilterState(era="pre-covid")))
    assert '"units-hyetan"' in pre and '"private-companies"' not in pre


def test_dot_quoting_survives_hostile_names(dataset):
    hostile = with_values(dataset, "organisations", "mirim", name='Evil" ] ; x -> y [label="')
    dot = organisation_dot(select(hostile, FilterState(orgs=("mirim",))))
    assert 'label="Evil\\" ] ; x -> y [label=\\"' in dot
    assert quote("a\\b\nc") == '"a\\\\b\\nc"'


def test_highlight_marks_the_profiled_organisation(dataset):
    dot = organisation_dot(select(dataset, FilterState()), highlight="mirim")
    assert re.search(r'"mirim" \[.*penwidth=3\.5', dot)


def test_records_by_era(dataset):
    table = records_by_era(dataset, "mss").set_index("era")["records"]
    assert table.to_dict() == {"Pre-COVID": 5, "Post-COVID (MSS control)": 4}


def test_quality_panel(dataset):
    sel = select(dataset, FilterState())
    approx = approximate_locations(sel).set_index("place")
    assert "Hyesan" not in approx.index  # Hyesan's position is a point
    assert approx.loc["Hyetan", "position"] == "approximate: position unknown, shown at Hyesan's point (± 5 km)"
    # Each place's count is its selected records, as a plain count of the records says.
    records = sel.records[sel.records["place_precision"] != "point"]
    assert approx["records"].to_dict() == records["place_name"].value_counts().to_dict()
    precision = date_precision(sel).set_index("dated to")["records"].to_dict()
    assert precision == {"day": 1, "month": 1, "year": 0, "report date only": 19}
    claims = unverified_claims(dataset, sel)
    assert claims["claim"].iloc[0] == "Mirim Shipping Company: sanctions designation"
    assert claims["status"].iloc[0] == "reported, not confirmed"


def test_empty_selection_gives_empty_panels(dataset):
    empty = select(dataset, FilterState(orgs=("mirim",), era="post-covid"))
    assert approximate_locations(empty).empty
    assert date_precision(empty)["records"].sum() == 0
    assert "0 of 0 records" in unverified_claims(dataset, empty)["claim"].iloc[-1]
    assert organisation_dot(empty).startswith("digraph") and "->" not in organisation_dot(empty)


def test_text_is_drawn_at_a_readable_size(dataset):
    # The app shows a point of the drawing as a pixel; 11 and 9 pt came out at about 7 px once the
    # drawing was shrunk to the column.
    dot = organisation_dot(select(dataset, FilterState()))
    node = float(re.search(r"^\s*node \[.*fontsize=([\d.]+)", dot, re.M).group(1))
    edge = float(re.search(r"^\s*edge \[.*fontsize=([\d.]+)", dot, re.M).group(1))
    assert node >= 12 and edge >= 10
    # A pairing seen at several places lists them one a line, not as one wide line.
    assert ("mss-local-offices", "private-companies",
            "Jagang Province 2025\\nNorth Hamgyong Province 2025\\nRyanggang Province 2025") in edges(dot)


def test_the_shape_key_names_every_kind_drawn(dataset):
    selection = select(dataset, FilterState(orgs=("office-39",)))
    key = shape_legend_dot(selection)
    shapes = dict(re.findall(r'^\s*"shape-\w+" \[label="([^"]+)", shape=(\w+)\];$', key, re.M))
    drawn = set(re.findall(r"shape=(\w+)", organisation_dot(selection)))
    assert set(shapes.values()) == drawn
    assert shapes["trading company"] == "box" and shapes["party office"] == "house"
    hostile = with_values(dataset, "organisations", "mss", type="security agency", name='x" ] ; a -> b')
    assert "->" not in shape_legend_dot(select(hostile, FilterState()))  # kinds come from a fixed list, quoted
