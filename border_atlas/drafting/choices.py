"""The ids a draft's cells may name, for the grids to offer as lists rather than typed text.

Each table's ids come from the data and from the draft's own new rows, with a label that says
what the id is ("hyesan · Hyesan"). An id a cell already holds is kept in the list even if it is
not (yet) a row anywhere, so that choosing from the list never hides what was drafted.

>>> from border_atlas import load_dataset
>>> from border_atlas.drafting.tables import Draft, frame_of
>>> draft = Draft.empty().replace(places=frame_of("places", [{"id": "wiyon", "name": "Wiyon"}]))
>>> places = id_choices(load_dataset(), draft)["places"]
>>> places["hyesan"], places["wiyon"]
('hyesan · Hyesan', 'wiyon · Wiyon (new)')
"""

from __future__ import annotations

import pandas as pd

from border_atlas.drafting.tables import Draft
from border_atlas.loading.dataset import Dataset

# Which table each id column of the draft names.
REFERENCES = {
    "places": {"parent_id": "places", "coord_source_id": "sources"},
    "organisations": {"parent_id": "organisations", "source_id": "sources"},
    "assignments": {"org_id": "organisations", "partner_org_id": "organisations", "ordered_by_org_id": "organisations",
                    "place_id": "places", "source_id": "sources", "date_source_id": "sources"},
}
_NAMES = {"places": "name", "organisations": "name", "sources": "title"}


def _text(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value).strip() or None


def _labelled(frame: pd.DataFrame, table: str, *, new: bool) -> dict[str, str]:
    found = {}
    for row in frame.to_dict("records"):
        key = _text(row.get("id"))
        if key:
            name = _text(row.get(_NAMES[table]))
            found[key] = " · ".join(filter(None, (key, name))) + (" (new)" if new else "")
    return found


def id_choices(dataset: Dataset, draft: Draft) -> dict[str, dict[str, str]]:
    """For places, organisations and sources: every id a cell may name, with its label, in order."""
    choices = {table: _labelled(dataset.table(table), table, new=False) | _labelled(draft.table(table), table,
                                                                                  new=True)
               for table in _NAMES}
    for table, columns in REFERENCES.items():
        frame = draft.table(table)
        for column, target in columns.items():
            for value in frame[column].tolist() if column in frame else []:
                key = _text(value)
                if key and key not in choices[target]:
                    choices[target][key] = key
    return choices
