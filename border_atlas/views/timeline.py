"""The timeline chart (Altair): one row per organisation or place, bars for known periods.

A record with a start or an end is a bar over the days it is known to hold; a record known
only by its report date is a point. Era boundaries come from the eras table and labelled
events (the January 2020 closure to foreign tourists, citizens abroad allowed home in August 2023)
from the events table.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from border_atlas.filters.selection import Selection
from border_atlas.loading.dataset import Dataset
from border_atlas.loading.dates import REPORT_ONLY, first_day
from border_atlas.text.escaping import esc
from border_atlas.text.wording import text
from border_atlas.views.colours import DEFAULT_COLOUR, org_colours

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


STRIP_ROW_PX = 18  # one line of the era and event labels above the rows
ROW_PX = 30
ROW_LABEL_LIMIT_PX = 190
RULE_STYLE = {"strokeDash": [5, 4], "color": "#666"}


def _time_scale(rows: pd.DataFrame, marks: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    start = min([pd.Timestamp("2016-06-01"), *rows["known_from"], *marks["date"]])
    return start, max([pd.Timestamp("2026-01-01"), *rows["known_to"], *marks["date"]]) + pd.Timedelta(days=60)


def _strip(marks: pd.DataFrame, span: tuple[pd.Timestamp, pd.Timestamp], height: int) -> pd.DataFrame:
    """The era and event marks with where their labels go: one line each, above the rows (negative
    pixels), and the share of the time axis before each mark (``at``, from 0 to 1)."""
    return marks.assign(
        n=range(len(marks)),
        label_y=[-STRIP_ROW_PX * (len(marks) - i) + STRIP_ROW_PX / 2 for i in range(len(marks))],
        top=-STRIP_ROW_PX * len(marks), bottom=height,
        at=[(when - span[0]) / (span[1] - span[0]) for when in marks["date"]],
    )


def _strip_layers(strip: pd.DataFrame, scale: alt.Scale) -> list:
    """Lines, triangles and labels; a label runs to the side of its line with more room and is cut
    (with "…", whole in its tooltip) at the chart's edge, however narrow the chart is."""
    base = alt.Chart(strip).encode(x=alt.X("date:T", scale=scale),
                                   tooltip=["label:N", alt.Tooltip("date:T", format="%Y-%m-%d")])
    pixels = alt.Y("label_y:Q", scale=None, axis=None)
    layers = [base.mark_rule(**RULE_STYLE).encode(y=alt.Y("top:Q", scale=None, axis=None), y2="bottom:Q"),
              base.mark_point(shape="triangle-down", filled=True, size=50, color="#444").encode(y=pixels)]
    for mark in strip.itertuples():
        right = mark.at <= 0.5  # the label runs to the right of its line
        room = (1 - mark.at) if right else mark.at
        layers.append(base.transform_filter(f"datum.n == {mark.n}").mark_text(
            align="left" if right else "right", dx=7 if right else -7, fontSize=11.5, color="#222",
            fontWeight="bold" if mark.kind == "era" else "normal",
            limit=alt.expr(f"max(40, {room:.4f} * width - 10)"),
        ).encode(y=pixels, text="label:N"))
    return layers


def timeline_chart(selection: Selection, *, group_by: str = "organisation") -> alt.LayerChart:
    """The records as rows, with the labelled era and event marks above them, on one time axis.

    One layered chart as wide as its container (the app's column, a phone's screen): row names,
    bars and labels are fitted inside that width. The organisations' colours and the date
    precisions are explained by :func:`timeline_legend_html` under it, which wraps where Vega's
    legends would not.
    """
    if group_by not in GROUPS:
        raise ValueError(f"group_by must be one of {', '.join(GROUPS)}, not {group_by!r}")
    field, _title = GROUPS[group_by]
    rows = timeline_rows(selection)
    present = list(dict.fromkeys(rows["org_id"]))
    colours, names = org_colours(selection.dataset.organisations), _org_names(selection.dataset)
    colour = alt.Color("org_name:N", legend=None, scale=alt.Scale(
        domain=[names.get(i, i) for i in present], range=[colours.get(i, DEFAULT_COLOUR) for i in present]))
    # Rows in alphabetical order; a list of names as the sort would be quoted into a Vega expression.
    y = alt.Y(f"{field}:N", title=None, sort="ascending", axis=alt.Axis(labelLimit=ROW_LABEL_LIMIT_PX))
    tooltip = [alt.Tooltip("org_name:N", title="Organisation"), alt.Tooltip("role:N", title="Role"),
               alt.Tooltip("place_name:N", title="Place"), alt.Tooltip("when:N", title="When"),
               alt.Tooltip("precision:N", title="Date precision"), alt.Tooltip("summary:N", title="What"),
               alt.Tooltip("citation:N", title="Source"), alt.Tooltip("grade:N", title="Grade")]
    opacity = alt.Opacity("precision:N", legend=None, scale=alt.Scale(
        domain=[*PRECISION_OPACITY, REPORT_ONLY], range=[*PRECISION_OPACITY.values(), 1.0]))
    marks = boundaries(selection.dataset)
    span = _time_scale(rows, marks)
    scale = alt.Scale(domain=[span[0].isoformat(), span[1].isoformat()])
    x = alt.X("known_from:T", title=None, scale=scale, axis=alt.Axis(format="%Y", tickCount="year"))
    base = alt.Chart(rows).encode(y=y, color=colour, tooltip=tooltip)
    bars = base.transform_filter("!datum.is_point").mark_bar(size=14, cornerRadius=2).encode(
        x=x, x2="known_to:T", opacity=opacity)
    points = base.transform_filter("datum.is_point").mark_point(shape="diamond", size=150, filled=True,
                                                                 opacity=1).encode(x=x)
    height = max(90, ROW_PX * max(rows[field].nunique(), 1))
    strip = _strip_layers(_strip(marks, span, height), scale)
    # The rows' bars and diamonds share their scale; the strip places its labels in pixels.
    return alt.layer(*strip, alt.layer(bars, points)).resolve_scale(y="independent").properties(
        width="container", height=height, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        # Room on the right for the last year's label, which is centred on its tick near the edge.
        padding={"left": 5, "top": 5, "right": 16, "bottom": 5},
        usermeta={"embedOptions": {"renderer": "svg"}})  # text, not pixels: readable by tests and assistive tools


def _org_names(dataset: Dataset) -> dict[str, str]:
    return dict(zip(dataset.organisations["id"], dataset.organisations["name"]))


def _org_items(selection: Selection, org_ids) -> str:
    colours, names = org_colours(selection.dataset.organisations), _org_names(selection.dataset)
    return "".join(f'<span class="ba-tl-item"><i style="background:{esc(colours.get(i, DEFAULT_COLOUR))}"></i>'
                   f"{esc(names.get(i, i))}</span>" for i in dict.fromkeys(org_ids) if isinstance(i, str))


def timeline_legend_html(selection: Selection) -> str:
    """What the colours and shades of :func:`timeline_chart` mean: the organisations drawn, then the
    date precisions (a bar is paler the vaguer its dates) and the diamond of a report date. Escaped HTML."""
    organisations = _org_items(selection, selection.column("org_id").dropna().unique())
    shades = "".join(f'<span class="ba-tl-item"><i style="background:{PRECISION_SWATCH};opacity:{opacity}"></i>'
                     f"{esc(precision)}</span>" for precision, opacity in PRECISION_OPACITY.items())
    diamond = f'<span class="ba-tl-item"><i class="diamond"></i>{esc(REPORT_ONLY)}</span>'
    return (f'<div class="ba-tl-legend"><style>{LEGEND_CSS}</style><div><b>Organisation</b>{organisations}</div>'
            f"<div><b>Date precision</b>{shades}{diamond}</div></div>")


PRECISION_SWATCH = "#37474f"
LEGEND_CSS = (".ba-tl-legend{font-size:13px;line-height:20px;color:#31333f}.ba-tl-legend>div{display:flex;"
              "flex-wrap:wrap;gap:2px 14px;align-items:center;margin:2px 0}.ba-tl-legend b{margin-right:2px}"
              ".ba-tl-item{white-space:nowrap}.ba-tl-item i{display:inline-block;width:11px;height:11px;"
              "border-radius:2px;margin-right:5px;vertical-align:-1px}.ba-tl-item i.diamond{background:#37474f;"
              "transform:rotate(45deg) scale(.8);border-radius:0}")


def figures_charts(dataset: Dataset) -> list[alt.LayerChart]:
    """Each reported amount as a range (minimum to maximum), one chart per subject, unit and currency.

    Separate charts, each as wide as its column: a stack of views is drawn at a fixed width, which
    overflows a phone.
    """
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
        highest = float(rows["amount_max"].max())
        # Room after the longest bar for its amount (about 120 px), however narrow the column.
        top = alt.ExprRef(f"{highest:.6g} * max(1.45, width / max(width - 125, 1))")
        base = alt.Chart(rows).encode(
            y=alt.Y("era:N", title=None, scale=alt.Scale(domain=era_order),  # the domain gives the order
                    axis=alt.Axis(labelLimit=170)),
            tooltip=["subject:N", "era:N", "label:N", "unit:N", alt.Tooltip("cite:N", title="Source")],
        )
        bars = base.mark_bar(size=18, cornerRadius=3).encode(
            # The axis's title, not the channel's: Vega-Lite quotes a channel title into an
            # expression without escaping backslashes or line breaks, so data text must not be one.
            x=alt.X("amount_min:Q", axis=alt.Axis(title=f"{currency} {unit}", labelFlush=40),
                  scale=alt.Scale(domainMin=0, domainMax=top, nice=False)),
            x2="amount_max:Q",
            color=alt.Color("era:N", legend=None,
                            scale=alt.Scale(domain=era_order, range=["#0072b2", "#c62828"])))
        text = base.mark_text(align="left", dx=6, fontSize=12).encode(x="amount_max:Q", text="label:N")
        panels.append(alt.layer(bars, text).properties(
            width="container", height=28 * len(era_order), title=alt.TitleParams(textwrap.wrap(subject, 44)),
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
            usermeta={"embedOptions": {"renderer": "svg"}}))
    return panels
