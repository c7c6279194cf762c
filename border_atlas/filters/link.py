"""What a link carries: the filters, the view and the briefing text, to and from query parameters.

A link chooses filters and the view only. The online basemap has no parameter: an outside
service is switched on by the user's own click in the page, never by a link.

>>> from border_atlas.loading.dataset import load_dataset
>>> link = Link.from_query_params({"org": ["mirim"], "briefing": ["1"], "online": ["1"]}, load_dataset())
>>> link.filters.orgs, link.view.briefing, link.view.online_basemap, link.notes
(('mirim',), True, False, ('the link asked for the online basemap; it stays off until you switch it on yourself',))
>>> link.to_query_params()
{'org': ['mirim'], 'briefing': '1'}
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date

from border_atlas.filters import FILTERS, FilterState
from border_atlas.filters.map_zoom import MAX_ZOOM, MIN_ZOOM
from border_atlas.filters.spec import MAX_TEXT, Params, read_flag, shown, values_of


@dataclass(frozen=True)
class ViewOptions:
    """How the page shows the selection; not a filter.

    ``centre`` and ``zoom`` are the map's view when a link gives one (the map's "copy link"
    button writes them); otherwise the map fits the drawn places.
    """

    landmarks: bool = True
    briefing: bool = False
    online_basemap: bool = False  # never read from or written to a link
    centre: tuple[float, float] | None = None
    zoom: int | None = None
    basemap: str = ""  # the analyst's basemap by id ("": the built-in one)
    basemap_right: str = ""  # the right-hand map's on the Before and after page


_BASEMAP_KEYS = {"basemap": "basemap", "basemap2": "basemap_right"}
_BASEMAP_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def _read_basemaps(params: Params, known: Collection[str] | None) -> tuple[dict, list[str]]:
    """``basemap=hyesan-2019&basemap2=hyesan-2024``: ids of configured basemaps; any other is dropped, with a note.

    >>> _read_basemaps({"basemap": ["h19"], "basemap2": ["h24"]}, known={"h19"})
    ({'basemap': 'h19'}, ["the link's basemap 'h24' is not configured here; the built-in basemap is drawn"])
    """
    values, notes = {}, []
    for key, name in _BASEMAP_KEYS.items():
        given = values_of(params, key)
        if not given:
            continue
        ident = given[-1]
        if _BASEMAP_ID.match(ident) and (known is None or ident in known):
            values[name] = ident
        else:
            notes.append(f"the link's basemap {shown(ident)} is not configured here; the built-in basemap is drawn")
    return values, notes


def _read_view(params: Params) -> tuple[dict, list[str]]:
    """``center=41.40,128.18&zoom=11`` -> centre and zoom, both or neither."""
    centre, zoom = values_of(params, "center"), values_of(params, "zoom")
    if not centre and not zoom:
        return {}, []
    try:
        lat, lon = (float(v) for v in centre[-1].split(","))
        level = int(zoom[-1])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180 and MIN_ZOOM <= level <= MAX_ZOOM):
            raise ValueError
    except (ValueError, IndexError):
        shown = ", ".join(f"{k}={v[-1][:30]!r}" for k, v in (("center", centre), ("zoom", zoom)) if v)
        return {}, [f"the link's map view ({shown}) is not a centre 'lat,lon' with a zoom from {MIN_ZOOM} to "
                    f"{MAX_ZOOM}; the map shows all drawn places instead"]
    return {"centre": (round(lat, 5), round(lon, 5)), "zoom": level}, []


@dataclass(frozen=True)
class BriefingText:
    """What the user writes on the briefing: title, subtitle, handling banner (empty: none)."""

    title: str = ""
    subtitle: str = ""
    banner: str = ""
    made_on: date = field(default_factory=date.today, compare=False)
    # The basemaps its pictures are drawn on (ids; "": the built-in one), as the view chose them.
    basemap: str = ""
    basemap_right: str = ""


_VIEW_FLAGS = ("landmarks", "briefing")
_TEXTS = ("title", "subtitle", "banner")


def _known_keys() -> set[str]:
    return {key for spec in FILTERS for key in spec.url.keys} | set(_VIEW_FLAGS) | set(_TEXTS) \
        | {"center", "zoom"} | set(_BASEMAP_KEYS)


def _unused_parameter_note(key: str) -> str:
    if key == "online":
        return "the link asked for the online basemap; it stays off until you switch it on yourself"
    return f"unknown link parameter {key[:40]!r} was ignored"


@dataclass(frozen=True)
class Link:
    """Filters, view and briefing text, with the notes on what a link held that was ignored."""

    filters: FilterState = field(default_factory=FilterState)
    view: ViewOptions = field(default_factory=ViewOptions)
    briefing: BriefingText = field(default_factory=BriefingText)
    notes: tuple[str, ...] = ()

    @classmethod
    def from_query_params(cls, params: Params, dataset, *, basemaps: Collection[str] | None = None) -> Link:
        """Read a link; anything unknown or invalid is dropped with a note, never an error.

        ``basemaps``: the ids of the basemaps configured here (None: any well-formed id is kept).
        """
        known = _known_keys()
        notes = [_unused_parameter_note(key) for key in params if key not in known]
        values = {}
        for spec in FILTERS:
            value, spec_notes = spec.url.read(params, dataset)
            notes += spec_notes
            if value is not None:
                values[spec.field] = value
        flags = {}
        for name in _VIEW_FLAGS:
            flags[name], flag_notes = read_flag(params, name)
            notes += flag_notes
        flags = {name: on for name, on in flags.items() if on is not None}
        view, view_notes = _read_view(params)
        chosen, basemap_notes = _read_basemaps(params, basemaps)
        view_notes += basemap_notes
        view.update(chosen)
        texts = {name: values_of(params, name)[-1][:MAX_TEXT] for name in _TEXTS if values_of(params, name)}
        return cls(FilterState(**values), ViewOptions(**flags, **view), BriefingText(**texts, **chosen),
                   tuple(notes + view_notes))

    def to_query_params(self) -> dict[str, str | list[str]]:
        """Only what differs from the defaults, so that links stay short."""
        params: dict[str, str | list[str]] = {}
        for spec, value in self.filters.active():
            params.update(spec.url.write(value))
        default_view = ViewOptions()
        for name in _VIEW_FLAGS:
            if getattr(self.view, name) != getattr(default_view, name):
                params[name] = "1" if getattr(self.view, name) else "0"
        if self.view.centre is not None and self.view.zoom is not None:
            params["center"] = f"{self.view.centre[0]:.5f},{self.view.centre[1]:.5f}"
            params["zoom"] = str(self.view.zoom)
        params.update({key: getattr(self.view, name) for key, name in _BASEMAP_KEYS.items()
                       if getattr(self.view, name)})
        params.update({name: getattr(self.briefing, name) for name in _TEXTS if getattr(self.briefing, name)})
        return params

    def with_(self, **changes) -> Link:
        return replace(self, **changes)

    @property
    def selected(self) -> FilterState:
        """The filters the records are selected by: the review filter left to the view ("reviewed" unset) is
        on in the briefing view, which goes to others, and off on the map, where pending records are marked.

        >>> Link(view=ViewOptions(briefing=True)).selected.reviewed, Link().selected.reviewed
        (True, None)
        """
        if self.filters.reviewed is None and self.view.briefing:
            return self.filters.with_(reviewed=True)
        return self.filters


__all__ = ["BriefingText", "Link", "ViewOptions"]
