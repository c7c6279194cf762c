"""The Timeline's charts drawn from specs kept per selection: the same charts st.altair_chart sent, sent
identically on every run, and no Altair chart built, validated or converted once the filters were seen."""

from __future__ import annotations

import altair as alt
import pytest
from apptest_helpers import TIMEOUT, run_page
from streamlit.testing.v1 import AppTest

from bench.synthetic import write_archive
from border_atlas.views.timeline_counts import DETAIL_LIMIT

PAGE = "pages/2_Timeline.py"


def old_timeline_charts():
    """The Timeline's charts as the page drew them before their specs were kept: st.altair_chart of each,
    with the page's default grouping (organisation) and unit (month)."""
    import streamlit as st

    from border_atlas.ui.page import start_page
    from border_atlas.ui.timeline_panel import CELLS_KEY, counts_of
    from border_atlas.views.timeline import figures_charts, timeline_chart
    from border_atlas.views.timeline_counts import (
        CELL_SELECTION,
        DETAIL_LIMIT,
        counts_grid_chart,
        counts_over_time_chart,
    )

    page = start_page(page="timeline", title="Timeline", help_text="The charts as st.altair_chart drew them.")
    selection = page.selection
    counts = counts_of(selection, "organisation", "month")
    if selection.count <= DETAIL_LIMIT:
        st.altair_chart(timeline_chart(selection, group_by="organisation"), width="stretch")
    else:
        st.altair_chart(counts_grid_chart(selection, counts), width="stretch", on_select="rerun",
                        selection_mode=CELL_SELECTION, key=CELLS_KEY)
    st.altair_chart(counts_over_time_chart(selection, counts), width="stretch")
    for chart in figures_charts(page.dataset):
        st.altair_chart(chart, width="stretch")


def charts(at: AppTest) -> list:
    return [el.proto for el in at.main if type(el.proto).__name__ == "VegaLiteChart"]


@pytest.fixture
def large_archive(tmp_path, monkeypatch):
    folder = write_archive(tmp_path, n_records=DETAIL_LIMIT + 500, n_places=120)
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(folder))
    return folder


@pytest.fixture
def to_dict_calls(monkeypatch) -> list:
    """Every validated conversion of an Altair chart (a whole chart: its layers are converted unvalidated
    inside it), counted; the conversion itself runs."""
    calls = []
    real = alt.TopLevelMixin.to_dict

    def counted(self, validate=True, **kwargs):
        if validate:
            calls.append(type(self).__name__)
        return real(self, validate, **kwargs)

    monkeypatch.setattr(alt.TopLevelMixin, "to_dict", counted)
    return calls


def assert_sends_what_altair_chart_sent(expected_count: int) -> None:
    new = charts(run_page(PAGE))
    old_page = AppTest.from_function(old_timeline_charts, default_timeout=TIMEOUT).run()
    assert not old_page.exception
    old = charts(old_page)
    assert len(new) == len(old) == expected_count
    for sent, before in zip(new, old):
        # A keyed chart's id is its key, selection mode and script (here another script): the same key, then.
        assert sent.id.split("-")[-1] == before.id.split("-")[-1]
        sent.id = before.id = ""
        # The rest of the message: the spec's JSON, each dataset's name and Arrow bytes, theme, selection mode.
        assert sent == before


def test_the_grid_and_counts_are_sent_as_altair_chart_sent_them(large_archive):
    assert_sends_what_altair_chart_sent(expected_count=4)  # grid, counts over time, the figures' two charts


def test_the_record_timeline_is_sent_as_altair_chart_sent_it():
    assert_sends_what_altair_chart_sent(expected_count=4)  # the bundled data's 21 records one by one


def test_a_new_session_with_seen_filters_builds_no_chart(large_archive, to_dict_calls):
    first = run_page(PAGE)
    assert not first.exception and len(to_dict_calls) == 4  # made once: grid, counts over time, figures
    sent = charts(first)
    to_dict_calls.clear()
    second = run_page(PAGE)  # a new session with the default filters, as a new visitor
    assert not second.exception
    assert to_dict_calls == []
    assert charts(second) == sent
    first.run()  # a rerun of the first session with nothing changed
    assert to_dict_calls == [] and charts(first) == sent
    first.radio(key="timeline_unit").set_value("year").run()  # new counts: their two charts made once
    assert not first.exception and len(to_dict_calls) == 2
    assert charts(first) != sent
    first.radio(key="timeline_unit").set_value("month").run()
    assert len(to_dict_calls) == 2 and charts(first) == sent


def draw_a_kept_spec_twice():
    """A kept spec that Streamlit would patch in place (a null legend title), drawn twice."""
    import copy

    import altair as alt
    import pandas as pd
    import streamlit as st

    from border_atlas.ui.vega_specs import draw_spec, vega_spec

    chart = alt.Chart(pd.DataFrame({"a": ["x", "y"], "b": [1, 2]})).mark_point().encode(
        x="b:Q", color=alt.Color("a:N", legend=alt.Legend(title=None)))
    spec = vega_spec(chart)
    made = copy.deepcopy(spec)
    draw_spec(spec)
    draw_spec(spec)
    st.session_state["unchanged"] = spec == made
    st.session_state["null_title"] = spec["encoding"]["color"]["legend"]["title"] is None


def test_drawing_leaves_the_kept_spec_as_it_was():
    at = AppTest.from_function(draw_a_kept_spec_twice, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.session_state["null_title"] and at.session_state["unchanged"]
    first, second = charts(at)
    assert first == second
    assert '"title": " "' in first.spec  # Streamlit's patch reached the browser, not the kept spec
