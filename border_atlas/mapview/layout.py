"""Where to draw places that share a position, so that each stays visible and clickable.

The coordinate itself is never moved: only the marker's icon is displaced on screen, by a
number of pixels, with a leader line back to the true point.
"""

from __future__ import annotations

import pandas as pd

ROW_HEIGHT = 15  # px per chip line in a label
LABEL_BASE = 22  # px for the name line and padding
COLUMN_DX = 56


def label_height(n_chips: int) -> int:
    return LABEL_BASE + ROW_HEIGHT * n_chips


def displacements(places: pd.DataFrame, chip_counts: dict[str, int]) -> dict[str, tuple[int, int, str]]:
    """Pixel offset (dx, dy) and label side for each place id.

    Among places at one point, the one whose position is its own stays put with its label
    to the left; the others are stacked in a column to the right, tallest labels given room.
    """
    result: dict[str, tuple[int, int, str]] = {}
    groups = places.groupby([places["lat"].round(5), places["lon"].round(5)], sort=False)
    for _, group in groups:
        if len(group) == 1:
            result[group["id"].iloc[0]] = (0, 0, "right")
            continue
        anchored = group[group["precision"] != "parent"]
        stacked = group[group["precision"] == "parent"]
        if anchored.empty:
            anchored, stacked = group.iloc[:1], group.iloc[1:]
        for ident in anchored["id"]:
            result[ident] = (0, 0, "left")
        heights = [label_height(min(chip_counts.get(i, 0), 5)) + 6 for i in stacked["id"]]
        total = sum(heights)
        y = -total / 2
        for ident, height in zip(stacked["id"], heights):
            result[ident] = (COLUMN_DX, int(y + 10), "right")
            y += height
    return result
