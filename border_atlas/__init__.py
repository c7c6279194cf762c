"""Border Atlas: who controls smuggling on the North Korea-China border in Ryanggang.

The package is pure Python: data loading and validation, filters, the gazetteer and the
renderers (map, exports, charts, graph). Only :mod:`border_atlas.ui` imports Streamlit.

>>> from border_atlas import load_dataset, FilterState, select
>>> dataset = load_dataset()
>>> selection = select(dataset, FilterState(orgs=("office-39",)))
>>> selection.count
4
"""

from border_atlas.filters import FilterState
from border_atlas.filters.selection import Selection, select
from border_atlas.loading.dataset import Dataset, Problem, load_dataset

__all__ = ["Dataset", "FilterState", "Problem", "Selection", "load_dataset", "select"]
