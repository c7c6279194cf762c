"""Step 2: what the app recognised, marked in the numbered text and listed per paragraph.

The marked text is the package's escaped HTML (:func:`~border_atlas.ingest.render_highlights`),
shown with ``st.html``, which also sanitises it and runs no script: a report is hostile input.
"""

from __future__ import annotations

import streamlit as st

from border_atlas.ingest import IngestError, Recognition, ReportText, render_highlights
from border_atlas.ingest.limited import RECOGNITION_LIMITS, recognise_limited
from border_atlas.ingest.listing import findings_rows
from border_atlas.loading.dataset import Dataset
from border_atlas.text.escaping import markdown
from border_atlas.ui.add_report import state

STYLE = """<style>
.report-text{font-size:0.95rem;line-height:1.65;max-width:62em}
.report-text .report-title{font-size:1.15rem;margin:0 0 .6em 0}
.report-text .paragraph{margin:0 0 .75em 2.4em;position:relative}
.report-text .paragraph-number{position:absolute;left:-2.4em;width:1.8em;text-align:right;color:#6b6b6b;
  font-weight:600;font-variant-numeric:tabular-nums}
mark.hl{color:inherit;padding:0 .12em;border-radius:3px}
.hl-place{background:#d4ecd9;border-bottom:2px solid #2e7d32}
.hl-new-place{background:#fff1c7;border-bottom:2px dashed #a35f00}
.hl-organisation{background:#d9e4fb;border-bottom:2px solid #1f4fa3}
.hl-new-organisation{background:#ecdcf7;border-bottom:2px dashed #6a1b9a}
.hl-date{background:#ffe3d1;border-bottom:2px solid #bf4e00}
.hl-amount{background:#ececec;border-bottom:2px solid #555}
.hl-legend mark{margin-right:.6em;font-size:.85rem}
</style>"""
LEGEND = ('<div class="hl-legend"><mark class="hl hl-place">known place</mark><mark class="hl hl-new-place">new place?'
          '</mark><mark class="hl hl-organisation">known organisation</mark><mark class="hl hl-new-organisation">'
          'new organisation?</mark><mark class="hl hl-date">date</mark><mark class="hl hl-amount">amount</mark></div>')


def recognition_of(report: ReportText, dataset: Dataset, *, report_date: str | None) -> Recognition | None:
    """Every recogniser on every paragraph, places found by the offline gazetteer (kept for the session).

    It runs in a separate process with a time and a memory limit; past either, the message says
    so and there is no recognition (None), kept too, so that the work is not asked for again.
    """
    key = (id(report), report_date, id(dataset))
    kept = st.session_state.get("ar_recognition")
    if not (kept and kept[0] == key):
        with st.spinner(f"Recognising what the report names (at most {RECOGNITION_LIMITS.seconds:g} s)…"):
            try:
                kept = (key, recognise_limited(report, organisations=dataset.organisations, events=dataset.events,
                                               gazetteer=state.gazetteer(dataset), report_date=report_date), None)
            except IngestError as exc:
                kept = (key, None, str(exc))
        st.session_state["ar_recognition"] = kept
    if kept[2]:
        st.error(markdown("{message} Nothing was kept.", message=kept[2]))
    return kept[1]


def show_recognised(found: Recognition) -> None:
    st.header("2. What the app recognised")
    st.caption("Hover a mark to see what it was read as. Places come from the places table or the GeoNames "
               "reference; names marked “new” are proposals for you to confirm.")
    st.html(STYLE + LEGEND)
    with st.container(height=520, border=True):
        st.html(STYLE + render_highlights(found))
    with st.expander("Listed per paragraph"):
        st.dataframe(findings_rows(found), hide_index=True, width="stretch")
