"""Every filter of the atlas, declared once. Adding a filter is one entry here (and its test).

>>> [spec.field for spec in FILTERS]
['orgs', 'exact_orgs', 'places', 'containing', 'era', 'dates', 'window', 'roles', 'grades', 'sources', 'reviewed']
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from border_atlas.filters import facet_rules, rules
from border_atlas.filters.grades import GradeRange, parse_digits, parse_letters
from border_atlas.filters.spec import (
    FilterSpec,
    Params,
    UrlCodec,
    Widget,
    choice_list,
    flag,
    id_list,
    one_id,
    read_flag,
    shown,
    values_of,
)
from border_atlas.loading import schema
from border_atlas.loading.dates import first_day, is_partial_date
from border_atlas.playback.windows import LENGTHS, Window, play_span
from border_atlas.text.wording import era_label, names_of, organisation_order, place_tree, source_label

if TYPE_CHECKING:
    from border_atlas.loading.dataset import Dataset


@dataclass(frozen=True)
class DateRange:
    """From and to, either open (None)."""

    start: date | None = None
    end: date | None = None

    def __str__(self) -> str:
        return f"{self.start or '…'} to {self.end or '…'}" if self.start or self.end else "any"


def _read_dates(params: Params, _dataset: Dataset) -> tuple[DateRange | None, list[str]]:
    bounds, notes = {}, []
    for key in ("from", "to"):
        given = values_of(params, key)
        if not given:
            continue
        try:
            bounds[key] = date.fromisoformat(given[-1])
        except ValueError:
            notes.append(f"{key}={shown(given[-1])} in the link is not a date (YYYY-MM-DD) and was ignored")
    if not bounds:
        return None, notes
    if "from" in bounds and "to" in bounds and bounds["from"] > bounds["to"]:
        return None, [*notes, "the link's date range ends before it starts; the dates were ignored"]
    return DateRange(bounds.get("from"), bounds.get("to")), notes


def _write_dates(value: DateRange) -> dict[str, str]:
    return {key: day.isoformat() for key, day in (("from", value.start), ("to", value.end)) if day}


def _read_grades(params: Params, _dataset: Dataset) -> tuple[GradeRange | None, list[str]]:
    grades, notes = GradeRange(), []
    for key, read in (("grade", GradeRange.at_least), ("reliability", parse_letters), ("credibility", parse_digits)):
        given = values_of(params, key)
        if not given:
            continue
        try:
            part = read(given[-1])
        except ValueError as reason:
            notes.append(f"{reason}; ignored")
            continue
        grades = part if key == "grade" else replace(grades, **{key: part})
    return (None if grades.is_everything else grades), notes


def _write_grades(value: GradeRange) -> dict[str, str]:
    (r0, r1), (c0, c1) = value.reliability, value.credibility
    if (r0, c0) == ("A", 1):
        return {"grade": f"{r1}{c1}"}
    return {"reliability": f"{r0}-{r1}", "credibility": f"{c0}-{c1}"}


def _read_window(params: Params, dataset: Dataset) -> tuple[Window | None, list[str]]:
    """``window=quarter&at=2018-01-01&grow=1``: the playback's window (``at`` defaults to the first one)."""
    length, at = values_of(params, "window"), values_of(params, "at")
    if not length:
        stray = [(key, values_of(params, key)) for key in ("at", "grow")]
        return None, [f"{key}={shown(given[-1])} in the link has no window=month, quarter or year and was ignored"
                      for key, given in stray if given]
    if length[-1] not in LENGTHS:
        return None, [f"window={shown(length[-1])} in the link is not month, quarter or year and was ignored"]
    start, notes = play_span(dataset)[0], []
    if at and is_partial_date(at[-1]):
        start = first_day(at[-1])
    elif at:
        notes.append(f"at={shown(at[-1])} in the link is not a date (YYYY, YYYY-MM or YYYY-MM-DD); "
                     "the window starts at the first one")
    growing, flag_notes = read_flag(params, "grow")
    return Window(length[-1], start, bool(growing)), notes + flag_notes


def _write_window(value: Window) -> dict[str, str]:
    return {"window": value.length, "at": value.start.isoformat(), **({"grow": "1"} if value.growing else {})}


def _describe_orgs(value, dataset: Dataset, state) -> str:
    if not value:
        return "Organisations: all"
    return f"Organisations: {names_of(value, dataset.organisations)}" + (
        "" if state.exact_orgs else " (with their members)")


def _describe_places(value, dataset: Dataset, state) -> str:
    if not value:
        return "Places: all"
    return f"Places: {names_of(value, dataset.places)} (with places inside" + (
        " and the areas containing them)" if state.containing else ")")


def _era_options(dataset: Dataset) -> list:
    return [None, *dataset.eras["id"]]


def _place_tree(dataset: Dataset) -> dict[str, str]:
    # Made once per dataset: the sidebar asks for it twice on every run, and 10,000 places take 0.1 s.
    if "place_tree" not in dataset.derived:
        dataset.derived["place_tree"] = place_tree(dataset.places)
    return dataset.derived["place_tree"]


def _describe_reviewed(value, dataset: Dataset, state) -> str | None:
    """"Reviewed records only (2 pending hidden)": the hidden ones among those the other filters keep."""
    if not value:
        return None
    review = dataset.assignments.get("review")
    if review is None or review.eq("reviewed").all():  # the usual case: nothing awaits review, nothing to count
        return "Reviewed records only"
    rows = dataset.assignments
    for spec, other in state.with_(reviewed=False).active():
        rows = spec.apply(rows, other, dataset, state)
    hidden = int(rows["review"].ne("reviewed").sum())
    return f"Reviewed records only ({hidden:,} pending hidden)" if hidden else "Reviewed records only"


REVIEW_OPTIONS = {None: "Reviewed only in the briefing view", True: "Reviewed only",
                  False: "Pending records too (marked)"}


def _report_options(dataset: Dataset) -> list[str]:
    cited = set(dataset.assignments["source_id"].unique().tolist())  # not value by value: 100,000 of them
    return [i for i in dataset.sources["id"] if i in cited]


FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec(
        "orgs", (), id_list("org", table="organisations", what="organisation"),
        lambda rows, value, ds, state: rules.by_organisation(rows, ds.organisations, value, exact=state.exact_orgs),
        _describe_orgs,
        Widget("multiselect", "Organisation",
               "Grouped by type. Choosing an umbrella (Office 39, the MSS) includes its members; a record matches "
               "when the organisation acts, is the partner, or gave the order.", "All organisations",
               organisation_order, lambda ds: lambda i: names_of([i], ds.organisations, with_type=True)),
        facet=lambda rows, _v, ds, state: facet_rules.organisation_facet(
            rows, facet_rules.ancestry_of(ds, "organisations"), exact=state.exact_orgs)),
    FilterSpec(
        "exact_orgs", False, flag("exact"), lambda rows, _v, _ds, _s: rows, lambda _v, _ds, _s: None,
        Widget("checkbox", "Only the organisations chosen (not their members)")),
    FilterSpec(
        "places", (), id_list("place", table="places", what="place"),
        lambda rows, value, ds, state: rules.by_place(rows, ds.places, value, containing=state.containing),
        _describe_places,
        Widget("multiselect", "Place", "Choosing a place includes the places inside it (Hyesan brings its "
               "neighbourhoods) and, unless switched off below, the records about the areas that contain it "
               "(Kangan brings Hyesan's and Ryanggang Province's).", "All places",
               lambda ds: list(_place_tree(ds)), lambda ds: _place_tree(ds).get),
        facet=lambda rows, _v, ds, state: facet_rules.place_facet(
            rows, facet_rules.ancestry_of(ds, "places"), containing=state.containing)),
    FilterSpec(
        "containing", True, flag("containing"), lambda rows, _v, _ds, _s: rows, lambda _v, _ds, _s: None,
        Widget("checkbox", "With the areas containing the chosen places",
               "Records about a province or county apply to every place in it; they are marked as such.")),
    FilterSpec(
        "era", None, one_id("era", table="eras", what="era"),
        lambda rows, value, ds, _s: rules.by_era(rows, ds.eras, value),
        lambda value, ds, _s: f"Era: {era_label(ds.eras, value)}" if value else "Era: all",
        Widget("radio", "Era", "Eras are read from data/eras.csv.", options=_era_options,
               option_label=lambda ds: lambda e: era_label(ds.eras, e) if e else "All"),
        time=True, facet=lambda rows, _v, ds, _s: facet_rules.era_facet(rows, ds.eras)),
    FilterSpec(
        "dates", DateRange(), UrlCodec(("from", "to"), _read_dates, _write_dates),
        lambda rows, value, _ds, _s: rules.by_date_range(rows, value.start, value.end),
        lambda value, _ds, _s: f"Dates: {value}",
        Widget("date_range", "Dates", "Records whose known period meets this range."), time=True),
    FilterSpec(
        "window", None, UrlCodec(("window", "at", "grow"), _read_window, _write_window),
        lambda rows, value, _ds, _s: rules.by_date_range(rows, *value.bounds()),
        lambda value, _ds, _s: f"Window: {value}" if value else None,
        Widget("window", "Time window", "Play the map over time: a month, a quarter or a year at a time (or growing, "
               "keeping what it has drawn). A record is drawn while its known period meets the window. The window "
               "chosen here filters the records, the caption and the legend; the map's player plays the others.")),
    FilterSpec(
        "roles", (), choice_list("role", choices=lambda _ds: schema.ROLES, what="role"),
        lambda rows, value, _ds, _s: rules.by_role(rows, value),
        lambda value, _ds, _s: f"Roles: {', '.join(value)}" if value else None,
        Widget("multiselect", "Role", placeholder="All roles", options=lambda _ds: list(schema.ROLES)),
        facet=lambda rows, _v, _ds, _s: facet_rules.value_facet(rows, "role")),
    FilterSpec(
        "grades", GradeRange(), UrlCodec(("grade", "reliability", "credibility"), _read_grades, _write_grades),
        lambda rows, value, _ds, _s: rules.by_grade(rows, value),
        lambda value, _ds, _s: None if value.is_everything else f"Grade: {value}",
        Widget("grade_range", "Grade", "Admiralty code: source reliability A (reliable) to F (cannot be judged); "
               "information credibility 1 (confirmed) to 6 (cannot be judged)."),
        facet=lambda rows, value, _ds, _s: facet_rules.grade_facet(rows, value)),
    FilterSpec(
        "sources", (), id_list("source", table="sources", what="report"),
        lambda rows, value, _ds, _s: rules.by_source(rows, value),
        lambda value, ds, _s: f"Reports: {'; '.join(source_label(ds.sources, i) for i in value)}" if value else None,
        Widget("multiselect", "Report", "Only the records taken from the chosen reports.", "All reports",
               _report_options, lambda ds: lambda i: source_label(ds.sources, i)),
        facet=lambda rows, _v, _ds, _s: facet_rules.value_facet(rows, "source_id")),
    # None: as the view goes, on in the briefing view (and its exports), off on the map (see Link.selected).
    FilterSpec(
        "reviewed", None, flag("reviewed"),
        lambda rows, value, _ds, _s: rules.by_review(rows) if value else rows,
        _describe_reviewed,
        Widget("radio", "Review", "A record saved by an analyst is pending until a second user approves it. The "
               "map marks pending records with a dashed amber ring and a “pending” badge.",
               options=lambda _ds: list(REVIEW_OPTIONS), option_label=lambda _ds: REVIEW_OPTIONS.get)),
)

BY_FIELD = {spec.field: spec for spec in FILTERS}
