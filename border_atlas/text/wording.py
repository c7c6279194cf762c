"""How the atlas words things, once: counts, names, eras, periods, positions and citations.

Every renderer (map, tables, charts, exports, captions) uses these, so a citation reads the
same on the map, in the CSV and in the briefing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

PRECISION_LABELS = {
    "point": "exact point",
    "centroid": "approximate: centre of the area",
    "representative": "approximate: a point standing for the area",
    "parent": "approximate: position unknown, shown at its parent's point",
}
ORG_TYPE_ORDER = ("security agency", "party office", "trading company", "military unit", "border guard", "customs",
                  "ministry")


def text(value) -> str | None:
    """A table cell as text, or None where it is empty."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value) if str(value).strip() else None


# What one row and several rows of each table are called in a count or beside an id. An assignment
# is a "record" everywhere the atlas speaks to its reader (the map's counts, the History page).
ROW_NOUNS = {"sources": ("source", "sources"), "places": ("place", "places"),
             "organisations": ("organisation", "organisations"), "eras": ("era", "eras"),
             "events": ("event", "events"), "figures": ("figure", "figures"), "assignments": ("record", "records"),
             "reports": ("report text", "report texts"), "reviews": ("review", "reviews")}


def count_label(n: int, noun: str = "record", nouns: str | None = None) -> str:
    """"1 record", "21 records", "100,000 records"; another noun: "1 file", "2 files", "3 report texts".

    >>> count_label(1, "file"), count_label(2, "file"), count_label(2, "entry", "entries")
    ('1 file', '2 files', '2 entries')
    """
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {nouns or noun + 's'}"


def row_noun(table: str, n: int = 1) -> str:
    """What ``n`` rows of ``table`` are called: "source", "records"; a table not listed keeps its own name."""
    one, many = ROW_NOUNS.get(table, (table, table))
    return one if n == 1 else many


def row_count(table: str, n: int) -> str:
    """"1 source", "2 sources", "1 record" (a row of assignments)."""
    return count_label(n, row_noun(table, 1), row_noun(table, 2))


def row_counts(counts: Mapping[str, int], *, empty: str = "") -> str:
    """Rows per table in words, tables with none left out: "1 source, 3 records"; ``empty`` if none.

    >>> row_counts({"sources": 1, "places": 0, "events": 2}), row_counts({}, empty="nothing")
    ('1 source, 2 events', 'nothing')
    """
    return ", ".join(row_count(table, n) for table, n in counts.items() if n) or empty


REVIEW_TEXTS = {"pending": "Pending review: saved, not yet approved by a second reader",
                "sent back": "Sent back to its author for changes: not yet approved"}


def review_text(status: str) -> str:
    """What a record's review says in a popup or a table.

    >>> review_text("sent back")
    'Sent back to its author for changes: not yet approved'
    """
    return REVIEW_TEXTS.get(status, "Reviewed")


def names_of(ids: Iterable[str], table: pd.DataFrame, *, with_type: bool = False) -> str:
    """"Office 39, Mirim Shipping Company": names from a table; an id without a row shows as itself."""
    names = dict(zip(table["id"], table["name"]))
    types = dict(zip(table["id"], table["type"])) if with_type and "type" in table else {}
    return ", ".join(f"{names.get(i, i)}" + (f" — {types[i]}" if i in types else "") for i in ids)


def era_label(eras: pd.DataFrame, era_id: str) -> str:
    """"Pre-COVID (until 2020-01-21)", "Post-COVID (MSS control) (2020-01-22 to now)"."""
    rows = eras[eras["id"] == era_id]
    if rows.empty:
        return era_id
    row = rows.iloc[0]
    start, end = text(row["start"]), text(row["end"])
    span = f"{start} to {end or 'now'}" if start else (f"until {end}" if end else "all dates")
    return f"{row['name']} ({span})"


def source_label(sources: pd.DataFrame, source_id: str) -> str:
    """"Daily NK (English), 2018-02-28"."""
    rows = sources[sources["id"] == source_id]
    if rows.empty:
        return source_id
    outlet, published = rows.iloc[0]["outlet"], text(rows.iloc[0]["published"])
    return f"{outlet}, {published}" if published else str(outlet)


def organisation_order(dataset) -> list[str]:
    """Organisation ids grouped by type (agencies first), then by name."""
    orgs = dataset.organisations
    rank = orgs["type"].map({t: i for i, t in enumerate(ORG_TYPE_ORDER)}).fillna(len(ORG_TYPE_ORDER))
    return list(orgs.assign(_rank=rank).sort_values(["_rank", "name"])["id"])


def place_tree(places: pd.DataFrame) -> dict[str, str]:
    """Place ids in tree order (province, its cities, their neighbourhoods) with indented labels."""
    children: dict[str | None, list[str]] = {}
    ids = set(places["id"])
    for ident, parent in zip(places["id"], places["parent_id"]):
        children.setdefault(parent if text(parent) in ids else None, []).append(ident)
    names = dict(zip(places["id"], places["name"]))
    labels: dict[str, str] = {}
    stack = [(ident, 0) for ident in sorted(children.get(None, []), key=names.get, reverse=True)]
    while stack:
        ident, depth = stack.pop()
        if ident in labels:
            continue
        labels[ident] = ("  " * depth + ("└ " if depth else "")) + names[ident]
        stack.extend((child, depth + 1) for child in sorted(children.get(ident, []), key=names.get, reverse=True))
    return labels


def paragraphs_text(paragraphs, *, long: bool = False) -> str:
    """"¶ 2, 8, 9" and "¶ 7"; long: "paragraphs 2, 8 and 9" and "paragraph 7".

    >>> paragraphs_text("2;8;9"), paragraphs_text("7", long=True), paragraphs_text("2;8;9", long=True)
    ('¶ 2, 8, 9', 'paragraph 7', 'paragraphs 2, 8 and 9')
    """
    numbers = [p.strip() for p in str(text(paragraphs) or "").split(";") if p.strip()]
    if not numbers:
        return "" if not long else "paragraph not given"
    if not long:
        return "¶ " + ", ".join(numbers)
    if len(numbers) == 1:
        return f"paragraph {numbers[0]}"
    return f"paragraphs {', '.join(numbers[:-1])} and {numbers[-1]}"


def citation(outlet, published, paragraphs, *, title=None) -> str:
    """"Daily NK (English), 2018-02-28, ¶ 2, 8, 9"; with a title, the long form for files.

    >>> citation("NK Insider", "2025-10-27", "7", title="All powerful MSS")
    'NK Insider, “All powerful MSS”, 2025-10-27, paragraph 7'
    """
    parts = [text(outlet) or "source not given"]
    if title is not None:
        parts.append(f"“{text(title) or 'untitled'}”")
    parts.append(text(published) or "undated")
    parts.append(paragraphs_text(paragraphs, long=title is not None))
    return ", ".join(p for p in parts if p)


def source_citation(sources: pd.DataFrame, source_id: str, paragraphs) -> str:
    """:func:`citation` for a source given by its id (shown as the id if its row is missing)."""
    rows = sources[sources["id"] == source_id]
    if rows.empty:
        return citation(source_id, None, paragraphs)
    return citation(rows.iloc[0]["outlet"], rows.iloc[0]["published"], paragraphs)


# Wordings of a period: (both, from, until, reported only).
_LONG = ("{start} – {end}", "from {start}", "until {end}", "reported {reported}")
_SHORT = ("{start}–{end}", "{start}–", "–{end}", "{reported}")


def period_text(start, end, reported, *, short: bool = False) -> str:
    """"2018-02 – 2019", "from 2018-02", "until 2018-02", "reported 2025-10-27".

    ``short`` gives years only, for map labels: "2018–", "–2018", "2025".
    """
    start, end, reported = text(start), text(end), text(reported) or "?"
    if short:
        start, end, reported = (d[:4] if d else d for d in (start, end, reported))
    both, since, until, only = _SHORT if short else _LONG
    if start and end:
        return start if start == end else both.format(start=start, end=end)
    if start:
        return since.format(start=start)
    if end:
        return until.format(end=end)
    return only.format(reported=reported)


def precision_text(precision, *, parent_name=None, uncertainty_m=None) -> str:
    """"exact point", "approximate: position unknown, shown at Hyesan's point (± 5 km)".

    >>> precision_text("parent", parent_name="Hyesan", uncertainty_m=5000.0)
    "approximate: position unknown, shown at Hyesan's point (± 5 km)"
    """
    precision = text(precision)
    if precision is None:
        return "not drawn: no position"
    label = PRECISION_LABELS.get(precision, precision)
    if precision == "parent" and text(parent_name):
        label = f"approximate: position unknown, shown at {parent_name}'s point"
    radius = None if uncertainty_m is None or pd.isna(uncertainty_m) else float(uncertainty_m)
    return label + (f" (± {radius / 1000:g} km)" if radius is not None else "")


def is_approximate(precision) -> bool:
    return text(precision) != "point"


def area_note(area_name: str, contains: str | None = None) -> str:
    """Why a record about a whole area is shown with a place inside it.

    >>> area_note("Ryanggang Province", "Kangan"), area_note("Samsu County")
    ('about all of Ryanggang Province, which contains Kangan', 'about all of Samsu County')
    """
    return f"about all of {area_name}" + (f", which contains {contains}" if contains else "")


def containment_count(n_at: int, chosen: list[str], areas: list[tuple[str, int]]) -> str:
    """The records at the chosen places and, counted apart, those about the areas containing them.

    >>> containment_count(0, ["Kangan"], [("Ryanggang Province", 7)])
    '0 records at Kangan; 7 about Ryanggang Province, which contains it'
    >>> containment_count(3, ["Kangan", "Hyetan"], [("Hyesan", 2), ("Ryanggang Province", 1)])
    '3 records at Kangan, Hyetan; 2 about Hyesan and 1 about Ryanggang Province, which contain them'
    """
    at = f"{count_label(n_at)} at {', '.join(chosen)}"
    areas = [(name, n) for name, n in areas if n]
    if not areas:
        return at
    about = [f"{n:,} about {name}" for name, n in areas]
    listed = about[0] if len(about) == 1 else f"{', '.join(about[:-1])} and {about[-1]}"
    verb = "contains" if len(about) == 1 else "contain"
    return f"{at}; {listed}, which {verb} {'it' if len(chosen) == 1 else 'them'}"


def option_count(label: str, records: int, about_areas: int = 0) -> str:
    """A filter option with the records choosing it would select; those about the areas
    containing a place are counted apart, as in :func:`containment_count`.

    >>> option_count("Samsu County", 0), option_count("Ministry of State Security", 1234)
    ('Samsu County (0)', 'Ministry of State Security (1,234)')
    >>> option_count("Kangan", 5, about_areas=5)
    'Kangan (0 + 5 about its areas)'
    """
    if not about_areas:
        return f"{label} ({records:,})"
    return f"{label} ({records - about_areas:,} + {about_areas:,} about its areas)"


def area_text(kind: str, *, outlined: bool, position: str = "") -> str:
    """How a place that is a whole area is drawn: over its outline, or at a point for want of one.

    >>> area_text("province", outlined=True)
    'records about the whole province, drawn over its outline'
    >>> area_text("county", outlined=False, position="centre of the area")
    'records about the whole county; no outline of it is available here, so it is drawn at a point; centre of the area'
    """
    if outlined:
        return f"records about the whole {kind}, drawn over its outline"
    return (f"records about the whole {kind}; no outline of it is available here, so it is drawn at a point"
            + (f"; {position}" if position else ""))
