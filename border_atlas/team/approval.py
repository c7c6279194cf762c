"""What a reviewer reads before deciding: each row awaiting review in words, beside the paragraphs it cites.

Paragraphs are numbered as everywhere in the atlas (:func:`border_atlas.ingest.report_from_text`): from 1 at
the first non-empty line after the title, one per non-empty line; a row cites them as ``2;8;9``.

>>> text = "Title\\nFirst paragraph.\\n\\nSecond paragraph.\\n"
>>> cited_paragraphs(text, "2")
[(2, 'Second paragraph.')]
>>> cited_paragraphs(text, "3;x"), cited_paragraphs(None, "1")
([(3, None)], [])
>>> row_words("places", {"id": "kapsan", "name": "Kapsan", "kind": "county", "precision": "centroid"}, {})
'Kapsan (county; position: centroid)'
"""

from __future__ import annotations

from collections.abc import Mapping

from border_atlas.ingest.documents import report_from_text
from border_atlas.text.wording import paragraphs_text

CITING = ("assignments", "organisations", "figures", "eras", "events")  # the tables whose rows cite paragraphs
TABLE_WORDS = {"sources": "report", "places": "place", "organisations": "organisation", "eras": "era",
               "events": "event", "figures": "figure", "assignments": "record"}


def cited_numbers(cited: object) -> list[int]:
    """The paragraph numbers a row cites (``"2;8;9"``), in order, each once; what is not a number is left out."""
    if not isinstance(cited, str):
        return []
    numbers = [int(part) for part in cited.split(";") if part.strip().isdigit()]
    return list(dict.fromkeys(numbers))


def cited_paragraphs(report_text: str | None, cited: object) -> list[tuple[int, str | None]]:
    """(number, text) of each paragraph cited; the text is None for a number the report does not have."""
    if not report_text:
        return []
    paragraphs = report_from_text(report_text).paragraphs
    return [(n, paragraphs[n - 1] if 1 <= n <= len(paragraphs) else None) for n in cited_numbers(cited)]


def _name(names: Mapping[str, str], ident: object) -> str:
    return names.get(str(ident), str(ident)) if ident else ""


def _record_words(row: Mapping[str, object], names: Mapping[str, str]) -> str:
    who = _name(names, row.get("org_id"))
    partner = f" with {_name(names, row.get('partner_org_id'))}" if row.get("partner_org_id") else ""
    ordered = f", ordered by {_name(names, row.get('ordered_by_org_id'))}" if row.get("ordered_by_org_id") else ""
    when = " to ".join(str(row[k]) for k in ("start", "end") if row.get(k)) or f"reported {row.get('reported')}"
    grade = f"{row.get('reliability') or ''}{row.get('credibility') or ''}"
    return (f"{who} ({row.get('role')}{partner}{ordered}) at {_name(names, row.get('place_id'))}, {when}: "
            f"{row.get('summary') or ''} [grade {grade}; {paragraphs_text(row.get('paragraphs'))}]")


def row_words(table: str, row: Mapping[str, object], names: Mapping[str, str]) -> str:
    """One row in words for a reviewer (``names``: id -> name of the places and organisations known)."""
    if table == "assignments":
        return _record_words(row, names)
    if table == "places":
        return f"{row.get('name')} ({row.get('kind')}; position: {row.get('precision')})"
    if table == "sources":
        return f"{row.get('outlet')}: {row.get('title')} ({row.get('published')})"
    if table == "organisations":
        return f"{row.get('name')} ({row.get('type')})"
    return str(row.get("name") or row.get("summary") or row.get("id"))
