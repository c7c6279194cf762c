"""Before and after: the same filters drawn once per era, side by side, in step.

The eras are the first two rows of the eras table (pre-COVID and post-COVID in the bundled
data); any era or date filter in the state is replaced by each era in turn.
"""

from __future__ import annotations

from datetime import date

from branca.element import Element

from border_atlas.caption import count_label, describe, era_label
from border_atlas.dataset import Dataset
from border_atlas.escaping import esc
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


def era_pair(dataset: Dataset) -> tuple[str, str]:
    ids = list(dataset.eras["id"])
    if len(ids) < 2:
        raise ValueError("the era comparison needs two eras in eras.csv")
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
    titles = []
    for m, selection, legend in ((dual.m1, before, False), (dual.m2, after, True)):
        use_offline_assets(m, assets)
        decorate(m, dataset, options=MapOptions(assets=assets, legend=legend))
        for layer in build_data_layers(selection):
            layer.add_to(m)
        titles.append(f"<div><b>{esc(era_label(dataset, selection.state.era))}</b>"
                      f"<span>{count_label(selection.count)}</span></div>")
    bounds = _union_bounds(before, after)
    # Labels run to the right of their points: keep room on that side of each half.
    dual.fit_bounds(bounds, padding_top_left=(30, 50), padding_bottom_right=(370, 40), max_zoom=11)
    figure = dual.get_root()
    figure.header.add_child(Element(f"""<style>
        html, body {{ margin: 0; height: 100%; font-family: system-ui, "Noto Sans", "Noto Sans CJK KR", sans-serif; }}
        .ba-cmp-head {{ height: {HEAD_PX}px; box-sizing: border-box; padding: 12px 20px; border-bottom: 3px solid
          #1f4e79; }}
        .ba-cmp-head h1 {{ margin: 0; font-size: 26px; }} .ba-cmp-head div {{ font-size: 13.5px; color: #444;
          margin-top: 4px; }}
        .ba-cmp-titles {{ position: absolute; top: {HEAD_PX}px; left: 0; right: 0; height: {TITLES_PX}px;
          display: flex; }}
        .ba-cmp-titles div {{ flex: 1; padding: 8px 20px; font-size: 18px; box-sizing: border-box; }}
        .ba-cmp-titles div + div {{ border-left: 3px solid #1f4e79; }}
        .ba-cmp-titles span {{ font-size: 13px; color: #555; margin-left: 10px; }}
        .folium-map {{ top: {HEAD_PX + TITLES_PX}px !important;
          height: calc(100% - {HEAD_PX + TITLES_PX + FOOT_PX}px) !important; }}
        .folium-map + .folium-map {{ border-left: 3px solid #1f4e79; box-sizing: border-box; }}
        .ba-cmp-foot {{ position: absolute; bottom: 0; left: 0; right: 0; height: {FOOT_PX}px; line-height:
          {FOOT_PX}px; padding: 0 20px; font-size: 12px; color: #555; border-top: 1px solid #ddd; }}
        </style>"""), name="ba_cmp_css")
    caption = describe(state, dataset, with_time=False)
    figure.html.add_child(Element(
        '<header class="ba-cmp-head"><h1>Who controlled the border: before and after COVID-19</h1>'
        f"<div>{esc(caption)} · the two maps move together</div></header>"
        f'<div class="ba-cmp-titles">{"".join(titles)}</div>'), name="ba_cmp_head", index=0)
    made = (made_on or date.today()).isoformat()
    figure.html.add_child(Element(
        f'<footer class="ba-cmp-foot">Made on {made} with Border Atlas · eras from eras.csv · '
        "positions marked ≈ are approximate</footer>"), name="ba_cmp_foot")
    return figure.render()
