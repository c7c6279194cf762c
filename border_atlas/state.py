"""FilterState: everything the user chose, as one immutable value.

It alone converts to and from the URL's query parameters, so that the widgets, the URL,
the captions and the exports cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date

from border_atlas.filters import parse_grade

# Query parameter name for each field; lists repeat the parameter (?org=a&org=b). The online
# basemap has none: a link may choose filters and the view, never turn on an outside service.
_PARAMS = {
    "orgs": "org",
    "exact_orgs": "exact",
    "places": "place",
    "era": "era",
    "date_from": "from",
    "date_to": "to",
    "roles": "role",
    "min_grade": "grade",
    "landmarks": "landmarks",
    "briefing": "briefing",
    "title": "title",
    "subtitle": "subtitle",
    "banner": "banner",
}
_MAX_TEXT = 200


@dataclass(frozen=True)
class FilterState:
    """The user's filters and view options. Empty tuples and None mean "no filter"."""

    orgs: tuple[str, ...] = ()
    exact_orgs: bool = False
    places: tuple[str, ...] = ()
    era: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    roles: tuple[str, ...] = ()
    min_grade: str | None = None
    online_basemap: bool = False
    landmarks: bool = True
    briefing: bool = False
    title: str = ""
    subtitle: str = ""
    banner: str = ""

    def with_(self, **changes) -> FilterState:
        return replace(self, **changes)

    def to_query_params(self) -> dict[str, str | list[str]]:
        """Only the fields that differ from the defaults, so that URLs stay short."""
        default = FilterState()
        params: dict[str, str | list[str]] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name not in _PARAMS or value == getattr(default, f.name):
                continue
            key = _PARAMS[f.name]
            if isinstance(value, tuple):
                params[key] = list(value)
            elif isinstance(value, bool):
                params[key] = "1" if value else "0"
            elif isinstance(value, date):
                params[key] = value.isoformat()
            else:
                params[key] = str(value)
        return params

    @classmethod
    def from_query_params(
        cls,
        params: Mapping[str, str | Sequence[str]],
        *,
        known: Mapping[str, set[str]] | None = None,
    ) -> tuple[FilterState, list[str]]:
        """Read a state from query parameters; returns it with a list of what was ignored.

        ``known`` maps "orgs", "places", "era" and "roles" to their valid values; anything
        else in the URL is dropped with a message instead of breaking the page.
        """
        known = known or {}
        notes: list[str] = [_unused_parameter_note(key) for key in params if key not in _PARAMS.values()]
        values: dict[str, object] = {}

        def all_of(key: str) -> list[str]:
            raw = params.get(key, [])
            return [raw] if isinstance(raw, str) else [str(v) for v in raw]

        def last(key: str) -> str | None:
            found = all_of(key)
            return found[-1] if found else None

        for name in ("orgs", "places", "roles"):
            wanted = all_of(_PARAMS[name])
            valid = known.get(name)
            kept = [v for v in wanted if valid is None or v in valid]
            notes += [f"unknown {_PARAMS[name]} {v!r} in the link was ignored" for v in wanted if v not in kept]
            values[name] = tuple(dict.fromkeys(kept))
        era = last("era")
        if era is not None:
            if known.get("era") is None or era in known["era"]:
                values["era"] = era
            else:
                notes.append(f"unknown era {era!r} in the link was ignored")
        for name in ("date_from", "date_to"):
            text = last(_PARAMS[name])
            if text is None:
                continue
            try:
                values[name] = date.fromisoformat(text)
            except ValueError:
                notes.append(f"{_PARAMS[name]}={text!r} in the link is not a date (YYYY-MM-DD) and was ignored")
        grade = last("grade")
        if grade is not None:
            try:
                parse_grade(grade)
                values["min_grade"] = grade.strip().upper()
            except ValueError as exc:
                notes.append(f"{exc}; ignored")
        for name in ("exact_orgs", "landmarks", "briefing"):
            text = last(_PARAMS[name])
            if text is not None:
                values[name] = text.strip().lower() in ("1", "true", "yes", "on")
        for name in ("title", "subtitle", "banner"):
            text = last(_PARAMS[name])
            if text is not None:
                values[name] = text[:_MAX_TEXT]
        state = cls(**values)
        if state.date_from and state.date_to and state.date_from > state.date_to:
            notes.append("the link's date range ends before it starts; the dates were ignored")
            state = state.with_(date_from=None, date_to=None)
        return state, notes


def _unused_parameter_note(key: str) -> str:
    if key == "online":
        return "the link asked for the online basemap; it stays off until you switch it on yourself"
    return f"unknown link parameter {key[:40]!r} was ignored"
