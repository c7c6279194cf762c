"""Step 1: bring the report's text (pasted or uploaded) and confirm its outlet, title, date and locator."""

from __future__ import annotations

import hashlib

import streamlit as st

from border_atlas.drafting import SourceDetails
from border_atlas.ingest import IngestError, ReportText, report_from_text
from border_atlas.ingest.limited import READ_LIMITS, read_report_limited
from border_atlas.loading.dates import is_partial_date
from border_atlas.runtime import isolation
from border_atlas.text.escaping import markdown
from border_atlas.text.wording import count_label
from border_atlas.ui.add_report import state

UPLOAD_TYPES = ["txt", "text", "html", "htm", "xhtml", "pdf", "docx"]
REPORT = "ar_report"
ERROR = "ar_report_error"
READ_KEY = "ar_report_key"
_FIELDS = {"outlet": "ar_outlet", "title": "ar_title", "date": "ar_date", "locator": "ar_locator",
           "note": "ar_note"}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _take(read, key: tuple) -> None:
    """Read a report; on failure keep the message and no report (nothing else changes)."""
    st.session_state[READ_KEY] = key
    state.set_draft(state.REPORT, None)
    try:
        report = read()
    except IngestError as exc:
        st.session_state[REPORT], st.session_state[ERROR] = None, str(exc)
        return
    st.session_state[REPORT], st.session_state[ERROR] = report, None
    details = SourceDetails.prefilled(report)
    for field, key_ in _FIELDS.items():
        value = details.published if field == "date" else getattr(details, field)
        st.session_state[key_] = value or ""


def bring_report() -> ReportText | None:
    """The report read so far, if any; a refused file's message is shown and nothing is kept."""
    st.header("1. Bring the report")
    isolation.start_early()  # the process that reads uploads, ready before the first one
    how = st.radio("Its text", ["Paste the text", "Upload a file"], key="ar_input", horizontal=True)
    if how == "Paste the text":
        text = st.text_area("The report: its title on the first line, then its paragraphs", key="ar_paste",
                            height=180)
        if st.button("Read the pasted text", key="ar_read"):
            _take(lambda: report_from_text(text), ("paste", _digest(text.encode("utf-8", "replace"))))
    else:
        upload = st.file_uploader("A report file: text, web page (.html), PDF or Word (.docx)", type=UPLOAD_TYPES,
                                  key="ar_upload")
        if upload is not None:
            data = upload.getvalue()
            key = ("upload", upload.name, _digest(data))
            if st.session_state.get(READ_KEY) != key:
                with st.spinner(f"Reading {upload.name} in a separate process (at most {READ_LIMITS.seconds:g} s)…"):
                    _take(lambda: read_report_limited(data, filename=upload.name), key)
    if st.session_state.get(ERROR):
        st.error(markdown("{message} Nothing was kept.", message=st.session_state[ERROR]))
    return st.session_state.get(REPORT)


def _prefilled(report: ReportText) -> str:
    told = "; ".join(f"{field} from {origin}" for field, origin in report.prefilled.items())
    return f"{told}." if told else "none was found."


def confirm_details(report: ReportText) -> SourceDetails | None:
    """The details form; the confirmed details when the analyst submits valid ones."""
    st.subheader("Its details")
    st.caption(markdown("{count}, numbered from 1 at the first non-empty line after the title, one per "
                        "non-empty line. Check every prefilled value: {told}",
                        count=count_label(len(report.paragraphs), "paragraph"), told=_prefilled(report)))
    with st.form("ar_details_form"):
        left, right = st.columns(2)
        left.text_input("Outlet", key=_FIELDS["outlet"], placeholder="Daily NK (English)")
        right.text_input("Published (YYYY-MM-DD, YYYY-MM or YYYY)", key=_FIELDS["date"])
        st.text_input("Title", key=_FIELDS["title"])
        left, right = st.columns(2)
        left.text_input("Locator (web address or archive reference)", key=_FIELDS["locator"])
        right.text_input("Note", key=_FIELDS["note"], help="Your remark on the source, saved in sources.csv.")
        submitted = st.form_submit_button("Confirm and propose records", type="primary")
    if not submitted:
        return None
    values = {field: st.session_state.get(key, "").strip() for field, key in _FIELDS.items()}
    missing = [name for name in ("outlet", "title", "date") if not values[name]]
    if missing or not is_partial_date(values["date"]):
        st.error(markdown("Give the outlet, the title and the date written YYYY-MM-DD, YYYY-MM or YYYY{missing}.",
                          missing=f" (missing: {', '.join(missing)})" if missing else ""))
        return None
    return SourceDetails(outlet=values["outlet"], title=values["title"], published=values["date"],
                         locator=values["locator"] or None, note=values["note"] or None)


def typed_date() -> str | None:
    """The date in the details form, if it is written as a date (relative dates are read against it)."""
    value = (st.session_state.get(_FIELDS["date"]) or "").strip()
    return value if is_partial_date(value) else None
