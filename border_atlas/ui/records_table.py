"""The matching records as a table under the map (and as plain HTML when the page is printed)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from border_atlas.filters.selection import Selection
from border_atlas.text.escaping import markdown
from border_atlas.text.wording import count_label
from border_atlas.views.tables import HISTORY, page_count, records_html, records_page

# Our own constant CSS (no user text): on paper the map page is the map, the caption and the
# records, without the sidebar, the toolbar, the exports or the interactive grid.
PRINT_CSS = """<style>
.st-key-ba-records-print { display: none; }
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], .st-key-ba-exports, .st-key-ba-records-screen,
  .st-key-ba-records-pager,
  [data-testid="stExpander"] { display: none !important; }
  [data-testid="stMainBlockContainer"], .block-container { padding: 0 !important; max-width: none !important; }
  [data-testid="stMainBlockContainer"] h1 { font-size: 20pt !important; padding: 0 0 2mm !important; }
  [data-testid="stCaptionContainer"] { display: none !important; }
  iframe { break-inside: avoid; }
  .st-key-ba-records-print { display: block !important; }
  .ba-print-table { border-collapse: collapse; width: 100%; font-size: 9pt; }
  .ba-print-table th, .ba-print-table td { border: 1px solid #ccc; padding: 2px 4px; text-align: left;
    vertical-align: top; }
  .ba-print-table tr { break-inside: avoid; }
  @page { size: A4 landscape; margin: 7mm 8mm; }
}
</style>"""


# Each record's History link (a relative address: the app's base path is kept), shown as a word, not the address;
# pinned (at the left), so that it is in view on any screen without scrolling the table sideways.
RECORD_COLUMN_CONFIG = {HISTORY: st.column_config.LinkColumn(
    HISTORY, display_text="History", width="small", pinned=True,
    help="Who added, changed, reviewed or undid the record, when and why (opens the History page)")}


def _page_number(key: str, pages: int) -> int:
    """The page the reader asked for, kept within the pages there are now (filters may have left fewer)."""
    if st.session_state.get(key, 1) > pages:
        st.session_state[key] = pages
    return int(st.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, value=1, step=1, key=key,
                               help="The table shows 500 records at a time, in date order; sorting a column "
                                    "sorts the page. The CSV export holds every record."))


def _show_page(selection: Selection, positions: np.ndarray | None, *, key: str, print_copy: bool) -> None:
    pages = page_count(selection.count if positions is None else len(positions))
    if pages > 1:  # a narrow page number with its range beside it (stacked on a phone)
        number_column, range_column = st.columns([1, 3], vertical_alignment="bottom")
        with number_column, st.container(key=f"{key}-pager"):
            part = records_page(selection, positions, page=_page_number(f"{key}-page", pages))
        range_column.caption(f"{part.range_text}, in date order.")
    else:
        part = records_page(selection, positions)
    with st.container(key=f"{key}-screen"):
        st.dataframe(part.table, hide_index=True, width="stretch", column_config=RECORD_COLUMN_CONFIG)
    if print_copy:
        with st.container(key=f"{key}-print"):
            st.html(records_html(part.table, note=f"{part.range_text}; the CSV export holds all."
                                 if part.pages > 1 else ""))


def show_records(selection: Selection) -> None:
    if selection.count == 0:
        st.info("No record matches these filters. Widen the era or date range, or clear a filter.")
        return
    st.html(PRINT_CSS)
    _show_page(selection, None, key="ba-records", print_copy=True)


def show_records_at(selection: Selection, positions: np.ndarray, *, key: str) -> None:
    """The selected records at ``positions`` (a chart's chosen cell), a page at a time."""
    _show_page(selection, positions, key=key, print_copy=False)


def show_place_records(selection: Selection, place_id: str | None, *, where: str = "") -> None:
    """The selected records at one place (the one clicked on the compact map), above the full table.

    ``where``: which of the page's maps the place was clicked on (the era comparison's), said after its name.
    """
    if place_id is None:
        return
    positions = selection.positions_at(place_id)
    if not len(positions):
        return
    with st.container(key="ba-place-records"):
        [first] = selection.records_at(positions[:1])
        st.markdown(markdown("**{place}**{where}: {count}", place=first.place_name or place_id,
                             where=f", {where}" if where else "", count=count_label(len(positions))))
        _show_page(selection, positions, key="ba-place", print_copy=False)
