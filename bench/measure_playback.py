"""Time the playback export: 100 monthly frames of the bundled data drawn in Chromium, then encoded.

Run by hand: ``python bench/measure_playback.py [runs]``; prints the median of each step (seconds).
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date

from border_atlas import FilterState, load_dataset, select
from border_atlas.exports.playback_export import _last, encode_gif, encode_mp4, playback_frames
from border_atlas.filters.link import BriefingText
from border_atlas.playback import Window

FRAMES = 100


def main(runs: int = 3) -> None:
    selection = select(load_dataset(), FilterState(window=Window("month", date(2017, 1, 1))))
    times: dict[str, list[float]] = {"frames": [], "gif": [], "mp4": []}
    sizes: dict[str, int] = {}
    for _ in range(runs):
        started = time.perf_counter()
        _last.clear()  # draw every run afresh
        frames = playback_frames(selection, BriefingText(), limit=FRAMES)
        times["frames"].append(time.perf_counter() - started)
        for name, encode in (("gif", encode_gif), ("mp4", encode_mp4)):
            started = time.perf_counter()
            size = len(encode(frames))
            times[name].append(time.perf_counter() - started)
            sizes[name] = size
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"{FRAMES} frames at 1920x1080, median of {runs}: draw {medians['frames']:.1f} s, "
          f"GIF {medians['gif']:.1f} s (total {medians['frames'] + medians['gif']:.1f} s), "
          f"MP4 {medians['mp4']:.1f} s (total {medians['frames'] + medians['mp4']:.1f} s); "
          f"GIF {sizes['gif'] / 2**20:.1f} MiB, MP4 {sizes['mp4'] / 2**20:.1f} MiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
