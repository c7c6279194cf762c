"""The dataset, loaded once per server and shared by every page and session."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from border_atlas.dataset import Dataset, load_dataset

# Analysts can point the app at their own copy of the tables.
DATA_ENV = "BORDER_ATLAS_DATA"


@st.cache_resource(show_spinner="Loading the dataset…")
def _load(folder: str | None) -> Dataset:
    return load_dataset(Path(folder) if folder else None)


def get_dataset() -> Dataset:
    return _load(os.environ.get(DATA_ENV))


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
