"""Bulk import: records (CSV, XLSX) or places (KML, KMZ, GeoJSON) into a draft, then the same check and save."""

from __future__ import annotations

import hashlib

import streamlit as st

from border_atlas.drafting import Draft
from border_atlas.drafting.bulk import draft_from_placemarks, draft_from_records
from border_atlas.drafting.limited import IMPORT_LIMITS, read_placemarks_limited, read_records_limited
from border_atlas.drafting.placemarks import SUFFIXES as PLACE_SUFFIXES
from border_atlas.drafting.uploads import FileRefused
from border_atlas.ingest.documents import display_name
from border_atlas.loading.dataset import Dataset
from border_atlas.runtime import isolation
from border_atlas.text.escaping import markdown
from border_atlas.ui.add_report import state

TYPES = ["csv", "xlsx", *(suffix.lstrip(".") for suffix in PLACE_SUFFIXES)]
NOTES = "ar_bulk_notes"
READ_KEY = "ar_bulk_key"


def _read(name: str, data: bytes, dataset: Dataset) -> tuple[Draft, list[str], list[str]]:
    if name.lower().endswith((".csv", ".xlsx")):
        frame, notes = read_records_limited(data, filename=name)
        return draft_from_records(frame, file_name=display_name(name)), notes, []
    marks, notes = read_placemarks_limited(data, filename=name)
    imported = draft_from_placemarks(marks, dataset=dataset, gazetteer=state.gazetteer(dataset),
                                     file_name=display_name(name))
    return imported.draft, notes, imported.known


def bring_file(dataset: Dataset) -> None:
    st.header("1. Bring the file")
    isolation.start_early()  # the process that reads uploads, ready before the first one
    st.caption("Records in the assignments layout (the columns of assignments.csv, first row naming them), or a "
               "Google Earth or GeoJSON file of sites: each named point becomes a place, its name looked up in the "
               "gazetteer; every uncertain match waits for you to confirm it.")
    upload = st.file_uploader("Records (.csv, .xlsx) or places (.kml, .kmz, .geojson)", type=TYPES,
                              key="ar_bulk_upload")
    if upload is not None:
        data = upload.getvalue()
        key = (upload.name, hashlib.sha256(data).hexdigest())
        if st.session_state.get(READ_KEY) != key:
            st.session_state[READ_KEY] = key
            try:
                with st.spinner(f"Reading {upload.name} in a separate process (at most {IMPORT_LIMITS.seconds:g} s)…"):
                    draft, notes, known = _read(upload.name, data, dataset)
            except FileRefused as exc:
                state.set_draft(state.BULK, None)
                st.session_state[NOTES] = ([f"{exc} Nothing was kept."], [], True)
            else:
                state.set_draft(state.BULK, draft)
                st.session_state[NOTES] = (notes, known, False)
    notes, known, refused = st.session_state.get(NOTES, ([], [], False))
    for note in notes[:20]:
        (st.error if refused else st.warning)(markdown("{note}", note=note))
    for line in known:
        st.info(markdown("{line}: not added again.", line=line))
