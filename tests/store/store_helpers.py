"""Shared by the store tests: a sample save, and reading a data folder's files as bytes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from border_atlas.store import ArchivedReport, DataStore, SaveResult

SOURCE_ID = "example-2025-01-01"
REPORT_TEXT = "Example title\nFirst example paragraph.\n\nSecond example paragraph, with a comma.\n"


def sample_rows(tag: str = "a") -> dict[str, list[dict[str, str]]]:
    """Rows for three tables (placeholders, not facts), in the order the save writes them."""
    return {
        "sources": [{"id": SOURCE_ID, "kind": "report", "outlet": "Example outlet", "title": "Example, \"quoted\"",
                     "published": "2025-01-01", "paragraphs": "2"}],
        "places": [{"id": f"example-place-{tag}", "name": "Example place", "kind": "town"}],
        "assignments": [{"id": f"example-duty-{tag}", "org_id": "mss", "role": "control",
                         "summary": "Line one\nline two", "source_id": SOURCE_ID, "paragraphs": "1"}],
    }


def sample_save(store: DataStore) -> SaveResult:
    return store.save(rows=sample_rows(), expected=store.snapshot(),
                      report=ArchivedReport(SOURCE_ID, REPORT_TEXT), note="example save")


def data_files(folder: Path) -> dict[str, bytes]:
    """Every file of the folder outside the journal, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != "journal"}


def journal_files(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / "journal").iterdir())


def records(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
