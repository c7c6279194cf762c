"""The dataset, read from the store (the database) and shared by every page and session until it changes.

On the first run the source folder (``BORDER_ATLAS_DATA``, the bundled ``data/`` by default) is
imported into an empty database; afterwards the database is the data, and a change of the folder
is announced on every page until it is imported again (an explicit action on the Add a report page).
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from border_atlas.loading.dataset import DATA_DIR, Dataset, load_dataset
from border_atlas.readers import SqlTables
from border_atlas.store import DataStore, StoreError
from border_atlas.store.csv_io import folder_fingerprint
from border_atlas.store.engine import chosen_url
from border_atlas.team.identity import current_user
from border_atlas.text.escaping import markdown
from border_atlas.text.wording import count_label

# Analysts can point the app at their own copy of the tables, and at a database of their own.
DATA_ENV = "BORDER_ATLAS_DATA"


def data_folder() -> Path:
    """The source folder: imported into an empty database, and announced when it changes."""
    return Path(os.environ.get(DATA_ENV) or DATA_DIR)


def database_url() -> str:
    return chosen_url(data_folder())


@st.cache_resource(max_entries=8, show_spinner="Opening the database…")
def _open_store(url: str, folder: str) -> DataStore:
    store = DataStore(url)
    if store.is_new():  # only_if_new: two sessions starting at once import once
        store.import_folder(folder, user=current_user(), note=f"first run: imported {folder}", only_if_new=True)
    return store


def open_store() -> DataStore:
    """The store the app reads and saves to; stops the page with a message if the database cannot be opened."""
    try:
        return _open_store(database_url(), str(data_folder()))
    except StoreError as exc:  # unreachable, or the first import of the folder refused
        st.error(markdown("The data cannot be opened: {message}", message=str(exc)))
        st.stop()


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=4)
def _load(url: str, database_id: str, version: int, _store: DataStore) -> Dataset:
    # Validated tables are kept on disk by the database's identity and version, so a restart reads
    # 100,000 records in a fraction of a second; BORDER_ATLAS_CACHE=off turns that off.
    return load_dataset(SqlTables(_store), cache=True)


def get_dataset() -> Dataset:
    """The dataset as the database holds it now: loaded again after any change (a save, an undo, an import)."""
    store = open_store()
    try:
        snapshot = store.snapshot()
        return _load(database_url(), snapshot.database_id, snapshot.version, store)
    except StoreError as exc:
        st.error(markdown("The database cannot be read: {message}", message=str(exc)))
        st.stop()


def files_key(folder: Path) -> tuple:
    """Name, size and modification time of each table and archived report: they change when a file does."""
    key = []
    for path in sorted([*folder.glob("*.csv"), *folder.glob("reports/*.txt")]):
        try:
            stat = path.stat()
        except OSError:
            continue  # a file removed meanwhile: it is not part of the data
        key.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(key)


@st.cache_data(max_entries=4, show_spinner=False)
def _fingerprint(folder: str, files: tuple) -> str:
    return folder_fingerprint(Path(folder))


def folder_changed() -> str | None:
    """When the source folder was imported, if it changed since (None if it did not, or was never imported)."""
    folder = data_folder()
    recorded = open_store().meta()
    if recorded.get("source_folder") != str(folder.resolve()) or not folder.is_dir():
        return None
    if recorded.get("source_fingerprint") == _fingerprint(str(folder.resolve()), files_key(folder)):
        return None
    return recorded.get("imported_at", "")


def show_folder_notice() -> None:
    imported = folder_changed()
    if imported is None:
        return
    st.info(markdown("The folder {folder} changed since it was imported into the database ({when}). The app shows "
                     "the database; to bring the folder's changes in, use “Import the folder again” on the Add a "
                     "report page, or run: python -m border_atlas.data import {folder}",
                     folder=str(data_folder()), when=imported), icon=":material/sync_problem:")


def show_problems(dataset: Dataset) -> None:
    """Tell the user what in the imported files could not be used, and where; and whether the folder changed."""
    show_folder_notice()
    if not dataset.problems:
        return
    errors = dataset.errors
    summary = (f"{count_label(len(errors), 'problem')} in the data files: the rows named below "
               "are left out; everything else is shown. The files were not changed.")
    with st.expander(f"⚠ Data problems ({len(dataset.problems)})", expanded=bool(errors)):
        if errors:
            st.warning(summary)
        st.dataframe(
            [{"file": p.file, "row": p.row, "field": p.field, "problem": p.message, "severity": p.severity}
             for p in dataset.problems],
            hide_index=True,
            width="stretch",
        )
