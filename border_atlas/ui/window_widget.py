"""The time window's widgets: its length (or off), moving or growing, and which window.

The window's slider lists the windows of the whole dataset (:func:`~border_atlas.playback.play_span`),
so that a link's window stays valid whatever the other filters select.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from border_atlas.loading.dataset import Dataset
from border_atlas.playback import LENGTHS, Window, frame_starts, play_span, window_label
from border_atlas.playback.windows import align

OFF = ""
KEYS = ("filter_window_length", "filter_window_growing", "filter_window_at")


def widget_values(value: Window | None) -> tuple:
    if value is None:
        return OFF, False, None
    return value.length, value.growing, value.start


def _starts(dataset: Dataset, length: str) -> list[date]:
    return frame_starts(*play_span(dataset), length)


def _nearest(starts: list[date], at: date | None, length: str) -> date:
    """The window holding ``at`` (the first one if none, the last one if ``at`` is after them all)."""
    if at is None:
        return starts[0]
    aligned = align(at, length)
    return aligned if aligned in starts else (starts[0] if aligned < starts[0] else starts[-1])


def draw(dataset: Dataset, container, help_text: str) -> None:
    length_key, growing_key, at_key = KEYS
    container.selectbox("Time window", [OFF, *LENGTHS], key=length_key, help=help_text,
                        format_func=lambda v: "Off (all dates)" if v == OFF else f"A {v}")
    length = st.session_state.get(length_key) or OFF
    if length == OFF:
        return
    container.toggle("Growing (keep what was drawn)", key=growing_key)
    starts = _starts(dataset, length)
    if st.session_state.get(at_key) not in starts:
        st.session_state[at_key] = _nearest(starts, st.session_state.get(at_key), length)
    container.select_slider("Window", starts, key=at_key,
                            format_func=lambda d: window_label(Window(length, d)),
                            help="The window the records, caption and legend follow; the map's ▶ plays from here.")


def read() -> Window | None:
    length, growing, at = (st.session_state.get(key) for key in KEYS)
    if not length or at is None:
        return None
    return Window(length, at, bool(growing))
