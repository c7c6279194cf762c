"""The matching records as a table under the map (and as plain HTML when the page is printed)."""

from __future__ import annotations

import streamlit as st

from border_atlas.escaping import markdown
from border_atlas.model import records_of
from border_atlas.selection import Selection
from border_atlas.tables import records_html, records_table
from border_atlas.wording import count_label

# Our own constant CSS (no user text): on paper the map page is the map, the caption and the
# records, without the sidebar, the toolbar, the exports or the interactive grid.
PRINT_CSS = """<style>
.st-key-ba-print-records { display: none; }
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], .st-key-ba-exports, .st-key-ba-screen-records,
  [data-testid="stExpander"] { display: none !important; }
  [data-testid="stMainBlockContainer"], .block-container { padding: 0 !important; max-width: none !important; }
  [data-testid="stMainBlockContainer"] h1 { font-size: 20pt !important; padding: 0 0 2mm !important; }
  [data-testid="stCaptionContainer"] { display: none !important; }
  iframe { break-inside: avoid; }
  .st-key-ba-print-records { display: block !important; }
  .ba-print-table { border-collapse: collapse; width: 100%; font-size: 9pt; }
  .ba-print-table th, .ba-print-table td { border: 1px solid #ccc; padding: 2px 4px; text-align: left;
    vertical-align: top; }
  .ba-print-table tr { break-inside: avoid; }
  @page { size: A4 landscape; margin: 7mm 8mm; }
}
</style>"""


def show_records(selection: Selection) -> None:
    if selection.records.empty:
        st.info("No record matches these filters. Widen the era or date range, or clear a filter.")
        return
    st.html(PRINT_CSS)
    with st.container(key="ba-screen-records"):
        st.dataframe(records_table(selection.record_list), hide_index=True, width="stretch")
    with st.container(key="ba-print-records"):
        st.html(records_html(selection.record_list))


def show_place_records(selection: Selection, place_id: str | None) -> None:
    """The selected records at one place (the one clicked on the compact map), above the full table."""
    if place_id is None:
        return
    here = selection.records[selection.column("place_id") == place_id]
    if here.empty:
        return
    with st.container(key="ba-place-records"):
        st.markdown(markdown("**{place}**: {count}", place=here["place_name"].iloc[0], count=count_label(len(here))))
        st.dataframe(records_table(records_of(here)), hide_index=True, width="stretch")
