"""Download buttons for every export in the registry.

A download's bytes are handed to Streamlit as data on the run that shows the button, never
as a callable: Streamlit serves a callable's result from a file that no session holds, which
another session's rerun can delete before the browser fetches it (downloads failed with HTTP
404 under load). Cheap exports of small selections are made on every run; the others are
made when the user asks, kept for this session, and then offered as data.
"""

from __future__ import annotations

import hashlib
import threading
import time

import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from border_atlas.exports import EXPORTS, Export
from border_atlas.exports.html_export import MAX_HTML_BYTES, ExportTooLarge, holdings
from border_atlas.exports.playback_export import NO_WINDOW
from border_atlas.filters.link import BriefingText
from border_atlas.filters.selection import Selection
from border_atlas.mapview.compact import COMPACT, map_mode
from border_atlas.text.escaping import markdown
from border_atlas.text.wording import count_label

PREPARED_KEY = "border_atlas_prepared_exports"


def _fingerprint(selection: Selection, text: BriefingText) -> str:
    """Changes whenever the file would: the filters, the briefing text, the data."""
    key = repr((selection.state, text, selection.dataset.origin, id(selection.dataset)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _download(slot, export: Export, data: bytes, text: BriefingText) -> None:
    slot.download_button(export.label, data, export.file_name(text), export.mime, on_click="ignore",
                         key=f"download_{export.key}", help=export.help, icon=":material/download:")


def _prepared(export: Export, fingerprint: str) -> bytes | None:
    kept = st.session_state.get(PREPARED_KEY, {}).get(export.key)
    return kept[1] if kept and kept[0] == fingerprint else None


def _make(export: Export, selection: Selection, text: BriefingText, progress) -> bytes:
    """Build the file with its progress shown in ``progress``: a PNG or a slide takes seconds in Chromium."""
    started = time.monotonic()
    with progress.status(f"Making the {export.label}…", expanded=True) as status:
        if export.contents is not None:  # what the file will hold, as the file itself says
            st.write(markdown("{contents}; as {name}", contents=export.contents(selection),
                              name=export.file_name(text)))
        else:
            st.write(markdown("{what} of {count}, as {name}", what=export.help.split(":")[0].rstrip("."),
                              count=count_label(selection.count), name=export.file_name(text)))
        data = export.build(selection, text, _progress_bar()) if export.progress else export.build(selection, text)
        status.update(label=f"{export.label} ready: {len(data) / 1024:,.0f} KiB in {time.monotonic() - started:.1f} s",
                      state="complete", expanded=False)
    return data


def _progress_bar():
    """A bar and a callback for it; the callback may run in the thread that drives Chromium."""
    bar, context = st.progress(0.0, text="Starting Chromium…"), get_script_run_ctx()

    def advance(done: int, total: int) -> None:
        add_script_run_ctx(threading.current_thread(), context)
        bar.progress(done / total, text=f"Frame {done} of {total}")
    return advance


def _offer(slot, export: Export, selection: Selection, text: BriefingText, fingerprint: str, progress) -> None:
    reason = export.unavailable(selection)
    if reason:
        slot.button(export.label, disabled=True, help=reason, key=f"make_{export.key}")
        return
    if selection.count <= export.eager_limit:
        _download(slot, export, export.build(selection, text), text)
        return
    data = _prepared(export, fingerprint)
    if data is None and slot.button(f"Make {export.label}", key=f"make_{export.key}",
                                    help=f"{export.help} Made when you click; then download it."):
        try:
            data = _make(export, selection, text, progress)
        except ExportTooLarge as refusal:  # its message names the size and what to narrow
            progress.error(str(refusal), icon=":material/block:")
            return
        st.session_state.setdefault(PREPARED_KEY, {})[export.key] = (fingerprint, data)
    if data is not None:
        _download(slot, export, data, text)


def show_exports(selection: Selection, text: BriefingText) -> None:
    fingerprint = _fingerprint(selection, text)
    st.subheader("Export")
    st.caption("Every file carries each record's source, paragraphs and grade. Larger files are made when you ask.")
    # Above the buttons, where the user is looking when they press one (not under one narrow column).
    progress = st.container()
    # A row that wraps: each button as wide as its label (seven equal columns cut "Make Briefing …").
    row = st.container(horizontal=True, gap="small", key="ba-export-buttons")
    for export in EXPORTS:
        _offer(row.empty(), export, selection, text, fingerprint, progress)
    if map_mode(selection) == COMPACT:  # the HTML files' maps then show places and counts, not records
        st.caption(markdown("The HTML files: {holdings}. A file over {limit} MB is not made: narrow the filters.",
                            holdings=holdings(selection), limit=f"{MAX_HTML_BYTES / 1e6:,.0f}"))
    for export in EXPORTS:
        reason = export.unavailable(selection)
        if reason and reason != NO_WINDOW:  # a choice to make, not a problem: the disabled button says it
            st.info(markdown("{label}: {reason}", label=export.label, reason=reason))
