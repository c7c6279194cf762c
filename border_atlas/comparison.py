"""Before and after: the same filters drawn once per era, side by side, in step.

The eras are the first two rows of the eras table (pre-COVID and post-COVID in the bundled
data); any era or date filter in the state is replaced by each era in turn.
"""

from __future__ import annotations

from datetime import date

from border_atlas.caption import count_label, describe, era_label
from border_atlas.dataset import Dataset
from border_atlas.documents import map_parts, render_document
from border_atlas.mapview import MapOptions
from border_atlas.mapview.builder import (
    HYESAN,
    MAP_KWARGS,
    build_data_layers,
    decorate,
    focus_bounds,
    use_offline_assets,
)
from border_atlas.mapview.synced_dual_map import SyncedDualMap
from border_atlas.selection import Selection, select
from border_atlas.state import FilterState

HEAD_PX, TITLES_PX, FOOT_PX = 84, 40, 30


class ComparisonUnavailable(ValueError):
    """The data cannot give two eras to compare; the message says why, for the user."""


def era_pair(dataset: Dataset) -> tuple[str, str]:
    ids = list(dataset.eras["id"])
    if len(ids) < 2:
        raise ComparisonUnavailable(f"The comparison needs two eras in eras.csv; {len(ids)} could be read. "
                                    "See the data problems.")
    return ids[0], ids[1]


def era_selections(dataset: Dataset, state: FilterState) -> tuple[Selection, Selection]:
    base = state.with_(era=None, date_from=None, date_to=None)
    before, after = era_pair(dataset)
    return select(dataset, base.with_(era=before)), select(dataset, base.with_(era=after))


def _union_bounds(a: Selection, b: Selection) -> list[list[float]]:
    (s1, w1), (n1, e1) = focus_bounds(a)
    (s2, w2), (n2, e2) = focus_bounds(b)
    if a.places.empty:
        return [[s2, w2], [n2, e2]]
    if b.places.empty:
        return [[s1, w1], [n1, e1]]
    return [[min(s1, s2), min(w1, w2)], [max(n1, n2), max(e1, e2)]]


def comparison_document(dataset: Dataset, state: FilterState, *, assets: str = "inline",
                        made_on: date | None = None) -> str:
    """A page with two maps in step: the first era on the left, the second on the right."""
    before, after = era_selections(dataset, state)
    dual = SyncedDualMap(location=HYESAN, layout="horizontal", zoom_start=10, **MAP_KWARGS)
    eras = []
    for m, selection, legend in ((dual.m1, before, False), (dual.m2, after, True)):
        use_offline_assets(m, assets)
        decorate(m, dataset, options=MapOptions(assets=assets, legend=legend))
        for layer in build_data_layers(selection):
            layer.add_to(m)
        eras.append({"title": era_label(dataset, selection.state.era), "count": count_label(selection.count)})
    # Labels run to the right of their points: keep room on that side of each half.
    dual.fit_bounds(_union_bounds(before, after), padding_top_left=(30, 50), padding_bottom_right=(370, 40),
                    max_zoom=11)
    return render_document(
        "comparison.html.j2",
        served=assets != "inline",
        map=map_parts(dual),
        caption=describe(state, dataset, with_time=False),
        eras=eras,
        made_on=(made_on or date.today()).isoformat(),
        head_px=HEAD_PX, titles_px=TITLES_PX, foot_px=FOOT_PX,
    )
