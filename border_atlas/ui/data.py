"""The dataset, loaded once per server and shared by every page and session, until its files change."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from border_atlas.dataset import DATA_DIR, Dataset, load_dataset

# Analysts can point the app at their own copy of the tables.
DATA_ENV = "BORDER_ATLAS_DATA"


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=4)
def _load(folder: str | None, files: tuple) -> Dataset:
    # Validated tables are kept on disk by the files' hash, so a restart reads 100,000 records in
    # a fraction of a second; BORDER_ATLAS_CACHE=off turns that off.
    source = Path(folder) if folder else None
    try:
        return load_dataset(source, cache=True)
    except ValueError:  # a cache folder set inside the data folder: the data folder stays the analyst's alone
        return load_dataset(source)


def data_folder() -> Path:
    """The folder the app reads (and the add-report page writes)."""
    return Path(os.environ.get(DATA_ENV) or DATA_DIR)


def files_key(folder: Path) -> tuple:
    """Name, size and modification time of each table: a save or an undo replaces a file, and so changes it."""
    key = []
    for path in sorted(folder.glob("*.csv")):
        try:
            stat = path.stat()
        except OSError:
            continue  # a file removed meanwhile: it is not part of the data
        key.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(key)


def get_dataset() -> Dataset:
    """The dataset as its files are now: loaded again after any change to them (a save, an undo, an edit)."""
    folder = os.environ.get(DATA_ENV) or None
    return _load(folder, files_key(data_folder()))


def show_problems(dataset: Dataset) -> None:
    """Tell the user what in the files could not be used, and where."""
    if not dataset.problems:
        return
    errors = dataset.errors
    summary = (f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in the data files: the rows named below "
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
