"""FilterState: what the user chose, one value per declared filter.

It is immutable and knows nothing of Streamlit; its fields are the fields of
:data:`~border_atlas.filters.catalog.FILTERS`, so a new filter needs no change here.

>>> state = FilterState(orgs=("office-39",))
>>> state.orgs, state.era, state.with_(era="pre-covid").era
(('office-39',), None, 'pre-covid')
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from border_atlas.filters.catalog import BY_FIELD, FILTERS


class FilterState:
    """One value per filter; a filter left at its default does not filter."""

    __slots__ = ("_values",)

    def __init__(self, **values: Any):
        unknown = set(values) - set(BY_FIELD)
        if unknown:
            raise TypeError(f"FilterState has no filter {', '.join(sorted(unknown))}; "
                            f"the filters are {', '.join(BY_FIELD)}")
        chosen = {spec.field: values.get(spec.field, spec.default) for spec in FILTERS}
        for spec in FILTERS:  # lists become tuples, so that states compare and hash
            if isinstance(spec.default, tuple):
                chosen[spec.field] = tuple(chosen[spec.field])
        object.__setattr__(self, "_values", chosen)

    def __getattr__(self, name: str) -> Any:
        try:
            return object.__getattribute__(self, "_values")[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        raise AttributeError("FilterState is immutable; use with_()")

    def with_(self, **changes: Any) -> FilterState:
        return FilterState(**{**self._values, **changes})

    def active(self) -> Iterator[tuple[Any, Any]]:
        """(spec, value) for every filter that is not at its default."""
        for spec in FILTERS:
            value = self._values[spec.field]
            if value != spec.default:
                yield spec, value

    def without_time(self) -> FilterState:
        """The same filters with every time filter (era, dates) reset, for the era comparison."""
        return FilterState(**{spec.field: (spec.default if spec.time else self._values[spec.field])
                              for spec in FILTERS})

    def __eq__(self, other) -> bool:
        return isinstance(other, FilterState) and self._values == other._values

    def __hash__(self) -> int:
        return hash(tuple(self._values.items()))

    def __repr__(self) -> str:
        changed = ", ".join(f"{spec.field}={value!r}" for spec, value in self.active())
        return f"FilterState({changed})"
