"""Step 3: the draft's four tables in editable grids, and new places added by name."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from border_atlas.drafting import LABELS, Draft
from border_atlas.drafting.choices import REFERENCES, id_choices
from border_atlas.drafting.place_lookup import choices_for, place_row_for_name, settle_place
from border_atlas.drafting.tables import CONFIRMED, FOUND, draft_columns
from border_atlas.loading import schema
from border_atlas.loading.dataset import Dataset
from border_atlas.text.escaping import markdown
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


def _choices(options, label: str, helptext: str | None = None, width: str = "small"):
    return st.column_config.SelectboxColumn(label, options=list(options), help=helptext, width=width)


def _ref(label: str, table: str, ids: dict[str, str]):
    """A list of the ids of ``table``, each shown with its name: chosen, never typed."""
    return st.column_config.SelectboxColumn(label, options=list(ids), format_func=ids.get, width="medium",
                                            help=f"An id of {table}: one the data has or a new row's. A row "
                                                 "added in a grid joins the lists after 'Update the id lists'.")


def column_config(table: str, ids: dict[str, dict[str, str]]) -> dict:
    """The grid's columns. They must not change while the analyst edits: Streamlit starts an editor afresh
    (dropping its edits) whenever its columns or data change, so ``ids`` is kept for the draft's life."""
    config = {FOUND: st.column_config.TextColumn("found", disabled=True, help="Where this row came from; not saved."),
              "id": st.column_config.TextColumn("id", width="medium")}  # long drafted ids must not crowd the rest
    refs = {column: _ref(column, target, ids[target]) for column, target in REFERENCES.get(table, {}).items()}
    if table == "sources":
        config |= {"kind": _choices(schema.SOURCE_KINDS, "kind"),
                   "paragraphs": st.column_config.NumberColumn("paragraphs", min_value=1, step=1, format="%d")}
    elif table == "places":
        config |= {"kind": _choices(schema.PLACE_KINDS, "kind", width="medium"),
                   "precision": _choices(schema.PRECISIONS, "precision"),
                   "lat": st.column_config.NumberColumn("lat", format="%.5f", min_value=-90.0, max_value=90.0),
                   "lon": st.column_config.NumberColumn("lon", format="%.5f", min_value=-180.0, max_value=180.0),
                   CONFIRMED: st.column_config.CheckboxColumn("confirmed", help="Tick once you have checked which "
                                                                                "place this is.")}
    elif table == "organisations":
        config |= {"type": _choices(schema.ORG_TYPES, "type", width="medium"),
                   "sanctions_status": _choices(schema.SANCTIONS, "sanctions_status", width="medium")}
    else:
        config |= {"role": _choices(schema.ROLES, "role", width="medium"),
                   "reliability": _choices(schema.RELIABILITY, "reliability"),
                   "credibility": _choices([str(c) for c in schema.CREDIBILITY], "credibility"),
                   "summary": st.column_config.TextColumn("summary", width="large",
                                                          help="In your own words: never copy the report.")}
    return config | refs


def _id_lists(mode: str, draft: Draft, dataset: Dataset) -> dict[str, dict[str, str]]:
    """The ids the grids offer, made once per draft (see :func:`column_config`)."""
    key, version = f"ar_{mode}_ids", state.editor_key(mode, "")
    kept = st.session_state.get(key)
    if not kept or kept[0] != version:
        kept = st.session_state[key] = (version, id_choices(dataset, draft))
    return kept[1]


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
    st.caption("Edit the grids, then press 'Check the edits' (or save): the check and the map below follow.")
    frames = {}
    ids = _id_lists(mode, draft, dataset)
    for table in ORDER:
        st.subheader(LABELS[table].capitalize())
        st.caption(CAPTIONS[table])
        st.space("small")  # room for the grid's toolbar, drawn above the grid, clear of the caption
        # on_change="ignore": an edit causes no rerun; the grid keeps it and sends it with the next button
        # press. With reruns, the grid sent an edit 150 ms late: a click in between ran without it, and a
        # rerun redrawing the grid in between dropped it. The check and the map follow when a button is pressed.
        frames[table] = st.data_editor(editor_frame(table, draft.table(table)), key=state.editor_key(mode, table),
                                       num_rows="dynamic", hide_index=True, width="stretch",
                                       column_config=column_config(table, ids), on_change="ignore")
    edited = Draft(**frames, report=draft.report)
    _show_ids(edited, dataset)
    left, right = st.columns(2)
    left.button("Check the edits", key=f"ar_{mode}_check", type="primary",
                help="Runs the check and redraws the map with the grids as they are now.")
    right.button("Update the id lists", key=f"ar_{mode}_update_ids", on_click=state.request, args=("update ids",),
                 help="Rows added in a grid join the lists of ids; your edits are kept.")
    if state.take("update ids"):
        state.set_draft(mode, edited)
        st.rerun()
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
