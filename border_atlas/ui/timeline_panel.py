"""The Timeline page's charts: one mark per record for a small selection, counted cells for a large one
(a chosen cell's records listed under it, a page at a time), and the counts over time."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from border_atlas.filters.selection import Selection
from border_atlas.filters.selection_cache import per_selection
from border_atlas.loading.dataset import Dataset
from border_atlas.text.escaping import markdown
from border_atlas.text.wording import count_label
from border_atlas.ui.records_table import show_records_at
from border_atlas.ui.vega_specs import draw_spec, specs_per_dataset, vega_spec
from border_atlas.views.period_counts import ROW_LIMIT, PeriodCounts, cell_positions, period_counts
from border_atlas.views.timeline import figures_charts, timeline_chart, timeline_legend_html
from border_atlas.views.timeline_counts import (
    CELL_SELECTION,
    DETAIL_LIMIT,
    counts_grid_chart,
    counts_legend_html,
    counts_over_time_chart,
)

CELLS_KEY = "timeline_cells"


def counts_of(selection: Selection, group_by: str, unit: str) -> PeriodCounts:
    """The selection's counts, computed once per selection, grouping and unit (and kept, bounded)."""
    return per_selection(selection, "period_counts", lambda: period_counts(selection, group_by, unit), group_by, unit)


def _kept(selection: Selection, name: str, chart: Callable, legend: Callable[[], str],
          *extra: Hashable) -> tuple[dict, str]:
    """A chart's Vega-Lite spec and its legend's HTML, made once per selection, grouping and unit: a later
    run, or another session with the same filters, builds, validates and converts no chart."""
    return per_selection(selection, name, lambda: (vega_spec(chart()), legend()), *extra)


def show_timeline(selection: Selection, *, group_by: str, unit: str) -> None:
    """Every record as a bar or diamond up to DETAIL_LIMIT records; above, counted cells to click."""
    if selection.count <= DETAIL_LIMIT:
        spec, legend = _kept(selection, "timeline_spec", lambda: timeline_chart(selection, group_by=group_by),
                             lambda: timeline_legend_html(selection), group_by)
        draw_spec(spec)
        st.html(legend)  # escaped by the package
        return
    counts = counts_of(selection, group_by, unit)
    note = f"{selection.count:,} records are too many to draw one by one: each cell counts the records known to " \
           f"hold in its {unit} (from start to end; a missing bound is the report date). Click a cell to list them."
    if counts.rows_total > ROW_LIMIT:
        note += (f" Drawn: the {ROW_LIMIT} {group_by}s with most records, of {counts.rows_total:,}; the "
                 f"{counts.records_left_out:,} records of the others are not drawn (choose them in the sidebar).")
    st.caption(note)
    spec, legend = _kept(selection, "counts_grid_spec", lambda: counts_grid_chart(selection, counts),
                         lambda: counts_legend_html(selection, counts), group_by, unit)
    event = draw_spec(spec, on_select="rerun", selection_mode=CELL_SELECTION, key=CELLS_KEY)
    st.html(legend)
    chosen = _chosen_cell(event)
    if chosen is not None:
        _show_cell(selection, counts, *chosen)


def _chosen_cell(event) -> tuple[str, str] | None:
    points = (getattr(event, "selection", None) or {}).get(CELL_SELECTION) or []
    if not points or "key" not in points[0] or "period" not in points[0]:
        return None
    return str(points[0]["key"]), str(points[0]["period"])


def _show_cell(selection: Selection, counts: PeriodCounts, key: str, period: str) -> None:
    """The records one cell counts, a page at a time, under a line naming the cell."""
    try:
        positions = cell_positions(selection, counts.group_by, counts.unit, key, period)
    except ValueError:  # a cell of the other unit, chosen before the unit changed
        return
    labels = counts.cells.loc[counts.cells["key"] == key, "label"]
    if not len(positions) or labels.empty:
        return
    with st.container(key="ba-cell-records"):
        st.markdown(markdown("**{row}**, {period}: {count} known to hold then", row=labels.iloc[0], period=period,
                             count=count_label(len(positions))))
        show_records_at(selection, positions, key="ba-cell")


def show_counts_over_time(selection: Selection, *, unit: str) -> None:
    """Records per organisation per month or year, stacked, with the eras marked."""
    counts = counts_of(selection, "organisation", unit)
    spec, legend = _kept(selection, "counts_over_time_spec", lambda: counts_over_time_chart(selection, counts),
                         lambda: counts_legend_html(selection, counts, shades=False), unit)
    draw_spec(spec)
    st.html(legend)


def show_figures(dataset: Dataset) -> None:
    """The reported amounts' charts, made once per dataset."""
    for spec in specs_per_dataset(dataset, "figures", lambda: figures_charts(dataset)):
        draw_spec(spec)
