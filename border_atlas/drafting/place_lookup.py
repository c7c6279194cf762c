"""A place added by name: the gazetteer decides whether it is known, from GeoNames, shared, or new.

>>> from border_atlas import load_dataset
>>> from border_atlas.drafting.tables import Draft
>>> from border_atlas.places.gazetteer import Gazetteer
>>> dataset = load_dataset()
>>> gazetteer = Gazetteer(dataset.places)
>>> row, said = place_row_for_name("Kapsan", gazetteer=gazetteer, dataset=dataset, draft=Draft.empty())
>>> row["name"], row["coord_note"], row["parent_id"]
('Kapsan-ŭp', 'GeoNames 2043531.', 'ryanggang')
>>> place_row_for_name("Hyesan", gazetteer=gazetteer, dataset=dataset, draft=Draft.empty())
(None, "Hyesan is already in the places table as 'hyesan': use that id.")
"""

from __future__ import annotations

from border_atlas.drafting.ids import slug, unique_id
from border_atlas.drafting.place_rows import (
    ambiguous_row,
    kind_from_name,
    provinces_in,
    reference_place_row,
    unknown_position_row,
)
from border_atlas.drafting.tables import Draft
from border_atlas.ingest.places import PlaceChoice
from border_atlas.loading.dataset import Dataset
from border_atlas.places.gazetteer import Gazetteer


def place_row_for_name(name: str, *, gazetteer: Gazetteer, dataset: Dataset, draft: Draft) -> tuple[dict | None, str]:
    """A new row for the places table (None if the table has the place already) and what was done."""
    name = " ".join(name.split())
    found = gazetteer.candidates(name)
    taken = set(dataset.places["id"].dropna()) | set(draft.places["id"].dropna())
    place_id = unique_id(slug(name, fallback="place"), taken)
    how = f"added by name: {name!r}"
    if found and found[0].confident and found[0].place.table == "places":
        return None, f"{name} is already in the places table as {found[0].place.place_id!r}: use that id."
    if found and found[0].confident:
        choice = PlaceChoice.of(found[0].location(name))
        provinces = provinces_in(list(dataset.places["id"].dropna()))
        row = reference_place_row(choice, place_id=place_id, as_written=name, provinces=provinces, found=how)
        return row, f"{name}: added {choice.label} with its GeoNames coordinate; check its kind."
    if found:
        choices = [PlaceChoice.of(c.location(name)) for c in found]
        return (ambiguous_row(name, place_id=place_id, candidates=choices, found=how),
                f"{name}: {len(found)} places may be meant; the row waits for you to settle it.")
    row = unknown_position_row(name, place_id=place_id, kind=kind_from_name(name), source_id=draft.report_source_id,
                               found=how)
    return row, f"{name} is not in the gazetteer: added with its position unknown; give its parent or a coordinate."


def choices_for(name: str, *, gazetteer: Gazetteer) -> list[PlaceChoice]:
    """Every place a name may mean, best first."""
    return [PlaceChoice.of(c.location(name)) for c in gazetteer.candidates(name)]


def settle_place(draft: Draft, row: int, choice: PlaceChoice, *, dataset: Dataset) -> Draft:
    """The draft with place row ``row`` (from 0) settled as ``choice``.

    A place of the table needs no new row: the row goes, and the draft's records and places
    that named it name the table's place instead. A GeoNames place fills the row with its
    coordinate, precision and id, and the row is confirmed.
    """
    places = draft.places.copy()
    old_id, name = places.loc[row, "id"], places.loc[row, "name"]
    if choice.place_id:
        places = places.drop(index=row).reset_index(drop=True)
        places["parent_id"] = places["parent_id"].replace({old_id: choice.place_id})
        assignments = draft.assignments.copy()
        assignments["place_id"] = assignments["place_id"].replace({old_id: choice.place_id})
        return draft.replace(places=places, assignments=assignments)
    provinces = provinces_in(list(dataset.places["id"].dropna()))
    settled = reference_place_row(choice, place_id=old_id, as_written=name, provinces=provinces,
                                  found=f"{name!r} settled as {choice.label}")
    for column in places.columns:
        places.at[row, column] = settled.get(column)
    return draft.replace(places=places)
