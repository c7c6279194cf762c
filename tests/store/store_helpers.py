"""Shared by the store tests: rows that meet every rule (placeholders, not facts), and a sample save."""

from __future__ import annotations

from border_atlas.store import ArchivedReport, DataStore, SaveResult

SOURCE_ID = "example-2025-01-01"
REPORT_TEXT = "Example title\nFirst example paragraph.\n\nSecond example paragraph, with a comma.\n"


def report_rows(tag: str = "a") -> dict[str, list[dict[str, str]]]:
    """A source, a place and a record citing it; ``tag`` makes the ids differ."""
    source = f"example-{tag}-2025-01-01"
    return {
        "sources": [{"id": source, "kind": "report", "outlet": "Example outlet", "title": "Example, \"quoted\"",
                     "published": "2025-01-01", "paragraphs": "2"}],
        "places": [{"id": f"example-place-{tag}", "name": "Example place", "kind": "town", "parent_id": "hyesan",
                    "country": "KP", "lat": "41.4", "lon": "128.2", "precision": "parent",
                    "coord_source_id": source}],
        "assignments": [{"id": f"example-duty-{tag}", "org_id": "mss", "role": "order",
                         "place_id": f"example-place-{tag}", "summary": "Line one\nline two", "reported": "2025-01-01",
                         "source_id": source, "paragraphs": "1", "reliability": "C", "credibility": "3"}],
    }


def sample_save(store: DataStore, tag: str = "a", *, user: str = "ana") -> SaveResult:
    rows = report_rows(tag)
    source = rows["sources"][0]["id"]
    return store.save(rows=rows, expected=store.snapshot(), report=ArchivedReport(source, REPORT_TEXT),
                      note=f"example save {tag}", user=user)


def ids(store: DataStore, table: str) -> set[str]:
    return set(store.contents().tables[table]["id"])
