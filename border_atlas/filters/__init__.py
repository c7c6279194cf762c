"""The filters: declared specs, the state they make up, the pure rules that apply them, and what they make.

``selection`` applies a state to a dataset (``select``), ``caption`` puts the filters in words, ``facets``
counts the records beside each option, ``link`` carries the state (with the view and the briefing text,
and a zoom of ``map_zoom``) to and from a URL; ``record_search`` finds a record by a few letters.
"""

from border_atlas.filters.catalog import BY_FIELD, FILTERS, DateRange
from border_atlas.filters.grades import GradeRange
from border_atlas.filters.spec import FilterSpec, Widget
from border_atlas.filters.state import FilterState

__all__ = ["BY_FIELD", "FILTERS", "DateRange", "FilterSpec", "FilterState", "GradeRange", "Widget"]
