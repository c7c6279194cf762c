"""What declares a filter: its value, how a link carries it, how it applies, how it reads, its widget.

Every filter is one :class:`FilterSpec` in :mod:`border_atlas.filters.catalog`; the state, the
link, the selection, the caption, the sidebar and the era comparison all loop over them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from border_atlas.filters.facet_rules import Facet
    from border_atlas.loading.dataset import Dataset

Params = Mapping[str, Sequence[str]]
MAX_VALUES = 50  # values of one parameter read from a link; the rest are ignored with a note
MAX_TEXT = 200
PARTS = ("field", "url", "apply", "describe", "widget")


def shown(value: str) -> str:
    """A value from a link, cut short for a message."""
    return repr(value if len(value) <= 40 else value[:40] + "…")


@dataclass(frozen=True)
class UrlCodec:
    """How a filter's value travels in a link.

    ``read`` gets every parameter of the link (each a list of strings) and returns the value,
    or None where the link has none, with notes on what it ignored; ``write`` gives the
    parameters for a value that differs from the default.
    """

    keys: tuple[str, ...]
    read: Callable[[Params, Dataset], tuple[Any, list[str]]]
    write: Callable[[Any], dict[str, str | list[str]]]


@dataclass(frozen=True)
class Widget:
    """The sidebar control that shows a filter, described without Streamlit.

    ``kind`` is one of the kinds :mod:`border_atlas.ui.widgets` can draw; ``options`` and
    ``option_label`` give the choices and their labels for the dataset at hand.
    """

    kind: str
    label: str
    help: str = ""
    placeholder: str = ""
    options: Callable[[Dataset], list] | None = None
    option_label: Callable[[Dataset], Callable[[Any], str]] | None = None


@dataclass(frozen=True)
class FilterSpec:
    """One filter.

    :param field: its name in :class:`~border_atlas.filters.state.FilterState`.
    :param default: the value that means "no filter".
    :param apply: ``(assignments, value, dataset, state) -> rows``, called only when the value
        is not the default.
    :param describe: ``(value, dataset, state) -> words`` for captions, or None to say nothing.
    :param time: a time filter, which the era comparison replaces with each era in turn.
    :param facet: ``(rows, value, dataset, state) -> Facet``: how many of ``rows`` (the records
        the other filters keep) each option would select, shown beside it; None for no counts.
    """

    field: str
    default: Any
    url: UrlCodec
    apply: Callable[[pd.DataFrame, Any, Dataset, Any], pd.DataFrame]
    describe: Callable[[Any, Dataset, Any], str | None]
    widget: Widget
    time: bool = False
    facet: Callable[[pd.DataFrame, Any, Dataset, Any], Facet] | None = None

    def missing_parts(self) -> list[str]:
        """The declared parts this spec lacks (a test checks that there are none)."""
        missing = [name for name in PARTS if getattr(self, name, None) in (None, "")]
        if self.url is not None and not self.url.keys:
            missing.append("url.keys")
        if self.widget is not None and not self.widget.label:
            missing.append("widget.label")
        return missing


# Link codecs shared by several filters.

def values_of(params: Params, key: str) -> list[str]:
    raw = params.get(key, [])
    values = [raw] if isinstance(raw, str) else [str(v) for v in raw]
    return [v.strip() for v in values if v.strip()]


def id_list(key: str, *, table: str, what: str) -> UrlCodec:
    """Repeated ids (``?org=a&org=b``), each checked against the dataset's ``table``."""

    def read(params: Params, dataset: Dataset) -> tuple[Any, list[str]]:
        wanted = values_of(params, key)
        if not wanted:
            return None, []
        known = set(dataset.table(table)["id"])
        notes = [f"{len(wanted) - MAX_VALUES} more {what} values in the link were ignored"] if \
            len(wanted) > MAX_VALUES else []
        wanted = wanted[:MAX_VALUES]
        notes += [f"unknown {what} {shown(v)} in the link was ignored"
                  for v in dict.fromkeys(wanted) if v not in known]
        return tuple(dict.fromkeys(v for v in wanted if v in known)), notes

    return UrlCodec((key,), read, lambda value: {key: list(value)})


def choice_list(key: str, *, choices: Callable[[Dataset], Sequence[str]], what: str) -> UrlCodec:
    """Like :func:`id_list`, for values from a fixed list."""

    def read(params: Params, dataset: Dataset) -> tuple[Any, list[str]]:
        wanted = values_of(params, key)[:MAX_VALUES]
        if not wanted:
            return None, []
        allowed = set(choices(dataset))
        notes = [f"unknown {what} {shown(v)} in the link was ignored"
                 for v in dict.fromkeys(wanted) if v not in allowed]
        return tuple(dict.fromkeys(v for v in wanted if v in allowed)), notes

    return UrlCodec((key,), read, lambda value: {key: list(value)})


def one_id(key: str, *, table: str, what: str) -> UrlCodec:
    """A single id (the last one given wins)."""

    def read(params: Params, dataset: Dataset) -> tuple[Any, list[str]]:
        given = values_of(params, key)
        if not given:
            return None, []
        if given[-1] in set(dataset.table(table)["id"]):
            return given[-1], []
        return None, [f"unknown {what} {shown(given[-1])} in the link was ignored"]

    return UrlCodec((key,), read, lambda value: {key: value})


ON, OFF = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


def read_flag(params: Params, key: str) -> tuple[bool | None, list[str]]:
    """On or off from a link (the last value given); None, with a note, for anything else.

    >>> read_flag({"exact": ["yes"]}, "exact"), read_flag({}, "exact")
    ((True, []), (None, []))
    >>> read_flag({"exact": ["<b>maybe"]}, "exact")
    (None, ["exact='<b>maybe' in the link is not 1 or 0 and was ignored"])
    """
    given = values_of(params, key)
    if not given:
        return None, []
    value = given[-1].strip().lower()
    if value in ON or value in OFF:
        return value in ON, []
    return None, [f"{key}={shown(given[-1])} in the link is not 1 or 0 and was ignored"]


def flag(key: str) -> UrlCodec:
    """On or off: ``1``, ``true``, ``yes`` or ``on`` is on; ``0``, ``false``, ``no`` or ``off`` is off."""

    def read(params: Params, _dataset: Dataset) -> tuple[Any, list[str]]:
        return read_flag(params, key)

    return UrlCodec((key,), read, lambda value: {key: "1" if value else "0"})
