"""Before and after: the same filters drawn once per era, side by side, in step.

The eras are the first two rows of the eras table (pre-COVID and post-COVID in the bundled
data); the time filters of the selection (era, dates) are replaced by each era in turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from border_atlas.filters.caption import count_text, describe
from border_atlas.filters.selection import Selection, select
from border_atlas.loading.dataset import Dataset
from border_atlas.mapview import MapOptions, comparison_map, legend_html
from border_atlas.mapview.compact import CLICK_RETURNS, COMPACT, clicked_place, map_mode
from border_atlas.mapview.playback_layer import playback_base
from border_atlas.places.basemap import CREDIT
from border_atlas.text.wording import era_label
from border_atlas.tiles.catalog import chosen_basemap
from border_atlas.views.control_summary import OrganisationControl, control_summary
from border_atlas.views.documents import map_parts, render_document


class ComparisonUnavailable(ValueError):
    """The data cannot give two eras to compare; the message says why, for the user."""


def era_pair(dataset: Dataset) -> tuple[str, str]:
    ids = list(dataset.eras["id"])
    if len(ids) < 2:
        raise ComparisonUnavailable(f"The comparison needs two eras in eras.csv; {len(ids)} could be read. "
                                    "See the data problems.")
    return ids[0], ids[1]


def era_selections(selection: Selection) -> tuple[Selection, Selection]:
    """The selection's filters in each of the two eras."""
    base = selection.state.without_time()
    before, after = era_pair(selection.dataset)
    return (select(selection.dataset, base.with_(era=before)), select(selection.dataset, base.with_(era=after)))


@dataclass(frozen=True)
class EraSummary:
    """One era of the comparison in words: its title, its count and who controlled what."""

    title: str
    count: str
    control: list[OrganisationControl]


def era_summary(selection: Selection) -> EraSummary:
    """The words under an era's map, from the same selection the map draws."""
    return EraSummary(era_label(selection.dataset.eras, selection.state.era), count_text(selection),
                      control_summary(selection))


def comparison_document(selection: Selection, *, assets: str = "inline", made_on: date | None = None,
                        control: bool = True, basemaps: tuple[str, str] = ("", ""), contents: str = "") -> str:
    """A page with two maps in step: the first era on the left, the second on the right; under each,
    unless ``control`` is False (the app's page shows those lists itself), who controlled what.
    ``basemaps``: the ids of the analyst's basemaps under the left and right maps (e.g. imagery of two dates).
    ``contents``: what the file holds, in words, under the filters (the HTML export says it)."""
    before, after = era_selections(selection)
    options = MapOptions(assets=assets, layer_control=False, legend=False, locator=False,
                         basemap=chosen_basemap(basemaps[0]))
    dual = comparison_map(before, after, options=options, second_basemap=chosen_basemap(basemaps[1]))
    eras = [era_summary(s) for s in (before, after)]
    return render_document(
        "comparison.html.j2",
        served=assets != "inline",
        map=map_parts(dual),
        legend=Markup(legend_html(before, after, options=options)),  # noqa: S704  (escaped by the map modules)
        caption=describe(selection.state, selection.dataset, with_time=False),
        contents=contents,
        eras=eras,
        control=control,
        made_on=(made_on or date.today()).isoformat(),
        credit=CREDIT,
        left_id=dual.m1.get_name(),
        right_id=dual.m2.get_name(),
    )


def listable(before: Selection, after: Selection) -> bool:
    """Whether either map is the compact one, whose places list their records when clicked (the detailed
    map's popups hold them)."""
    return any(map_mode(playback_base(era)) == COMPACT for era in (before, after))


def compared_place(click: object, before: Selection, after: Selection) -> tuple[int, str] | None:
    """The era (0: the left map, 1: the right) and the id of the place a click on the comparison names,
    if that era selects records there. The value comes from the browser: anything else reads as no click.

    >>> from border_atlas import FilterState, load_dataset, select
    >>> from border_atlas.mapview.compact import dataset_token
    >>> before, after = era_selections(select(load_dataset(), FilterState()))
    >>> row = before.dataset.places["id"].tolist().index("hyetan")
    >>> token = dataset_token(before.dataset)
    >>> compared_place({"era": 0, "place": row, "dataset": token}, before, after)
    (0, 'hyetan')
    >>> compared_place({"era": True, "place": row, "dataset": token}, before, after) is None
    True
    """
    if not isinstance(click, dict) or type(click.get("era")) is not int or click["era"] not in (0, 1):
        return None
    era = (before, after)[click["era"]]
    feature = {"properties": {"place": click.get("place"), "dataset": click.get("dataset")}}
    place_id = clicked_place({CLICK_RETURNS[0]: feature}, era.dataset)
    if place_id is None or place_id not in set(era.places["id"]):
        return None
    return click["era"], place_id
