"""Drafts from imported files: records in the assignments layout, or named points as places.

Each point's name is looked up in the gazetteer. A place the table already has is not added
again (it is listed instead). A new place keeps the file's coordinate, with the file as its
source; the row is left unconfirmed whenever the gazetteer is not sure: several places share the
name, the name is only a near spelling of a known one, or the GeoNames place of that name lies
far from the file's point. The analyst then confirms or removes it.

>>> from border_atlas import load_dataset
>>> from border_atlas.places.gazetteer import Gazetteer
>>> dataset = load_dataset()
>>> marks = [Placemark(1, "Hyesan", 41.40, 128.18), Placemark(2, "Liudaogou", 41.5, 126.9)]
>>> imported = draft_from_placemarks(marks, dataset=dataset, gazetteer=Gazetteer(dataset.places), file_name="sites.kml")
>>> imported.known, imported.draft.places[["name", "confirmed"]].values.tolist()
(["Hyesan (placemark 1) is already in the places table as 'hyesan', 0.3 km from the file's point"], \
[['Liudaogou', False]])
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

import pandas as pd
from geopy.distance import geodesic

from border_atlas.drafting.ids import slug, unique_id
from border_atlas.drafting.place_rows import kind_from_name
from border_atlas.drafting.placemarks import Placemark
from border_atlas.drafting.tables import Draft
from border_atlas.loading.dataset import Dataset
from border_atlas.places.gazetteer import Candidate, Gazetteer

# A GeoNames place of the same name farther than this from the file's point may be another place.
SAME_PLACE_KM = 5.0


@dataclass(frozen=True)
class PlacemarkImport:
    """The draft of new places, and the placemarks that are places the table already has."""

    draft: Draft
    known: list[str]


def draft_from_records(frame: pd.DataFrame, *, file_name: str) -> Draft:
    """New assignment rows, one per row of the file, each saying which row it was."""
    rows = [{**{k: v for k, v in record.items() if v is not None}, "found": f"{file_name}, row {number}"}
            for number, record in enumerate(frame.to_dict("records"), start=2)]
    return Draft.empty().with_rows("assignments", rows)


def file_source_row(file_name: str, *, taken) -> dict:
    """A reference source for the coordinates a file gives; the analyst says whose file it is."""
    stem = PurePath(file_name).stem
    return {"id": unique_id(slug(f"{stem} file", fallback="imported-file"), set(taken)), "kind": "reference",
            "outlet": "Imported file (say whose)", "title": file_name, "locator": file_name,
            "note": "Coordinates of the placemarks as given in the file.", "found": "the imported file"}


def draft_from_placemarks(placemarks: list[Placemark], *, dataset: Dataset, gazetteer: Gazetteer,
                          file_name: str) -> PlacemarkImport:
    """New places for the placemarks the table does not have, each resolved by the gazetteer."""
    source = file_source_row(file_name, taken=dataset.sources["id"].dropna())
    taken = set(dataset.places["id"].dropna())
    rows, known = [], []
    for mark in placemarks:
        found = gazetteer.candidates(mark.name)
        top = found[0] if found else None
        if top is not None and top.confident and top.place.table == "places":
            km = geodesic((mark.lat, mark.lon), (top.place.lat, top.place.lon)).km
            known.append(f"{mark.name} (placemark {mark.number}) is already in the places table as "
                         f"{top.place.place_id!r}, {km:.1f} km from the file's point")
            continue
        place_id = unique_id(slug(mark.name, fallback="place"), taken)
        taken.add(place_id)
        rows.append(_placemark_row(mark, place_id, found, source["id"], file_name))
    draft = Draft.empty().with_rows("places", rows)
    if rows:
        draft = draft.with_rows("sources", [source])
    return PlacemarkImport(draft, known)


def _placemark_row(mark: Placemark, place_id: str, found: list[Candidate], source_id: str, file_name: str) -> dict:
    confirmed, how = _judged(mark, found)
    top = found[0].place if found and found[0].confident else None
    return {"id": place_id, "name": mark.name, "kind": kind_from_name(mark.name), "country": top.country if top
            else None, "lat": mark.lat, "lon": mark.lon, "precision": "point", "coord_source_id": source_id,
            "coord_note": f"Placemark {mark.number} of {file_name}." + (
                f" GeoNames {top.geonames_id} has this name." if top and top.geonames_id and confirmed else ""),
            "found": f"placemark {mark.number}: {how}", "confirmed": confirmed}


def _judged(mark: Placemark, found: list[Candidate]) -> tuple[bool, str]:
    """Whether the row may stand as it is, and what the gazetteer said."""
    if not found:
        return True, "not in the gazetteer: a new place"
    top = found[0]
    listed = "; ".join(f"{c.place.name} ({c.place.source}, {c.match})" for c in found[:5])
    if not top.confident:
        return False, f"the gazetteer is not sure which place this is: {listed}"
    km = geodesic((mark.lat, mark.lon), (top.place.lat, top.place.lon)).km
    if km > SAME_PLACE_KM:
        return False, f"{top.place.name} ({top.place.source}) has this name but lies {km:.0f} km away: same place?"
    return True, f"{top.place.name} ({top.place.source}), {km:.1f} km from the file's point"
