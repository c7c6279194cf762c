"""The filters: declared specs, the state they make up, and the pure rules that apply them."""

from border_atlas.filters.catalog import BY_FIELD, FILTERS, DateRange
from border_atlas.filters.grades import GradeRange
from border_atlas.filters.spec import FilterSpec, Widget
from border_atlas.filters.state import FilterState

__all__ = ["BY_FIELD", "FILTERS", "DateRange", "FilterSpec", "FilterState", "GradeRange", "Widget"]
