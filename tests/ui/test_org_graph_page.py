"""The Organisations page says, above its graph, which links it leaves out of a large selection, and only then."""

from __future__ import annotations

import re

from apptest_helpers import _elements, plain, run_page

from bench.synthetic import write_archive
from border_atlas.views.org_graph_edges import EDGES_DRAWN


def graph_and_caption(at) -> tuple[str, str | None]:
    """The graph's DOT and the caption right above it, if any."""
    elements = [el for el in _elements(at.main) if not getattr(el, "children", None)]
    chart = next(i for i, el in enumerate(elements) if getattr(el, "type", "") == "graphviz_chart")
    above = elements[chart - 1] if chart else None
    return elements[chart].proto.spec, plain(above.value) if type(above).__name__ == "Caption" else None


def test_a_large_selection_draws_the_busiest_links_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(write_archive(tmp_path, n_records=4_000, n_places=400)))
    at = run_page("pages/3_Organisations.py")
    assert not at.exception
    at.selectbox(key="profile_org").set_value("mirim").run()
    dot, caption = graph_and_caption(at)
    assert caption and caption.startswith(f"Drawn: the {EDGES_DRAWN} pairings with most records, of ")
    assert "more links of Mirim Shipping Company, profiled below" in caption
    pairings = len(re.findall(r"penwidth=2\.4", dot))
    extra = int(re.search(r"and (\d+) more links", caption).group(1))
    assert pairings + dot.count("style=dashed") == 2 * EDGES_DRAWN + extra


def test_the_bundled_data_draws_every_link_without_that_caption():
    at = run_page("pages/3_Organisations.py")
    assert not at.exception
    dot, caption = graph_and_caption(at)
    assert caption is None and not any(plain(c.value).startswith("Drawn:") for c in at.caption)
    assert dot.count("penwidth=2.4") > 0
