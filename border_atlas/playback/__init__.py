"""Time playback: a window of a month, a quarter or a year stepped over the dataset's dates.

:mod:`~border_atlas.playback.windows` says which days a window covers; :mod:`~border_atlas.playback.runs`
says, for each drawn place, in which frames it is drawn (what the browser needs to play, sent once).
"""

from border_atlas.playback.windows import LENGTHS, Window, frame_starts, play_span, window_label

__all__ = ["LENGTHS", "Window", "frame_starts", "play_span", "window_label"]
