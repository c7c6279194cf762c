"""The legend's content: what is drawn, and nothing that is not.

The legend lists the organisations whose colours the drawn labels carry, the kinds of place
drawn, the precision marks in use, and the basemap's lines. The first three change with the
filters (:func:`data_legend_html`); the basemap part does not (:func:`basemap_legend_html`).
"""

from __future__ import annotations

from dataclasses import dataclass

from border_atlas.loading.model import Place
from border_atlas.mapview.markers import MAX_CHIPS, Chip, symbol_html
from border_atlas.text.escaping import esc
from border_atlas.views.colours import BORDER_COLOUR, KIND_SYMBOLS, RIVER_COLOUR


@dataclass(frozen=True)
class LegendContent:
    organisations: tuple[tuple[str, str], ...]  # (name, colour) of every colour a drawn label carries
    kinds: tuple[str, ...]
    approximate: bool
    uncertainty: bool
    landmarks: bool
    outlined_areas: bool = False  # records about a whole area, drawn over its outline
    point_areas: bool = False  # records about a whole area that has no outline, drawn at a point
    pending: bool = False  # a drawn place has records awaiting review

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.organisations]


def legend_content(chips: dict[str, list[Chip]], places: list[Place], landmarks: list[Place], *,
                   names: dict[str, str], uncertainty: bool) -> LegendContent:
    """What the legend must explain for the places and chips that are drawn."""
    owners: dict[str, str] = {}
    for place_chips in chips.values():
        for chip in place_chips[:MAX_CHIPS]:  # the ones a label shows
            owners.setdefault(chip.org_id, chip.colour)
    drawn = [*places, *landmarks]
    return LegendContent(
        organisations=tuple((names.get(org, org), colour) for org, colour in owners.items()),
        kinds=tuple(k for k in KIND_SYMBOLS if any(p.kind == k for p in drawn)),
        approximate=any(p.approximate for p in places),
        uncertainty=uncertainty,
        landmarks=bool(landmarks),
        outlined_areas=any(p.area == "outline" and p.id in chips for p in places),
        point_areas=any(p.area == "point" for p in places),
        pending=any(p.n_pending for p in places),
    )


def merge_legends(contents: list[LegendContent]) -> LegendContent:
    """One legend for several maps (the two eras): everything any of them draws."""
    organisations = dict(o for content in contents for o in content.organisations)
    kinds = {k for content in contents for k in content.kinds}
    return LegendContent(tuple(organisations.items()), tuple(k for k in KIND_SYMBOLS if k in kinds),
                         any(c.approximate for c in contents), any(c.uncertainty for c in contents),
                         any(c.landmarks for c in contents), any(c.outlined_areas for c in contents),
                         any(c.point_areas for c in contents), any(c.pending for c in contents))


def _row(swatch: str, text: str) -> str:
    return f'<div class="row"><span class="sw">{swatch}</span><span>{esc(text)}</span></div>'


def _square(colour: str) -> str:
    return f'<span style="width:11px;height:11px;border-radius:2px;background:{esc(colour)}"></span>'


def data_legend_html(content: LegendContent) -> str:
    """Organisations, kinds of place and precision marks, for what is drawn."""
    parts = []
    if content.organisations:
        parts.append("<h4>Organisations</h4>" + "".join(_row(_square(c), n) for n, c in content.organisations))
    if content.kinds:
        parts.append("<h4>Places</h4>" + "".join(_row(symbol_html(k, "point", size=11), k) for k in content.kinds))
    if content.pending:  # before the areas and precision, so that a legend scrolled short still shows it
        parts.append("<h4>Review</h4>" + _row(symbol_html("town", "point", size=11, pending=True),
                                              "records awaiting review (pending)"))
    parts += _area_rows(content)
    marks = []
    if content.approximate:
        marks.append(_row(symbol_html("neighbourhood", "parent", size=11), "approximate position (≈)"))
    if content.uncertainty:
        marks.append(_row('<svg width="14" height="14"><circle cx="7" cy="7" r="6" fill="none" stroke="#9a5b00" '
                          'stroke-dasharray="3 2"/></svg>', "uncertainty radius"))
    if content.landmarks:
        marks.append(_row(symbol_html("neighbourhood", "point", landmark=True, size=9), "landmark, no records"))
    if marks:
        parts.append("<h4>Precision</h4>" + "".join(marks))
    return "".join(parts) or "<p>No record matches these filters.</p>"


AREA_SWATCH = ('<svg width="14" height="13"><path d="M1.5 4 L8 1.5 L12.5 5 L11 11.5 L3 10.5 Z" fill="#37474f" '
               'fill-opacity=".18" stroke="#37474f" stroke-width="1.6"/></svg>')


def _area_rows(content: LegendContent) -> list[str]:
    """How records about a whole province or county are drawn: over its outline, or at a point without one."""
    rows = []
    if content.outlined_areas:
        rows.append(_row(AREA_SWATCH, "records about a whole area: its outline, in its organisation's colour "
                                      "(striped for several)"))
    if content.point_areas:
        rows.append(_row(symbol_html("county", "centroid", size=11),
                         "records about a whole area with no outline here: drawn at a point"))
    return ["<h4>Areas</h4>" + "".join(rows)] if rows else []


def basemap_legend_html() -> str:
    return "<h4>Basemap</h4>" + "".join([
        _row(f'<svg width="14" height="6"><line x1="0" y1="3" x2="14" y2="3" stroke="{BORDER_COLOUR}" '
             'stroke-width="2" stroke-dasharray="4 2"/></svg>', "China–North Korea border"),
        _row(f'<svg width="14" height="6"><line x1="0" y1="3" x2="14" y2="3" stroke="{RIVER_COLOUR}" '
             'stroke-width="2"/></svg>', "river"),
    ])
