"""Draw a declared filter's widget, seed it from a value, and read its value back.

Each widget kind of :class:`~border_atlas.filters.Widget` is drawn here and nowhere else; a
filter's widget keys are derived from its field, so no other module names them.
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from border_atlas.filters import DateRange, FilterSpec, GradeRange
from border_atlas.filters.facet_rules import Facet
from border_atlas.filters.grades import CREDIBILITY, RELIABILITY
from border_atlas.loading.dataset import Dataset
from border_atlas.loading.dates import first_day, is_partial_date, last_day
from border_atlas.text.escaping import escape_markdown
from border_atlas.text.wording import option_count
from border_atlas.ui import window_widget

_DRAWN_WITH_VALUE = {"grade_range"}
ZERO_COLOUR = "#808690"  # an option that would select no record: grey, still above 3.5:1 on white
# Past this many options with no record, the style would outweigh its use (it is sent on every run):
# the "(0)" in their labels still tells them apart.
MAX_GREYED = 300
# The counts end the labels, so the sidebar's choices and open lists wrap long labels rather than cut
# them, and a chosen option with no record is a grey chip.
FACET_STYLE = f"""
[data-testid="stSidebar"] [data-tag] {{ max-width: 100%; height: auto; }}
[data-testid="stSidebar"] [data-tag] > span[title] {{ white-space: normal; overflow: visible; text-overflow: clip;
  line-height: 1.25; padding: 2px 0; }}
[data-testid="stSidebar"] [data-tag]:has(> span[title$=" (0)"]) {{ background-color: {ZERO_COLOUR}; }}
body:has([data-testid="stSidebar"] input[aria-expanded="true"]) [role="listbox"] [role="option"] > div {{
  white-space: normal; text-overflow: clip; line-height: 1.2; height: auto; overflow: visible; }}
"""
# Streamlit reads a radio holding None as "nothing chosen", so a filter's "no value" option (e.g. the
# era's "All") is held as this text in the widget and turned back into None when read.
_NO_VALUE = ""


def keys(spec: FilterSpec) -> tuple[str, ...]:
    """The session-state keys of a filter's widget."""
    if spec.widget.kind == "date_range":
        return (f"filter_{spec.field}_from", f"filter_{spec.field}_to")
    if spec.widget.kind == "grade_range":
        return (f"filter_{spec.field}_reliability", f"filter_{spec.field}_credibility")
    if spec.widget.kind == "window":
        return window_widget.KEYS
    return (f"filter_{spec.field}",)


def _widget_values(spec: FilterSpec, value: Any) -> tuple:
    kind = spec.widget.kind
    if kind == "window":
        return window_widget.widget_values(value)
    if kind == "date_range":
        return (value.start.isoformat() if value.start else ""), (value.end.isoformat() if value.end else "")
    if kind == "grade_range":
        return value.reliability, value.credibility
    if kind == "multiselect":
        return (list(value),)
    if kind == "radio" and value is None:
        return (_NO_VALUE,)
    return (value,)


def seed(spec: FilterSpec, value: Any, *, force: bool) -> None:
    """Put ``value`` into the widget's session state (Streamlit forgets widgets between pages).

    Seeding session state rather than passing ``value=`` avoids Streamlit's warning about a
    widget set both ways. A range slider is the exception: it is a range only when it is
    given a pair as ``value=``, so its state is cleared instead and :func:`draw` passes the value.
    """
    for key, widget_value in zip(keys(spec), _widget_values(spec, value), strict=True):
        if spec.widget.kind in _DRAWN_WITH_VALUE:
            if force:
                st.session_state.pop(key, None)
        elif force or key not in st.session_state:
            st.session_state[key] = widget_value


def _value_of(spec: FilterSpec, option: Any) -> Any:
    """The filter's value an option of its widget stands for."""
    return None if spec.widget.kind == "radio" and option == _NO_VALUE else option


def _labeller(spec: FilterSpec, dataset: Dataset, *, markdown: bool, facet: Facet | None = None):
    """The option's label, with the records it would select when the filter has counts; Markdown
    greys an option with none."""
    label = spec.widget.option_label(dataset) if spec.widget.option_label else str

    def shown(option: Any) -> str:
        value = _value_of(spec, option)
        if facet is None:
            words = label(value)
            return escape_markdown(words) if markdown else words
        records, about_areas = facet.count(value)
        words = option_count(label(value), records, about_areas)
        if not markdown:
            return words
        return f":gray[{escape_markdown(words)}]" if records == 0 else escape_markdown(words)

    return shown


def draw(spec: FilterSpec, dataset: Dataset, container, value: Any, facet: Facet | None = None) -> list | None:
    """Draw the widget in ``container`` (the sidebar), bound to its session keys; ``value`` is
    the filter's current value (used by the kinds that are not seeded through session state);
    ``facet``: the counts to show beside its options, if any. Returns the options it offered."""
    widget, (key, *more) = spec.widget, keys(spec)
    options = widget.options(dataset) if widget.options else None
    if widget.kind == "multiselect":
        container.multiselect(widget.label, options, key=key, help=widget.help or None,
                              placeholder=widget.placeholder or None,
                              format_func=_labeller(spec, dataset, markdown=False, facet=facet))
    elif widget.kind == "checkbox":
        container.checkbox(widget.label, key=key, help=widget.help or None)
    elif widget.kind == "radio":  # radio options are Markdown
        options = [_NO_VALUE if option is None else option for option in options]
        container.radio(widget.label, options, key=key, help=widget.help or None,
                        format_func=_labeller(spec, dataset, markdown=True, facet=facet))
    elif widget.kind == "date_range":  # text, so that Enter applies it and "2018" or "2018-02" will do
        container.text_input("From", key=key, placeholder="YYYY, YYYY-MM or YYYY-MM-DD", help=widget.help or None)
        container.text_input("To", key=more[0], placeholder="YYYY, YYYY-MM or YYYY-MM-DD")
    elif widget.kind == "window":
        window_widget.draw(dataset, container, widget.help)
    elif widget.kind == "grade_range":
        container.select_slider("Source reliability", list(RELIABILITY), value=value.reliability, key=key,
                                help=widget.help or None)
        _grade_counts(container, facet, "reliability", RELIABILITY)
        container.select_slider("Information credibility", list(CREDIBILITY), value=value.credibility, key=more[0])
        _grade_counts(container, facet, "credibility", CREDIBILITY)
    else:
        raise ValueError(f"no widget of kind {widget.kind!r}")
    return options


def _grade_counts(container, facet: Facet | None, part: str, grades) -> None:
    """Under a grade slider, the records at each of its grades: a slider shows only the two it is set to."""
    if facet is not None:
        container.caption("Records — " + " · ".join(f"{grade}: {facet.count((part, grade))[0]:,}" for grade in grades))


def _css_text(text: str) -> str:
    """Text inside a CSS string: anything but letters, digits and spaces as a CSS escape."""
    return re.sub(r"[^0-9A-Za-z ]", lambda m: f"\\{ord(m.group()):x} ", text)


def zero_option_style(spec: FilterSpec, options: list | None, facet: Facet | None) -> str:
    """CSS that greys a multiselect's options (as :func:`draw` offered them) with no record in its open list.

    Streamlit's list names an option by its position alone (``data-key``) and opens apart from
    its widget, so each rule applies while the sidebar's widget of that label is open.
    """
    if facet is None or spec.widget.kind != "multiselect":
        return ""
    zero = [i for i, option in enumerate(options or ()) if facet.count(option)[0] == 0]
    if not zero or len(zero) > MAX_GREYED:
        return ""
    widget = f'input[aria-label="{_css_text(spec.widget.label)}"][aria-expanded="true"]'
    opened = f'body:has([data-testid="stSidebar"] {widget})'
    keys = ", ".join(f'[data-key="{i}"]' for i in zero)
    return f'{opened} [role="option"]:is({keys}) {{ color: {ZERO_COLOUR}; }}'



def read(spec: FilterSpec) -> tuple[Any, str | None]:
    """The filter's value from its widget, and a message when the widget's value cannot be used."""
    values = [st.session_state.get(key) for key in keys(spec)]
    kind = spec.widget.kind
    if kind == "multiselect":
        return tuple(values[0] or ()), None
    if kind == "date_range":
        return _date_range(*values)
    if kind == "window":
        return window_widget.read(), None
    if kind == "grade_range":
        try:
            return GradeRange(tuple(values[0]), tuple(values[1])), None
        except (TypeError, ValueError):
            return spec.default, "The grade range could not be read; grades are not applied."
    if kind == "radio" and values[0] == _NO_VALUE:
        return None, None
    return values[0], None


def _date_range(start_text: str | None, end_text: str | None) -> tuple[DateRange, str | None]:
    """From the two boxes: a year or a month covers its whole span ("to 2019" is to 2019-12-31)."""
    bounds, problems = [], []
    for label, text, day in (("From", start_text, first_day), ("To", end_text, last_day)):
        text = (text or "").strip()
        if text and not is_partial_date(text):
            problems.append(f"{label} “{text[:20]}” is not a date written YYYY, YYYY-MM or YYYY-MM-DD; not applied.")
            text = ""
        bounds.append(day(text) if text else None)
    if bounds[0] and bounds[1] and bounds[0] > bounds[1]:
        return DateRange(), "The date range ends before it starts; dates are not applied."
    return DateRange(*bounds), " ".join(problems) or None
