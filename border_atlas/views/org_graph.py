"""The organisations as a Graphviz DOT graph: who is under whom, who ordered whom, who worked with whom.

Edges: umbrella -> member (solid grey, "under"), orderer -> unit (dashed red, "ordered"),
unit -> partner (bold, in the partner's colour, labelled with the place and year). Which orders and
pairings are drawn in a large selection is chosen in :mod:`border_atlas.views.org_graph_edges`.
"""

from __future__ import annotations

from border_atlas.filters.selection import Selection
from border_atlas.text.wording import text
from border_atlas.views.colours import DEFAULT_COLOUR, org_colours
from border_atlas.views.org_graph_edges import DrawnEdges, drawn_edges, graph_counts

TYPE_SHAPES = {
    "security agency": "doubleoctagon",
    "party office": "house",
    "trading company": "box",
    "military unit": "hexagon",
    "border guard": "hexagon",
    "customs": "cylinder",
    "ministry": "tab",
}


# The app shows a point of the drawing as a pixel (scrolled sideways where the column is narrower),
# so these are the sizes read on screen.
NODE_FONT_PT = 12
EDGE_FONT_PT = 10.5


def quote(text: str) -> str:
    """A DOT string literal: backslashes and quotes escaped, line breaks as \\n.

    >>> quote('Office "39"')
    '"Office \\\\"39\\\\""'
    """
    text = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{text}"'


PAIRINGS_LISTED = 40  # above this many pairings and orders drawn, edges carry their text as tooltips


def graph_organisations(selection: Selection) -> set[str]:
    """Organisations in the selected records, with the umbrellas above them."""
    return set(graph_counts(selection).organisations)


def _nodes(selection: Selection, shown: set[str], colours: dict[str, str], highlight: str | None) -> list[str]:
    # An organisation whose row was left out for a bad value is still drawn, under its id.
    orgs = selection.dataset.organisations.set_index("id").reindex(sorted(shown))
    lines = []
    for ident, row in zip(orgs.index, orgs.to_dict("records")):
        label = (text(row["name"]) or ident) + (f"\n{row['name_ko']}" if text(row["name_ko"]) else "")
        extra = ', penwidth=3.5, fillcolor="#fff7d6"' if ident == highlight else ""
        lines.append(f"  {quote(ident)} [label={quote(label)}, shape={TYPE_SHAPES.get(row['type'], 'box')}, "
                     f"color={quote(colours.get(ident, DEFAULT_COLOUR))}{extra}];")
    for ident, parent in zip(orgs.index, orgs["parent_id"]):
        if text(parent) in shown:
            lines.append(f'  {quote(parent)} -> {quote(ident)} [label="under", color="#9e9e9e", fontcolor="#757575"];')
    return lines


def _edges(drawn: DrawnEdges, colours: dict[str, str]) -> list[str]:
    # With many edges, labels go to tooltips: every label is a box the layout must place, and
    # hundreds of them took the browser's layout tens of seconds.
    listed = len(drawn.pairings) + len(drawn.orders) <= PAIRINGS_LISTED
    text_of = "label" if listed else "tooltip"
    lines = [f"  {quote(source)} -> {quote(target)} [{text_of}=\"ordered\", style=dashed, color=\"#c62828\", "
             "fontcolor=\"#c62828\"];" for source, target, _ in drawn.orders]
    for source, target, where, total, _ in drawn.pairings:
        # One place and year a line: a list on one line made the widest edge of the graph; past
        # PLACES_PER_EDGE the rest are counted, so that a pairing at 1,000 places stays one readable edge.
        label = "\n".join(where) + (f"\n+ {total - len(where):,} more" if total > len(where) else "")
        lines.append(f"  {quote(source)} -> {quote(target)} [{text_of}={quote(label)}, "
                     f"penwidth=2.4, color={quote(colours.get(target, DEFAULT_COLOUR))}, dir=both, arrowtail=none];")
    return lines


def organisation_dot(selection: Selection, *, highlight: str | None = None, drawn: DrawnEdges | None = None) -> str:
    """The graph of the selection's organisations in Graphviz DOT, every label quoted: the links ``drawn``
    (by default those :func:`drawn_edges` chooses, keeping every link of ``highlight``)."""
    drawn = drawn or drawn_edges(graph_counts(selection), highlight)
    colours = org_colours(selection.dataset.organisations)
    header = [
        "digraph organisations {",
        '  graph [rankdir=LR, fontname="Helvetica", bgcolor="transparent", nodesep=0.18, ranksep=0.3];',
        f'  node [fontname="Helvetica", fontsize={NODE_FONT_PT}, style="filled,rounded", fillcolor="#ffffff", '
        'penwidth=1.6, margin="0.06,0.04"];',
        f'  edge [fontname="Helvetica", fontsize={EDGE_FONT_PT}];',
    ]
    body = _nodes(selection, graph_organisations(selection), colours, highlight) + _edges(drawn, colours)
    return "\n".join([*header, *body, "}"])


def shape_legend_dot(selection: Selection) -> str:
    """A row of the node shapes the graph of the selection uses, each named by its kinds of organisation."""
    types = selection.dataset.organisations.set_index("id")["type"].reindex(sorted(graph_organisations(selection)))
    kinds: dict[str, list[str]] = {}
    for kind in dict.fromkeys(text(t) for t in types):
        kinds.setdefault(TYPE_SHAPES.get(kind, "box"), []).append(kind or "other")
    nodes = [f"  {quote('shape-' + shape)} [label={quote(', '.join(names))}, shape={shape}];"
             for shape, names in sorted(kinds.items(), key=lambda item: item[1])]
    return "\n".join([
        "digraph shapes {",
        '  graph [rankdir=LR, bgcolor="transparent", nodesep=0.15, ranksep=0.2];',
        f'  node [fontname="Helvetica", fontsize={EDGE_FONT_PT}, style="filled,rounded", fillcolor="#ffffff", '
        'color="#455a64", penwidth=1.2, margin="0.06,0.02", height=0.3];',
        *nodes, "}"])
