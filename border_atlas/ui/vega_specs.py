"""Altair charts turned into Vega-Lite once, kept, and drawn from the kept spec on later runs.

``st.altair_chart`` validates and converts its chart on every run, which for the Timeline's
charts at 100,000 records costs more than building the counts. A chart that depends only on the
selection (or only on the dataset) is converted once, by the very converter ``st.altair_chart``
uses, so the spec sent is the same: Altair's theme off, every data frame as Arrow bytes under a
content-hashed name. Later runs, and other sessions with the same filters, hand that spec to
``st.vega_lite_chart``; Altair is not called at all.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable

import altair as alt
import streamlit as st

# The converter st.altair_chart calls (it switches Altair's theme and data transformer under
# Streamlit's own lock); Streamlit is pinned, and tests compare the result with st.altair_chart's.
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from border_atlas.loading.dataset import Dataset

_LOCK = threading.Lock()


def vega_spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec ``st.altair_chart(chart)`` would send, its data included; validated by Altair."""
    return _convert_altair_to_vega_lite_spec(chart)


def specs_per_dataset(dataset: Dataset, name: str, build: Callable[[], list[alt.TopLevelMixin]]) -> list[dict]:
    """The specs of charts that depend on the dataset alone, made once per dataset (dropped with it)."""
    key = ("vega_specs", name)
    with _LOCK:
        if key in dataset.derived:
            return dataset.derived[key]
    specs = [vega_spec(chart) for chart in build()]  # outside the lock, as per_selection does
    with _LOCK:
        return dataset.derived.setdefault(key, specs)


def draw_spec(spec: dict, **options):
    """``st.vega_lite_chart`` of a kept spec, as wide as its column. Streamlit is handed a copy, so the
    kept spec stays as it was made whatever Streamlit patches in place (e.g. a null legend title)."""
    return st.vega_lite_chart(spec=copy.deepcopy(spec), width="stretch", **options)
