"""The timeline and figures charts, asserted on their Vega-Lite specs."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from helpers import with_values

from border_atlas import FilterState, select
from border_atlas.views.timeline import boundaries, figures_charts, timeline_chart, timeline_legend_html, timeline_rows


def datasets_of(spec: dict) -> list[pd.DataFrame]:
    return [pd.DataFrame(rows) for rows in spec["datasets"].values()]


def test_point_versus_bar_rule(dataset):
    rows = timeline_rows(select(dataset, FilterState())).set_index("id")
    # Known only by the report date: a point.
    assert rows.loc["holiday-approval-jagang", "is_point"]
    assert rows.loc["customs-blocked-2018", "is_point"]
    # A start or an end: a bar over the known period, with that date's precision.
    assert not rows.loc["mss-border-control-covid", "is_point"]
    assert rows.loc["mss-border-control-covid", "precision"] == "day"
    assert not rows.loc["mss-minister-dismissed", "is_point"]
    assert rows.loc["mss-minister-dismissed", "precision"] == "month"
    # "Until recently" and "recently" give no date: known only by the report date.
    assert rows.loc["crackdown-25bde-samsu", "is_point"] and rows.loc["pairing-2018-samsu", "is_point"]
    assert rows.loc["crackdown-25bde-samsu", "precision"] == "report date only"
    assert rows.loc["holiday-approval-jagang", "precision"] == "report date only"


def test_spec_draws_bars_and_points_from_the_right_rows(dataset):
    spec = timeline_chart(select(dataset, FilterState())).to_dict()
    records = record_layers(spec)
    marks = {json_mark(layer["mark"]): layer.get("transform") for layer in records}
    assert marks["bar"] == [{"filter": "!datum.is_point"}]
    assert marks["point"] == [{"filter": "datum.is_point"}]
    bar = next(layer for layer in records if json_mark(layer["mark"]) == "bar")
    assert bar["encoding"]["x"]["field"] == "known_from" and bar["encoding"]["x2"]["field"] == "known_to"
    tooltips = {t["title"] for t in bar["encoding"]["tooltip"]}
    assert {"Source", "Grade", "Date precision"} <= tooltips


def record_layers(spec: dict) -> list[dict]:
    """The bars and diamonds of the records (the last layer; the era and event strip comes first)."""
    return spec["layer"][-1]["layer"]


def json_mark(mark) -> str:
    return mark if isinstance(mark, str) else mark["type"]


def test_era_boundaries_are_at_the_dates_in_the_eras_data(dataset):
    marks = boundaries(dataset)
    era = marks[marks["kind"] == "era"]
    assert list(era["date"]) == [pd.Timestamp("2020-01-22")]
    assert "Post-COVID (MSS control) begins" in era["label"].iloc[0]
    assert "Closed to foreign tourists (COVID-19)" in era["label"].iloc[0]
    reopening = marks[marks["label"].str.contains("Citizens abroad may return")]
    assert list(reopening["date"]) == [pd.Timestamp("2023-08-27")]
    spec = timeline_chart(select(dataset, FilterState())).to_dict()
    drawn = pd.concat(datasets_of(spec))
    assert {"2020-01-22T00:00:00", "2023-08-27T00:00:00"} <= set(drawn["date"].dropna().astype(str))


def test_moving_an_era_moves_its_boundary(dataset):
    moved = with_values(with_values(dataset, "eras", "post-covid", start="2020-03-01"), "eras", "pre-covid",
                        end="2020-02-29")
    era = boundaries(moved).query("kind == 'era'")
    assert list(era["date"]) == [pd.Timestamp("2020-03-01")]


def test_rows_per_place(dataset):
    spec = timeline_chart(select(dataset, FilterState(orgs=("office-39",))), group_by="place").to_dict()
    bar = next(layer for layer in record_layers(spec) if json_mark(layer["mark"]) == "bar")
    assert bar["encoding"]["y"]["field"] == "place_name"
    assert bar["encoding"]["y"]["sort"] == "ascending"
    assert sorted(set(datasets_of(spec)[-1]["place_name"])) == ["Hyetan", "Kangan", "Ryanggang Province",
                                                                 "Samsu County"]
    with pytest.raises(ValueError):
        timeline_chart(select(dataset, FilterState()), group_by="colour")


def test_figures_chart_shows_the_ranges(dataset):
    specs = [chart.to_dict() for chart in figures_charts(dataset)]
    rows = pd.concat([frame for spec in specs for frame in datasets_of(spec)])
    cars = rows[rows["subject"].str.contains("ten Chinese-made cars")].set_index("era_id")
    assert (cars.loc["pre-covid", "amount_min"], cars.loc["pre-covid", "amount_max"]) == (8000, 15000)
    assert (cars.loc["post-covid", "amount_min"], cars.loc["post-covid", "amount_max"]) == (25000, 30000)
    assert set(rows["label"]) >= {"8,000–15,000 CNY", "25,000–30,000 CNY", "20,000–30,000 USD"}
    assert len(specs) == 2  # yuan and dollars are never drawn on one axis
    # as wide as the page's column, so that a phone shows the whole range
    assert all(spec["width"] == "container" and spec["autosize"]["type"] == "fit-x" for spec in specs)


def test_empty_selection_still_gives_a_chart(dataset):
    spec = timeline_chart(select(dataset, FilterState(orgs=("mirim",), era="post-covid"))).to_dict()
    assert len(record_layers(spec)) == 2 and spec["height"] > 0


def compiled_texts(node, path: tuple = ()):
    """(path, text) for each text that Vega-Lite quotes into a Vega expression: a channel's
    title (used in the marks' descriptions and tooltips) and a sort given as a list of values."""
    if isinstance(node, dict):
        for name, value in node.items():
            yield from compiled_texts(value, (*path, name))
    elif isinstance(node, list):
        for value in node:
            yield from compiled_texts(value, path)
    elif isinstance(node, str) and len(path) >= 3 and path[-3] == "encoding" and path[-1] in ("title", "sort"):
        yield path, node


def test_data_text_is_never_quoted_into_a_vega_expression(dataset):
    # Vega-Lite escapes a quote but not a backslash or a line break: text like this ends the
    # string early and the rest is read as code (here it stops the chart from being drawn).
    breakout = '\\"});alert(1);//\n\u2028'
    hostile = with_values(dataset, "organisations", "mss", name=f"MSS {breakout}")
    hostile = with_values(hostile, "places", "hyesan", name=f"Hyesan {breakout}")
    hostile = with_values(hostile, "eras", "pre-covid", name=f"Pre-COVID {breakout}")
    hostile = with_values(hostile, "figures", "bribe-cars-pre-covid", unit=f"per car {breakout}",
                          subject=f"Bribe {breakout}")
    charts = [timeline_chart(select(hostile, FilterState()), group_by=g).to_dict() for g in ("organisation", "place")]
    charts.append(figures_charts(hostile)[0].to_dict())  # the chart of the hostile figure
    for spec in charts:
        assert any(breakout in str(value) for rows in spec["datasets"].values() for row in rows
                   for value in row.values())
        assert [(path, text) for path, text in compiled_texts(spec) if breakout in text] == []
    axis = charts[-1]["layer"][0]["encoding"]["x"]["axis"]
    assert axis["title"] == f"CNY per car {breakout}"


def test_the_timeline_is_one_view_as_wide_as_its_column(dataset):
    # A vertical stack of layered views is drawn by Streamlit at its own fixed width (it was 860 px of bars
    # plus the row names: wider than the column at 1440 px, and cut to 2017-18 on a phone).
    spec = timeline_chart(select(dataset, FilterState())).to_dict()
    assert "vconcat" not in spec and "hconcat" not in spec
    assert spec["width"] == "container"
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}
    x = record_layers(spec)[0]["encoding"]["x"]
    start, end = (pd.Timestamp(d) for d in x["scale"]["domain"])
    drawn = timeline_rows(select(dataset, FilterState()))
    assert start <= drawn["known_from"].min() and end >= drawn["known_to"].max()


def test_event_labels_are_cut_inside_the_chart_however_narrow(dataset):
    spec = timeline_chart(select(dataset, FilterState())).to_dict()
    texts = [layer for layer in spec["layer"] if json_mark(layer.get("mark", "")) == "text"]
    assert len(texts) == len(boundaries(dataset))
    for layer in texts:
        mark = layer["mark"]
        assert "width" in mark["limit"]["expr"]  # the room left between its line and the chart's edge
        assert (mark["align"], mark["dx"] > 0) in (("left", True), ("right", False))


def test_the_legend_names_the_colours_and_shades_drawn(dataset):
    # Vega's legend for the date precision drew every shade as a black square.
    selection = select(dataset, FilterState(orgs=("office-39",)))
    html = timeline_legend_html(selection)
    shades = re.findall(r'<i style="background:(#[0-9a-f]{6});opacity:([0-9.]+)"></i>(\w+)', html)
    assert [name for _c, _o, name in shades] == ["day", "month", "year"]
    assert len({opacity for _c, opacity, _n in shades}) == 3 and all(c != "#000000" for c, _o, _n in shades)
    assert "report date only" in html
    names = set(timeline_rows(selection)["org_name"])
    assert names == set(re.findall(r'<i style="background:#[0-9a-f]{6}"></i>([^<]+)</span>', html))
    hostile = with_values(dataset, "organisations", "mss", name="<b>MSS</b>")
    assert "&lt;b&gt;MSS&lt;/b&gt;" in timeline_legend_html(select(hostile, FilterState(orgs=("office-39",))))
