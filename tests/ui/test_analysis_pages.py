"""The analysis pages under AppTest: they run, and the shared filters change what they show."""

from __future__ import annotations

import pyarrow as pa
import pytest
from apptest_helpers import run_page

PAGES = ["pages/2_Timeline.py", "pages/3_Organisations.py", "pages/4_Sources.py", "pages/1_Before_and_after.py"]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_with_help_text(page):
    at = run_page(page)
    assert not at.exception
    assert at.caption and len(at.caption[0].value) > 80  # a short help text for a first-time user


def timeline_ids(at) -> set[str]:
    """Record ids drawn in the page's first chart (the timeline); Streamlit sends chart data as Arrow."""
    chart = next(el for el in at.main if type(el.proto).__name__ == "VegaLiteChart")
    ids: set[str] = set()
    for dataset in chart.proto.datasets:
        table = pa.ipc.open_stream(dataset.data.data).read_all()
        if "id" in table.column_names:
            ids.update(table.column("id").to_pylist())
    return ids


def test_timeline_follows_organisation_and_era():
    at = run_page("pages/2_Timeline.py")
    assert len(timeline_ids(at)) == 21
    at.sidebar.multiselect(key="filter_orgs").set_value(["mirim"]).run()
    assert not at.exception
    assert timeline_ids(at) == {"pairing-2018-samsu"}
    assert at.markdown[0].value.startswith("**1 record**")
    at.sidebar.radio(key="filter_era").set_value("post-covid").run()
    assert any("No record matches" in i.value for i in at.info)


def test_organisations_graph_follows_the_filters():
    at = run_page("pages/3_Organisations.py")
    dot = at.get("graphviz_chart")[0].proto.spec
    assert '"units-hyetan"' in dot and '"mss-local-offices"' in dot
    at.sidebar.radio(key="filter_era").set_value("pre-covid").run()
    dot = at.get("graphviz_chart")[0].proto.spec
    assert '"units-hyetan"' in dot and '"mss-local-offices"' not in dot
    at.sidebar.multiselect(key="filter_orgs").set_value(["mirim"]).run()
    dot = at.get("graphviz_chart")[0].proto.spec
    assert '"mirim"' in dot and '"units-hyetan"' not in dot
    assert at.selectbox(key="profile_org").value == "mss"


def test_organisation_profile_shows_sanctions_and_places():
    at = run_page("pages/3_Organisations.py", query={"org": "mirim"})
    assert at.selectbox(key="profile_org").value == "mirim"
    table = at.dataframe[0].value
    facts = dict(zip(table.iloc[:, 0], table.iloc[:, 1]))
    assert facts["Sanctions status"] == "designation reported, not confirmed"
    assert facts["Under"] == "Office 39"
    assert at.header[0].value == "Mirim Shipping Company"


def test_sources_page_follows_the_filters():
    at = run_page("pages/4_Sources.py")
    expanders = [e.label for e in at.expander if "Daily NK" in e.label or "NK Insider" in e.label]
    assert any("14 records" in label for label in expanders) and any("7 records" in label for label in expanders)
    at.sidebar.radio(key="filter_era").set_value("post-covid").run()
    expanders = [e.label for e in at.expander if "Daily NK" in e.label or "NK Insider" in e.label]
    assert any("Daily NK" in label and "0 records" in label for label in expanders)
    assert any("NK Insider" in label and "7 records" in label for label in expanders)
    links = [m.value for m in at.markdown if m.value.startswith("[History of this report]")]
    assert "[History of this report](History?report=dailynk-2018-02-28)" in links and len(links) == len(expanders)


def test_filters_hold_across_pages():
    at = run_page("dashboard.py")
    at.sidebar.multiselect(key="filter_orgs").set_value(["office-39"]).run()
    at.switch_page("pages/4_Sources.py").run()
    assert not at.exception
    assert at.sidebar.multiselect(key="filter_orgs").value == ["office-39"]
    assert at.markdown[0].value.startswith("**4 records**")
