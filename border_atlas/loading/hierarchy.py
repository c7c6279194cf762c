"""Parent/child relations: places inside places, organisations under umbrellas."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def children_of(table: pd.DataFrame) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {}
    for ident, parent in zip(table["id"].tolist(), table["parent_id"].tolist()):
        if isinstance(parent, str):
            children.setdefault(parent, []).append(ident)
    return children


def with_descendants(ids: Iterable[str], table: pd.DataFrame) -> set[str]:
    """``ids`` and everything under them: Office 39 brings its companies, Hyesan its neighbourhoods.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"id": ["a", "b", "c"], "parent_id": [None, "a", "b"]})
    >>> sorted(with_descendants(["a"], t))
    ['a', 'b', 'c']
    """
    children = children_of(table)
    found: set[str] = set()
    stack = list(ids)
    while stack:
        ident = stack.pop()
        if ident not in found:
            found.add(ident)
            stack.extend(children.get(ident, []))
    return found


def _parents(table: pd.DataFrame) -> dict:
    # Plain lists: iterating an Arrow-backed column one value at a time is slow.
    return dict(zip(table["id"].tolist(), table["parent_id"].tolist()))


def ancestors(ident: str, table: pd.DataFrame, *, parents: dict | None = None) -> list[str]:
    """The chain of parents above ``ident``, nearest first (``parents``: id -> parent, if made already)."""
    parents = _parents(table) if parents is None else parents
    chain: list[str] = []
    node = parents.get(ident)
    while isinstance(node, str) and node not in chain:
        chain.append(node)
        node = parents.get(node)
    return chain


def containing_areas(ids: Iterable[str], table: pd.DataFrame) -> dict[str, list[str]]:
    """The places that contain a chosen one (and are not themselves chosen or inside one), each with
    the chosen places it contains, nearest first: Kangan is in Hyesan, which is in Ryanggang Province.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"id": ["p", "c", "n", "m"], "parent_id": [None, "p", "c", "c"]})
    >>> containing_areas(["n", "m"], t), containing_areas(["c", "n"], t)
    ({'c': ['n', 'm'], 'p': ['n', 'm']}, {'p': ['c', 'n']})
    """
    ids = list(dict.fromkeys(ids))
    inside = with_descendants(ids, table)
    parents = _parents(table)
    areas: dict[str, list[str]] = {}
    for ident in ids:
        for area in ancestors(ident, table, parents=parents):
            if area not in inside:
                areas.setdefault(area, []).append(ident)
    return areas
