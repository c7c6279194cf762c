"""The legend's content: organisation colours, place symbols, precision and basemap lines."""

from __future__ import annotations

from border_atlas.colours import BORDER_COLOUR, KIND_SYMBOLS, RIVER_COLOUR, org_colours
from border_atlas.dataset import Dataset
from border_atlas.escaping import esc
from border_atlas.mapview.markers import symbol_html


def _row(swatch: str, text: str) -> str:
    return f'<div class="row"><span class="sw">{swatch}</span><span>{esc(text)}</span></div>'


def legend_html(dataset: Dataset) -> str:
    """Organisations with a colour of their own, kinds of place in the data, and precision."""
    colours = org_colours(dataset.organisations)
    own = dataset.organisations[dataset.organisations["colour"].notna()]
    seen: set[str] = set()
    orgs = []
    for row in own.itertuples():
        name = "Border units (Hyetan, Kangan, Samsu)" if row.id.startswith("units-") else row.name
        if name in seen:
            continue
        seen.add(name)
        orgs.append(_row(f'<span style="width:11px;height:11px;border-radius:2px;background:{esc(colours[row.id])}">'
                         "</span>", name))
    kinds = [k for k in KIND_SYMBOLS if k in set(dataset.places["kind"])]
    symbols = [_row(symbol_html(k, "point", size=11), k) for k in kinds]
    precision = [
        _row(symbol_html("neighbourhood", "parent", size=11), "approximate position (≈)"),
        _row('<svg width="14" height="14"><circle cx="7" cy="7" r="6" fill="none" stroke="#9a5b00" '
             'stroke-dasharray="3 2"/></svg>', "uncertainty radius"),
        _row(symbol_html("neighbourhood", "point", landmark=True, size=9), "landmark, no records"),
    ]
    lines = [
        _row(f'<svg width="14" height="6"><line x1="0" y1="3" x2="14" y2="3" stroke="{BORDER_COLOUR}" '
             'stroke-width="2" stroke-dasharray="4 2"/></svg>', "China–North Korea border"),
        _row(f'<svg width="14" height="6"><line x1="0" y1="3" x2="14" y2="3" stroke="{RIVER_COLOUR}" '
             'stroke-width="2"/></svg>', "river"),
    ]
    return (
        "<h4>Organisations</h4>" + "".join(orgs)
        + "<h4>Places</h4>" + "".join(symbols)
        + "<h4>Precision</h4>" + "".join(precision)
        + "<h4>Basemap</h4>" + "".join(lines)
    )
