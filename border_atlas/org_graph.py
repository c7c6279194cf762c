"""The organisations as a Graphviz DOT graph: who is under whom, who ordered whom, who worked with whom.

Edges: umbrella -> member (solid grey, "under"), orderer -> unit (dashed red, "ordered"),
unit -> partner (bold, in the partner's colour, labelled with the place and year).
"""

from __future__ import annotations

from border_atlas.colours import DEFAULT_COLOUR, org_colours
from border_atlas.dataset import Dataset
from border_atlas.hierarchy import ancestors
from border_atlas.selection import Selection

TYPE_SHAPES = {
    "security agency": "doubleoctagon",
    "party office": "house",
    "trading company": "box",
    "military unit": "hexagon",
    "border guard": "hexagon",
    "customs": "cylinder",
    "ministry": "tab",
}


def quote(text: str) -> str:
    """A DOT string literal: backslashes and quotes escaped, line breaks as \\n.

    >>> quote('Office "39"')
    '"Office \\\\"39\\\\""'
    """
    text = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{text}"'


def graph_organisations(selection: Selection) -> set[str]:
    """Organisations in the selected records, with the umbrellas above them."""
    r = selection.records
    ids = set(r["org_id"]) | set(r["partner_org_id"].dropna()) | set(r["ordered_by_org_id"].dropna())
    orgs = selection.dataset.organisations
    for ident in list(ids):
        ids.update(ancestors(ident, orgs))
    return ids


def organisation_dot(selection: Selection, *, highlight: str | None = None) -> str:
    dataset: Dataset = selection.dataset
    orgs = dataset.organisations.set_index("id")
    colours = org_colours(dataset.organisations)
    shown = graph_organisations(selection)
    lines = [
        "digraph organisations {",
        '  graph [rankdir=LR, fontname="Helvetica", bgcolor="transparent", nodesep=0.25, ranksep=0.6];',
        '  node [fontname="Helvetica", fontsize=11, style="filled,rounded", fillcolor="#ffffff", penwidth=1.6];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    # An organisation whose row was left out for a bad value is still drawn, under its id.
    rows = orgs.reindex(sorted(shown))
    for ident, row in rows.iterrows():
        name = row["name"] if isinstance(row["name"], str) else ident
        label = name + (f"\n{row['name_ko']}" if isinstance(row["name_ko"], str) else "")
        extra = ', penwidth=3.5, fillcolor="#fff7d6"' if ident == highlight else ""
        lines.append(f"  {quote(ident)} [label={quote(label)}, shape={TYPE_SHAPES.get(row['type'], 'box')}, "
                     f"color={quote(colours.get(ident, DEFAULT_COLOUR))}{extra}];")
    for ident, parent in zip(rows.index, rows["parent_id"]):
        if isinstance(parent, str) and parent in shown:
            lines.append(f'  {quote(parent)} -> {quote(ident)} [label="under", color="#9e9e9e", fontcolor="#757575"];')
    pairs: dict[tuple, list[str]] = {}
    orders: set[tuple] = set()
    for row in selection.records.itertuples():
        if isinstance(row.ordered_by_org_id, str):
            orders.add((row.ordered_by_org_id, row.org_id))
        if isinstance(row.partner_org_id, str):
            where = row.place_name if isinstance(row.place_name, str) else "no place"
            pairs.setdefault((row.org_id, row.partner_org_id), []).append(f"{where} {row.known_from.year}")
    for source, target in sorted(orders):
        lines.append(f"  {quote(source)} -> {quote(target)} [label=\"ordered\", style=dashed, color=\"#c62828\", "
                     "fontcolor=\"#c62828\"];")
    for (source, target), where in sorted(pairs.items()):
        label = ", ".join(dict.fromkeys(where))
        lines.append(f"  {quote(source)} -> {quote(target)} [label={quote(label)}, penwidth=2.4, "
                     f"color={quote(colours.get(target, DEFAULT_COLOUR))}, dir=both, arrowtail=none];")
    lines.append("}")
    return "\n".join(lines)
