"""Step 3: the draft's four tables in editable grids, and new places added by name."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from border_atlas import schema
from border_atlas.dataset import Dataset
from border_atlas.drafting import LABELS, Draft
from border_atlas.drafting.place_lookup import choices_for, place_row_for_name, settle_place
from border_atlas.drafting.tables import CONFIRMED, FOUND, draft_columns
from border_atlas.escaping import markdown
from border_atlas.ui.add_report import state

ORDER = ("sources", "organisations", "places", "assignments")
NUMBERS = {"sources": ("paragraphs",), "places": ("lat", "lon", "uncertainty_m")}
CAPTIONS = {
    "sources": "The report's own row comes first; its id is made from outlet and date.",
    "organisations": "Organisations the report names that the data does not have yet. Remove any you do not want.",
    "places": "A place from GeoNames keeps its GeoNames coordinate. For one typed by hand give a coordinate, its "
              "precision and its source, or leave the coordinate empty and give its parent: it is then drawn at "
              "the parent's point (position unknown).",
    "assignments": "One row per organisation and place named together. Write each summary in your own words; "
                   "check role, dates and the grade (C3 by default).",
}


def editor_frame(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The draft table with numbers as numbers and every other value as text, for the grid."""
    out = frame.reindex(columns=draft_columns(table)).copy()
    for column in out.columns:
        if column in NUMBERS.get(table, ()):
            out[column] = pd.to_numeric(out[column], errors="coerce").astype("float64")
        elif column == CONFIRMED:
            out[column] = out[column].fillna(True).astype(bool)
        else:
            out[column] = out[column].map(lambda v: None if v is None or (not isinstance(v, str) and pd.isna(v))
                                          else str(v)).astype(object)
    return out.reset_index(drop=True)


def _choices(options, label: str, helptext: str | None = None):
    return st.column_config.SelectboxColumn(label, options=list(options), help=helptext)


def _ref(label: str, table: str):
    return st.column_config.TextColumn(label, help=f"An id of {table}: one the data has or a new row's (see 'Ids "
                                                   "you can use' below).")


def column_config(table: str) -> dict:
    """The grid's columns. They depend on nothing that changes while the analyst edits: Streamlit starts an
    editor afresh (dropping its edits) whenever its columns or data change."""
    config = {FOUND: st.column_config.TextColumn("found", disabled=True, help="Where this row came from; not saved.")}
    if table == "sources":
        config |= {"kind": _choices(schema.SOURCE_KINDS, "kind"),
                   "paragraphs": st.column_config.NumberColumn("paragraphs", min_value=1, step=1, format="%d")}
    elif table == "places":
        config |= {"kind": _choices(schema.PLACE_KINDS, "kind"), "precision": _choices(schema.PRECISIONS, "precision"),
                   "parent_id": _ref("parent_id", "places"), "coord_source_id": _ref("coord_source_id", "sources"),
                   "lat": st.column_config.NumberColumn("lat", format="%.5f", min_value=-90.0, max_value=90.0),
                   "lon": st.column_config.NumberColumn("lon", format="%.5f", min_value=-180.0, max_value=180.0),
                   CONFIRMED: st.column_config.CheckboxColumn("confirmed", help="Tick once you have checked which "
                                                                                "place this is.")}
    elif table == "organisations":
        config |= {"type": _choices(schema.ORG_TYPES, "type"), "parent_id": _ref("parent_id", "organisations"),
                   "source_id": _ref("source_id", "sources"),
                   "sanctions_status": _choices(schema.SANCTIONS, "sanctions_status")}
    else:
        config |= {name: _ref(name, "organisations") for name in ("org_id", "partner_org_id", "ordered_by_org_id")}
        config |= {"place_id": _ref("place_id", "places"), "role": _choices(schema.ROLES, "role"),
                   "source_id": _ref("source_id", "sources"), "date_source_id": _ref("date_source_id", "sources"),
                   "reliability": _choices(schema.RELIABILITY, "reliability"),
                   "credibility": _choices([str(c) for c in schema.CREDIBILITY], "credibility"),
                   "summary": st.column_config.TextColumn("summary", width="large",
                                                          help="In your own words: never copy the report.")}
    return config


def _show_ids(edited: Draft, dataset: Dataset) -> None:
    with st.expander("Ids you can use"):
        for table, label in (("organisations", "Organisations"), ("places", "Places"), ("sources", "Sources")):
            ids = [{"id": row["id"], "name": row.get("name") or row.get("title"), "new": new}
                   for frame, new in ((dataset.table(table), False), (edited.table(table), True))
                   for row in frame.to_dict("records") if isinstance(row.get("id"), str)]
            st.caption(label)
            st.dataframe(ids, hide_index=True, width="stretch", height=180)


def edit_draft(mode: str, draft: Draft, dataset: Dataset) -> Draft:
    """The draft as the analyst has edited it so far."""
    st.header("3. Build the records")
    frames = {}
    for table in ORDER:
        st.subheader(LABELS[table].capitalize())
        st.caption(CAPTIONS[table])
        frames[table] = st.data_editor(editor_frame(table, draft.table(table)), key=state.editor_key(mode, table),
                                       num_rows="dynamic", hide_index=True, width="stretch",
                                       column_config=column_config(table))
    edited = Draft(**frames, report=draft.report)
    _show_ids(edited, dataset)
    _settle_places(mode, edited, dataset)
    _add_place(mode, edited, dataset)
    return edited


def _settle_places(mode: str, edited: Draft, dataset: Dataset) -> None:
    """For each place row the gazetteer was not sure of: choose which place it is."""
    unsure = [i for i, ok in enumerate(edited.places[CONFIRMED].tolist()) if not ok]
    for i in unsure:
        name = str(edited.places.loc[i, "name"] or "")
        choices = choices_for(name, gazetteer=state.gazetteer(dataset)) if name else []
        if not choices:
            continue
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        picked = left.selectbox(markdown("New places, row {row}: which “{name}” is it?", row=i + 1, name=name),
                                range(len(choices)), format_func=lambda n, c=choices: c[n].label,
                                key=f"ar_{mode}_settle_{i}")
        right.button("Use this place", key=f"ar_{mode}_settle_{i}_apply", on_click=state.request,
                     args=(f"settle {i}",))
        if state.take(f"settle {i}"):
            state.set_draft(mode, settle_place(edited, i, choices[picked], dataset=dataset))
            state.say("info", f"New places, row {i + 1}: {name} is {choices[picked].label}.", where="places")
            st.rerun()


def _add_place(mode: str, edited: Draft, dataset: Dataset) -> None:
    """A place typed by name: the gazetteer's, or a new one of unknown position."""
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    name = left.text_input("Add a place by name", key=f"ar_{mode}_place_name", placeholder="Kapsan, Pochon…")
    right.button("Add the place", key=f"ar_{mode}_add_place", on_click=state.request, args=("add place",))
    state.show_message("places")
    if state.take("add place") and name.strip():
        row, said = place_row_for_name(name, gazetteer=state.gazetteer(dataset), dataset=dataset, draft=edited)
        if row is not None:
            state.set_draft(mode, edited.with_rows("places", [row]))
        state.say("info", said, where="places")
        st.rerun()
