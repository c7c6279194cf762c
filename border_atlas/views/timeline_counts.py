"""The timeline of a large selection, and the counts over time: cells of rows × months, not records.

Above :data:`DETAIL_LIMIT` records the timeline draws, per organisation or place, one cell per
month (or year) holding how many records are known to hold then (:mod:`border_atlas.views.period_counts`);
a cell carries its row, its period and its count, never a record's text, so what reaches the
browser is bounded by rows × time bins. Choosing a cell lists its records under the chart, a page
at a time. The counts over time (records per organisation per month or year, stacked) come from
the same counts, with the eras and events marked as on the timeline.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from border_atlas.filters.selection import Selection
from border_atlas.text.escaping import esc
from border_atlas.views.colours import DEFAULT_COLOUR, org_colours
from border_atlas.views.period_counts import PeriodCounts
from border_atlas.views.timeline import (
    LEGEND_CSS,
    PRECISION_SWATCH,
    ROW_LABEL_LIMIT_PX,
    ROW_PX,
    _org_items,
    _strip,
    _strip_layers,
    boundaries,
)

DETAIL_LIMIT = 1_000  # records drawn one mark each; above, the timeline draws counted cells
CELL_OPACITY = (0.3, 1.0)  # a cell of one record, and the fullest cell
CELL_SELECTION = "cell"  # the chart's selection: the chosen cell's row ("key") and "period"
COUNTS_HEIGHT = 220
SVG = {"embedOptions": {"renderer": "svg"}}  # text, not pixels: readable by tests and assistive tools


def _chart_data(counts: PeriodCounts) -> pd.DataFrame:
    """The cells as the chart gets them: dates as text, repeated names dictionary-coded (sent once each)."""
    cells = counts.cells
    text = cells.assign(start=cells["start"].dt.strftime("%Y-%m-%d"), end=cells["end"].dt.strftime("%Y-%m-%d"))
    return text.astype({c: "category" for c in ("key", "label", "org_id", "period", "start", "end")})


def _span(selection: Selection, counts: PeriodCounts) -> tuple:
    marks = boundaries(selection.dataset)
    start = min([*counts.cells["start"], *marks["date"]]) if len(counts.cells) else marks["date"].min()
    end = max([*counts.cells["end"], *marks["date"]]) if len(counts.cells) else marks["date"].max()
    return marks, (start, end + (end - start) * 0.02)


def _colour(selection: Selection, counts: PeriodCounts, *, legend=None) -> alt.Color:
    colours = org_colours(selection.dataset.organisations)
    present = list(dict.fromkeys(counts.cells["org_id"].dropna()))
    return alt.Color("org_id:N", legend=legend, scale=alt.Scale(
        domain=present, range=[colours.get(i, DEFAULT_COLOUR) for i in present]))


def _layout(chart: alt.TopLevelMixin, height: int) -> alt.TopLevelMixin:
    return chart.properties(width="container", height=height, usermeta=SVG,
                            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
                            padding={"left": 5, "top": 5, "right": 16, "bottom": 5})


def counts_grid_chart(selection: Selection, counts: PeriodCounts) -> alt.LayerChart:
    """One row per organisation or place, a cell per month (or year) shaded by its count; clicking a
    cell selects it (:data:`CELL_SELECTION`) so that the page can list its records."""
    marks, span = _span(selection, counts)
    scale = alt.Scale(domain=[span[0].isoformat(), span[1].isoformat()])
    top = max(int(counts.cells["count"].max()) if len(counts.cells) else 1, 2)
    chosen = alt.selection_point(name=CELL_SELECTION, fields=["key", "period"], on="click", clear="dblclick")
    cells = alt.Chart(_chart_data(counts)).mark_rect().encode(  # no stroke: on a phone a month is a pixel wide
        x=alt.X("start:T", title=None, scale=scale, axis=alt.Axis(format="%Y", tickCount="year")), x2="end:T",
        y=alt.Y("label:N", title=None, sort="ascending", axis=alt.Axis(labelLimit=ROW_LABEL_LIMIT_PX)),
        color=_colour(selection, counts),
        opacity=alt.condition(chosen, alt.Opacity("count:Q", legend=None, scale=alt.Scale(
            type="log", domain=[1, top], range=list(CELL_OPACITY))), alt.value(0.15)),
        tooltip=[alt.Tooltip("label:N", title=counts.group_by.capitalize()),
                 alt.Tooltip("period:N", title=counts.unit.capitalize()),
                 alt.Tooltip("count:Q", title="Records known to hold", format=",")],
    ).add_params(chosen)
    height = max(90, ROW_PX * max(counts.cells["key"].nunique(), 1))
    strip = _strip_layers(_strip(marks, span, height), scale)
    return _layout(alt.layer(*strip, cells).resolve_scale(y="independent"), height)


def counts_over_time_chart(selection: Selection, counts: PeriodCounts) -> alt.LayerChart:
    """Records per organisation per month (or year), stacked, with the era and event lines across it."""
    marks, span = _span(selection, counts)
    scale = alt.Scale(domain=[span[0].isoformat(), span[1].isoformat()])
    bars = alt.Chart(_chart_data(counts)).mark_bar().encode(
        x=alt.X("start:T", title=None, scale=scale, axis=alt.Axis(format="%Y", tickCount="year")), x2="end:T",
        y=alt.Y("sum(count):Q", title=f"Records per {counts.unit}", stack="zero"),
        color=_colour(selection, counts), order=alt.Order("label:N"),
        tooltip=[alt.Tooltip("label:N", title="Organisation"), alt.Tooltip("period:N", title=counts.unit.capitalize()),
                 alt.Tooltip("count:Q", title="Records known to hold", format=",")])
    strip = _strip_layers(_strip(marks, span, COUNTS_HEIGHT), scale)
    return _layout(alt.layer(*strip, bars).resolve_scale(y="independent"), COUNTS_HEIGHT)


def counts_legend_html(selection: Selection, counts: PeriodCounts, *, shades: bool = True) -> str:
    """The key to the counted charts: the organisations' colours, and (for the grid) a cell's shade
    (darker: more records). Escaped HTML."""
    organisations = _org_items(selection, counts.cells["org_id"])
    colour_of = "Organisation" if counts.group_by == "organisation" else "Main organisation at the place"
    top = int(counts.cells["count"].max()) if len(counts.cells) else 0
    shade = "".join(f'<span class="ba-tl-item"><i style="background:{PRECISION_SWATCH};opacity:{o}"></i>'
                    f"{esc(label)}</span>" for o, label in ((CELL_OPACITY[0], "1 record"),
                                                            (CELL_OPACITY[1], f"{top:,} records")))
    second = f"<div><b>Records known to hold in the {esc(counts.unit)}</b>{shade}</div>" if shades else ""
    return (f'<div class="ba-tl-legend"><style>{LEGEND_CSS}</style><div><b>{esc(colour_of)}</b>{organisations}'
            f"</div>{second}</div>")
