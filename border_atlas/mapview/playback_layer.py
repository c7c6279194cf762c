"""The time player on the map: its payload, sent once with the data layers, and the script that plays it.

When a time window is chosen, the map draws every place of the other filters and the player shows and
hides them frame by frame in the browser (:file:`playback.js`), with no rerun. The payload holds per
place the runs of frames in which it is drawn (:mod:`border_atlas.playback.runs`), per chip of a
detailed marker the same, the frames' date stamps and the era and event marks of the slider: its size
grows with places × frames, never with records.

>>> from border_atlas import FilterState, load_dataset, select
>>> from border_atlas.playback import Window
>>> shown = select(load_dataset(), FilterState(window=Window("year", date(2018, 1, 1))))
>>> payload = playback_payload(shown, playback_base(shown), ["hyetan"], mode="detailed")
>>> payload["frames"][payload["at"]], payload["runs"], payload["chips"]
('2018', [[1, 2]], [[[1, 2]]])
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import numpy as np
from branca.element import MacroElement
from jinja2 import Template

from border_atlas.filters.selection import Selection, select
from border_atlas.loading.dataset import Dataset
from border_atlas.loading.dates import first_day
from border_atlas.playback import Window, frame_starts, play_span, window_label
from border_atlas.playback.runs import chip_runs, frame_ends, place_runs
from border_atlas.text.escaping import script_json


def playback_base(selection: Selection) -> Selection:
    """What the player plays: the same filters without the window (the selection itself when there is none)."""
    if selection.state.window is None:
        return selection
    return select(selection.dataset, selection.state.with_(window=None))


def _position(day: date, starts: list[date], ends: list[date]) -> float | None:
    """Where ``day`` falls on the slider, in frames (None outside it)."""
    k = int(np.searchsorted(np.array(starts, dtype="datetime64[D]"), np.datetime64(day, "D"), side="right")) - 1
    if k < 0 or day > ends[-1]:
        return None
    return k + (day - starts[k]).days / ((ends[k] - starts[k]).days + 1)


def slider_ticks(dataset: Dataset, starts: list[date], ends: list[date]) -> list[dict]:
    """The eras' first days and the events, as marks on the slider (their names as tooltips)."""
    marks = [("era", start, f"{name} begins") for start, name in zip(dataset.eras["start"], dataset.eras["name"])
             if isinstance(start, str)]
    marks += [("event", day, label) for day, label in zip(dataset.events["date"], dataset.events["label"])
              if isinstance(day, str)]
    ticks = []
    for kind, day, label in marks:
        at = _position(first_day(day), starts, ends)
        if at is not None:
            ticks.append({"at": round(at, 3), "kind": kind, "label": f"{day}: {label}"})
    return ticks


def playback_payload(shown: Selection, base: Selection, places: list, *, mode: str, ids: list[str] | None = None,
                     controls: bool = True) -> dict:
    """The player's data for the places drawn (``places``: ids on a detailed map, the compact layer's indices
    on a compact one, then ``ids`` gives their place ids). It starts at the window of ``shown``."""
    window: Window = shown.state.window
    starts = frame_starts(*play_span(shown.dataset), window.length)
    ends = frame_ends(starts, window.length)
    runs = place_runs(base, starts, window.length, growing=window.growing)
    always = [0, len(starts)]  # a landmark has no record and stays
    ids = list(places) if ids is None else ids
    payload = {
        "mode": mode, "controls": controls, "places": list(places),
        "frames": [window_label(Window(window.length, s)) for s in starts],
        "at": min(int(np.searchsorted(np.array(starts), window.start)), len(starts) - 1),
        "how": f"growing by {window.length}" if window.growing else f"a {window.length} at a time",
        "runs": [runs.get(i, always) for i in ids],
        "ticks": slider_ticks(shown.dataset, starts, ends),
    }
    if mode == "detailed":
        chips = chip_runs(base, starts, window.length, growing=window.growing)
        payload["chips"] = [chips.get(i, []) for i in ids]
    return payload


@cache
def _player_code() -> str:
    return Path(__file__).with_name("playback.js").read_text(encoding="utf-8")


class Playback(MacroElement):
    """Add to the data layer holding the places (a FeatureGroup on the map)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (group, data, map) {
        {{ this.code }}
        })({{ this._parent.get_name() }}, {{ this.payload }}, {{ this._parent._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, payload: dict):
        super().__init__()
        self._name = "Playback"
        self.code = _player_code()
        self.payload = script_json(payload, compact=True)
