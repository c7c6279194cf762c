"""The timeline chart (Altair): one row per organisation or place, bars for known periods.

A record with a start or an end is a bar over the days it is known to hold; a record known
only by its report date is a point. Era boundaries come from the eras table and labelled
events (the January 2020 closure to foreign tourists, citizens abroad allowed home in August 2023)
from the events table.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from border_atlas.colours import DEFAULT_COLOUR, org_colours
from border_atlas.dataset import Dataset
from border_atlas.dates import REPORT_ONLY, first_day
from border_atlas.selection import Selection
from border_atlas.wording import text

GROUPS = {"organisation": ("org_name", "Organisation"), "place": ("place_name", "Place")}
PRECISION_OPACITY = {"day": 1.0, "month": 0.75, "year": 0.5}


ROW_COLUMNS = ["id", "org_name", "place_name", "known_from", "known_to", "is_point", "precision", "when", "citation",
               "grade", "org_id", "summary", "role"]


def timeline_rows(selection: Selection) -> pd.DataFrame:
    """One row per record with what the chart draws: its span, whether it is a point, its precision."""
    rows = [[r.id, r.org_name, r.place_name or "(no position)", pd.Timestamp(r.known_from), pd.Timestamp(r.known_to),
             not (r.start or r.end), r.date_precision, r.period, r.citation, r.grade, r.org_id, r.summary, r.role]
            for r in selection.record_list]
    return pd.DataFrame(rows, columns=ROW_COLUMNS)


MERGE_DAYS = 60  # events this close together share one label, so that labels never overlap


def boundaries(dataset: Dataset) -> pd.DataFrame:
    """Era starts (from eras.csv) and dated events (from events.csv), to draw as labelled rules.

    An era boundary stays exactly at its date; an event within MERGE_DAYS of it, or of the
    previous event, shares that rule and label, so that labels never overlap.
    """
    marks = [{"date": pd.Timestamp(first_day(row.start)), "label": f"{row.name} begins", "kind": "era"}
             for row in dataset.eras.itertuples() if text(row.start)]
    events = sorted((pd.Timestamp(first_day(row.date)), row.label) for row in dataset.events.itertuples())
    last_event: dict | None = None
    for when, label in events:
        era = next((m for m in marks if m["kind"] == "era" and abs((when - m["date"]).days) <= MERGE_DAYS), None)
        if era is not None:
            era["label"] += f"; {label}"
        elif last_event is not None and (when - last_event["date"]).days <= MERGE_DAYS:
            last_event["label"] += f"; {label}"
        else:
            last_event = {"date": when, "label": label, "kind": "event"}
            marks.append(last_event)
    return pd.DataFrame(sorted(marks, key=lambda m: m["date"]), columns=["date", "label", "kind"])


def timeline_chart(selection: Selection, *, group_by: str = "organisation", width: int = 860) -> alt.VConcatChart:
    """Labelled era and event marks on top, the records below, on one time axis."""
    if group_by not in GROUPS:
        raise ValueError(f"group_by must be one of {', '.join(GROUPS)}, not {group_by!r}")
    field, title = GROUPS[group_by]
    rows = timeline_rows(selection)
    colours = org_colours(selection.dataset.organisations)
    present = list(dict.fromkeys(rows["org_id"]))
    names = dict(zip(selection.dataset.organisations["id"], selection.dataset.organisations["name"]))
    colour = alt.Color("org_name:N", title="Organisation",
                       scale=alt.Scale(domain=[names.get(i, i) for i in present],
                                       range=[colours.get(i, DEFAULT_COLOUR) for i in present]))
    # Rows in alphabetical order; a list of names as the sort would be quoted into a Vega expression.
    rows_shown = rows[field].nunique()
    y = alt.Y(f"{field}:N", title=None, sort="ascending", axis=alt.Axis(labelLimit=260))
    tooltip = [alt.Tooltip("org_name:N", title="Organisation"), alt.Tooltip("role:N", title="Role"),
               alt.Tooltip("place_name:N", title="Place"), alt.Tooltip("when:N", title="When"),
               alt.Tooltip("precision:N", title="Date precision"), alt.Tooltip("summary:N", title="What"),
               alt.Tooltip("citation:N", title="Source"), alt.Tooltip("grade:N", title="Grade")]
    opacity = alt.Opacity("precision:N", title="Date precision",
                          scale=alt.Scale(domain=[*PRECISION_OPACITY, REPORT_ONLY],
                                          range=[*PRECISION_OPACITY.values(), 1.0]))
    marks = boundaries(selection.dataset)
    span_start = min([pd.Timestamp("2016-06-01"), *rows["known_from"], *marks["date"]])
    span_end = max([pd.Timestamp("2026-01-01"), *rows["known_to"], *marks["date"]]) + pd.Timedelta(days=60)
    scale = alt.Scale(domain=[span_start.isoformat(), span_end.isoformat()])
    x = alt.X("known_from:T", title=None, scale=scale, axis=alt.Axis(format="%Y", tickCount="year"))
    base = alt.Chart(rows).encode(y=y, color=colour, tooltip=tooltip)
    bars = base.transform_filter("!datum.is_point").mark_bar(size=14, cornerRadius=2).encode(
        x=x, x2="known_to:T", opacity=opacity)
    points = base.transform_filter("datum.is_point").mark_point(shape="diamond", size=150, filled=True,
                                                                 opacity=1).encode(x=x)
    rule_style = {"strokeDash": [5, 4], "color": "#666"}
    rules = alt.Chart(marks).mark_rule(**rule_style).encode(
        x=alt.X("date:T", scale=scale), tooltip=["label:N", alt.Tooltip("date:T", format="%Y-%m-%d")])
    height = max(90, 30 * max(rows_shown, 1))
    records = alt.layer(rules, bars, points).properties(width=width, height=height)
    label_y = alt.Y("label:N", axis=None, sort=alt.EncodingSortField("date"))
    strip = alt.Chart(marks).encode(x=alt.X("date:T", scale=scale, axis=None), y=label_y)
    strip_height = 18 * max(len(marks), 1)
    events = alt.layer(
        alt.Chart(marks).mark_rule(**rule_style).encode(x=alt.X("date:T", scale=scale, axis=None)),
        strip.mark_point(shape="triangle-down", filled=True, size=50, color="#444"),
        strip.transform_filter("datum.kind == 'era'").mark_text(
            align="left", dx=7, fontSize=11.5, fontWeight="bold", color="#222").encode(text="label:N"),
        strip.transform_filter("datum.kind != 'era'").mark_text(
            align="left", dx=7, fontSize=11.5, color="#222").encode(text="label:N"),
    ).properties(width=width, height=strip_height)
    return alt.vconcat(events, records, spacing=2).resolve_scale(x="shared").configure_legend(
        orient="bottom", direction="horizontal", columns=4, labelLimit=240)


def figures_chart(dataset: Dataset, *, width: int = 560) -> alt.VConcatChart:
    """Each reported amount as a range (minimum to maximum), one panel per subject, unit and currency."""
    eras = dict(zip(dataset.eras["id"], dataset.eras["name"]))
    era_order = list(dataset.eras["name"])
    figures = dataset.figures.assign(
        era=dataset.figures["era_id"].map(eras),
        label=[f"{lo:,.0f}–{hi:,.0f} {cur}" for lo, hi, cur in
               zip(dataset.figures["amount_min"], dataset.figures["amount_max"], dataset.figures["currency"])],
        cite=[f"{s}, ¶ {p.replace(';', ', ')}" for s, p in
              zip(dataset.figures["source_id"], dataset.figures["paragraphs"])],
    )
    panels = []
    for (subject, currency, unit), rows in figures.groupby(["subject", "currency", "unit"], sort=False):
        top = float(rows["amount_max"].max()) * 1.45
        base = alt.Chart(rows).encode(
            y=alt.Y("era:N", title=None, scale=alt.Scale(domain=era_order)),  # the domain gives the order
            tooltip=["subject:N", "era:N", "label:N", "unit:N", alt.Tooltip("cite:N", title="Source")],
        )
        bars = base.mark_bar(size=18, cornerRadius=3).encode(
            # The axis's title, not the channel's: Vega-Lite quotes a channel title into an
            # expression without escaping backslashes or line breaks, so data text must not be one.
            x=alt.X("amount_min:Q", axis=alt.Axis(title=f"{currency} {unit}"), scale=alt.Scale(domain=[0, top])),
            x2="amount_max:Q",
            color=alt.Color("era:N", legend=None,
                            scale=alt.Scale(domain=era_order, range=["#0072b2", "#c62828"])))
        text = base.mark_text(align="left", dx=6, fontSize=12).encode(x="amount_max:Q", text="label:N")
        panels.append(alt.layer(bars, text).properties(width=width, height=28 * len(era_order), title=subject))
    return alt.vconcat(*panels, spacing=18)
