"""A new place named in the same sentence as its province is put in that province.

"A post opened in Wiyon-dong, Ryanggang Province" says where Wiyon-dong lies, not where it is:
the new row gets the province as its parent and the province's country, keeps precision
"parent", and says in ``coord_note`` that it is drawn at the province's point (approximate,
with the province's uncertainty), so that the province's centroid is never shown as the place.
A place with a coordinate of its own, or a parent already, is left as it is.

>>> from border_atlas import load_dataset
>>> from border_atlas.drafting.entities import Mention, ParagraphRefs
>>> row = {"id": "wiyon", "name": "Wiyon", "precision": "parent", "found": "position unknown"}
>>> text = "A post opened in Wiyon, Ryanggang Province."
>>> p = ParagraphRefs(1, text, places=[Mention(17, 22, "wiyon"), Mention(24, 42, "ryanggang")])
>>> give_provinces([row], [p], load_dataset().places)
>>> row["parent_id"], row["country"], row["precision"], row["uncertainty_m"]
('ryanggang', 'KP', 'parent', 30000.0)
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from border_atlas.drafting.entities import ParagraphRefs
from border_atlas.drafting.records import sentences


def _provinces(table: pd.DataFrame, new_rows: list[dict]) -> dict[str, dict]:
    rows = [*table.to_dict("records"), *new_rows]
    return {row["id"]: row for row in rows if row.get("kind") == "province" and row.get("id")}


def _unplaced(rows: Iterable[dict]) -> dict[str, dict]:
    """New places of unknown position and no parent yet."""
    def empty(value) -> bool:
        return value is None or value == "" or (isinstance(value, float) and pd.isna(value))
    return {row["id"]: row for row in rows if row.get("precision") == "parent" and empty(row.get("parent_id"))
            and empty(row.get("lat")) and empty(row.get("lon"))}


def give_provinces(new_places: list[dict], paragraphs: Iterable[ParagraphRefs], table: pd.DataFrame) -> None:
    """Set parent, country and an honest note on each unplaced new place named beside a province."""
    provinces = _provinces(table, new_places)
    unplaced = _unplaced(new_places)
    for paragraph in paragraphs:
        for start, end in sentences(paragraph.text):
            inside = [m.ref for m in paragraph.places if start <= m.start and m.end <= end]
            province = next((ref for ref in inside if ref in provinces), None)
            for ref in inside if province else ():
                row = unplaced.pop(ref, None)
                if row is not None:
                    _put_in(row, provinces[province])


def _put_in(row: dict, province: dict) -> None:
    name = province.get("name") or province["id"]
    row["parent_id"] = province["id"]
    row["country"] = row.get("country") or province.get("country")
    uncertainty = province.get("uncertainty_m")
    if uncertainty is not None and not pd.isna(uncertainty):
        row["uncertainty_m"] = float(uncertainty)
    row["coord_note"] = (f"Position unknown: the report names it with {name}; drawn at the province's point, "
                         "which is not the place's position.")
    row["found"] = f"{row.get('found') or ''}; in {name}, named in the same sentence".lstrip("; ")
