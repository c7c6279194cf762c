"""Which frames each place (and each of its chips) is drawn in: what the browser needs to play, sent once.

A record is drawn in a frame while its known period (:func:`border_atlas.loading.dates.known_period`, the
``known_from`` and ``known_to`` columns) meets the frame's window. A place is drawn in the frames of
any of its records, kept as runs of frame numbers ``[a, b)``: a place has at most one run per two
frames, so what is sent is bounded by places × frames, whatever the number of records.

>>> from border_atlas import FilterState, load_dataset, select
>>> from border_atlas.playback.windows import frame_starts
>>> selection = select(load_dataset(), FilterState())
>>> starts = frame_starts(date(2017, 1, 1), date(2025, 12, 31), "year")
>>> runs = place_runs(selection, starts, "year", growing=False)
>>> runs["hyetan"], runs["ryanggang"]   # 2018 alone; 2018, then 2020 to 2025
([1, 2], [1, 2, 3, 9])
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from border_atlas.filters.selection import Selection
from border_atlas.playback.windows import advance


def frame_ends(starts: list[date], length: str) -> list[date]:
    return [advance(start, length) - timedelta(days=1) for start in starts]


def record_frames(known_from: pd.Series, known_to: pd.Series, starts: list[date], length: str, *,
                  growing: bool) -> tuple[np.ndarray, np.ndarray]:
    """For each record, the frames ``[first, stop)`` in which it is drawn (first >= stop: none).

    Moving: the frames whose window meets the record's period. Growing: every frame from the first
    such one to the last, since a growing window keeps what it has drawn.
    """
    begins = np.array(starts, dtype="datetime64[D]")
    ends = np.array(frame_ends(starts, length), dtype="datetime64[D]")
    lo = known_from.to_numpy(dtype="datetime64[D]")
    hi = known_to.to_numpy(dtype="datetime64[D]")
    first = np.searchsorted(ends, lo, side="left")
    last = np.searchsorted(begins, hi, side="right")  # frames starting on or before the period's end
    stop = np.full(len(lo), len(starts)) if growing else last
    first = np.where(last > 0, first, len(starts))  # a period ending before the first frame is never drawn
    return first.astype(np.int64), stop.astype(np.int64)


def merged_runs(groups: pd.Series, first: np.ndarray, stop: np.ndarray) -> dict:
    """Group -> its records' frame ranges merged into runs, flat: ``[a1, b1, a2, b2, …]``."""
    frame = pd.DataFrame({"g": groups.to_numpy(), "a": first, "b": stop})
    frame = frame[frame["a"] < frame["b"]].sort_values(["g", "a"], kind="stable")
    if frame.empty:
        return {}
    reach = frame.groupby("g", sort=False)["b"].cummax()
    before = reach.groupby(frame["g"], sort=False).shift(1)
    starts_run = before.isna() | (frame["a"] > before)
    run_id = starts_run.cumsum()
    runs = frame.assign(run=run_id.to_numpy()).groupby("run", sort=True).agg(g=("g", "first"), a=("a", "min"),
                                                                          b=("b", "max"))
    merged: dict = {}
    for group, a, b in zip(runs["g"].tolist(), runs["a"].tolist(), runs["b"].tolist(), strict=True):
        merged.setdefault(group, []).extend((a, b))
    return merged


def _frames_of(selection: Selection, starts: list[date], length: str, growing: bool):
    return record_frames(selection.column("known_from"), selection.column("known_to"), starts, length,
                         growing=growing)


def place_runs(selection: Selection, starts: list[date], length: str, *, growing: bool) -> dict[str, list[int]]:
    """Place id -> the runs of frames in which it is drawn."""
    first, stop = _frames_of(selection, starts, length, growing)
    return merged_runs(selection.column("place_id"), first, stop)


def chip_runs(selection: Selection, starts: list[date], length: str, *, growing: bool) -> dict[str, list[list[int]]]:
    """Place id -> for each of its chips, in the order the map draws them, the runs of frames it is drawn in.

    A chip is one organisation or pairing at a place (:func:`border_atlas.mapview.markers.chips_for`, which
    orders them by their first record, as here).
    """
    first, stop = _frames_of(selection, starts, length, growing)
    keys = pd.DataFrame({"place": selection.column("place_id").to_numpy(),
                         "org": selection.column("org_id").fillna("").to_numpy(),
                         "partner": selection.column("partner_org_id").fillna("").to_numpy()})
    chip = keys["place"].astype(str) + "\0" + keys["org"].astype(str) + "\0" + keys["partner"].astype(str)
    runs = merged_runs(chip, first, stop)
    found: dict[str, list[list[int]]] = {}
    for key in pd.unique(chip):
        found.setdefault(key.split("\0")[0], []).append(runs.get(key, []))
    return found
