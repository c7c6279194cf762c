"""The folium baselines: the same points as the project's map, offline, and hostile text kept as text."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from helpers import read_rows, write_rows
from markupsafe import escape

from bench.baselines import build_and_render, fast_cluster_map, naive_map
from bench.synthetic import write_archive
from border_atlas import FilterState, load_dataset, select

HOSTILE = '<img src=x onerror="alert(1)"> & </script><script>alert(2)</script>'


@pytest.fixture(scope="module")
def selection():
    return select(load_dataset(), FilterState())


def linked_urls(html: str) -> list[str]:
    return re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)


@pytest.mark.parametrize("build", [naive_map, fast_cluster_map])
def test_maps_load_only_local_files(build, selection):
    html = build(selection).get_root().render()
    urls = linked_urls(html)
    assert urls, "the page links its scripts and stylesheets"
    for url in urls:
        parsed = urlparse(url)
        assert parsed.scheme == "file", url
        assert Path(parsed.path).is_file(), url
    assert not re.search(r"https?://[^\"' ]*(cdn|jsdelivr|cloudflare|jquery\.com)", html)


def test_naive_map_has_one_marker_per_record_with_its_text(selection):
    html = naive_map(selection).get_root().render()
    assert html.count("L.marker(") == selection.count
    assert html.count("L.popup(") == selection.count
    for summary in selection.records["summary"]:
        assert str(escape(summary)) in html


def test_fast_cluster_map_holds_exactly_the_selected_places(selection):
    html = fast_cluster_map(selection).get_root().render()
    data = json.loads(re.search(r"var data = (\[.*?\]\]);", html, re.S).group(1))
    expected = sorted(map(list, zip(selection.places["lat"], selection.places["lon"])))
    assert sorted(data) == expected
    assert '"maxZoom": 17' in html  # a marker cluster throws on a map without one


def test_record_text_is_escaped_in_the_naive_popups(tmp_path):
    folder = write_archive(tmp_path / "archive", n_records=5, n_places=2)
    header, rows = read_rows(folder / "assignments.csv")
    rows[0]["summary"] = HOSTILE
    write_rows(folder / "assignments.csv", header, rows)
    html = naive_map(select(load_dataset(folder), FilterState())).get_root().render()
    assert "<img src=x" not in html and "<script>alert(2)" not in html
    assert "&lt;img src=x onerror=" in html


def test_build_and_render_reports_time_and_the_size_of_the_html(selection):
    seconds, size = build_and_render(fast_cluster_map, selection)
    html = fast_cluster_map(selection).get_root().render()
    assert seconds > 0
    # folium names elements with random ids of fixed length, so the size repeats exactly.
    assert size == len(html.encode("utf-8"))
