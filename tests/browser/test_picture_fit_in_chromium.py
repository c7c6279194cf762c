"""The maps that are pictures (the slide's map, the briefing): every place the view is fitted to is
drawn whole inside the map, and what is drawn sits in the middle rather than pressed to an edge."""

from __future__ import annotations

import pytest
from browser_helpers import artifact

from border_atlas import FilterState, select
from border_atlas.exports.png_export import slide_render
from border_atlas.exports.pptx_export import map_box
from border_atlas.filters.link import BriefingText
from border_atlas.mapview.view import off_map_ids
from border_atlas.views.briefing import briefing_document, map_document

pytestmark = pytest.mark.browser
FILTERS = {"all": FilterState(), "office-39": FilterState(orgs=("office-39",))}
SLIDE_BOX = map_box(banner="UNCLASSIFIED", subtitle="Ryanggang", count_text="21 records", filters_text="all")

SYMBOLS_JS = """(ids) => {
    const box = document.querySelector(".folium-map").getBoundingClientRect();
    const found = [];
    ids.forEach((id) => document.querySelectorAll(`.ba-marker.ba-${id} .ba-sym`).forEach((sym) => {
        const s = sym.getBoundingClientRect();
        found.push({id: id, left: s.left - box.left, top: s.top - box.top, right: s.right - box.left,
                    bottom: s.bottom - box.top});
    }));
    return {width: box.width, height: box.height, symbols: found};
}"""


def drawn_symbols(page, html: str, selection, size: tuple[int, int], name: str):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.set_content(html, wait_until="load")
    page.wait_for_selector(".folium-map[data-ba-fitted]", state="attached")
    page.wait_for_timeout(300)
    page.screenshot(path=artifact(f"picture-fit-{name}.png"))
    far = set(off_map_ids(selection))
    return page.evaluate(SYMBOLS_JS, [p for p in selection.places["id"] if p not in far])


@pytest.mark.parametrize("name", FILTERS)
@pytest.mark.parametrize("document", ["slide", "briefing"])
def test_every_fitted_place_is_drawn_inside_and_centred(page, dataset, name, document):
    selection = select(dataset, FILTERS[name])
    if document == "slide":
        html, size = map_document(selection), slide_render(SLIDE_BOX.width, SLIDE_BOX.height).viewport
    else:
        html, size = briefing_document(selection, BriefingText(banner="UNCLASSIFIED")), (1920, 1080)
    drawn = drawn_symbols(page, html, selection, size, f"{document}-{name}")
    symbols, width, height = drawn["symbols"], drawn["width"], drawn["height"]
    assert len(symbols) >= len(selection.places) - len(off_map_ids(selection))
    outside = [s["id"] for s in symbols
               if s["left"] < 0 or s["top"] < 0 or s["right"] > width or s["bottom"] > height]
    assert outside == [], f"cut by the map's edge: {outside}"
    top, bottom = min(s["top"] for s in symbols), max(s["bottom"] for s in symbols)
    assert abs(top - (height - bottom)) < 0.05 * height, f"drawn from {top:.0f} to {bottom:.0f} px of {height:.0f}"
