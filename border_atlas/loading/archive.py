"""Archived report texts (``<data>/reports/<source_id>.txt``) and the citations that rest on them.

A report added through the app is archived as plain text, its title on the first line and one
paragraph per line, so the project's paragraph rule reads it back with the numbers it was cited
by. :func:`citation_problems` checks every record, organisation and figure citing an archived
report against that text: the report's paragraph count, and each cited paragraph.

>>> import tempfile
>>> from border_atlas import load_dataset
>>> folder = Path(tempfile.mkdtemp())
>>> (folder / "reports").mkdir()
>>> _ = (folder / "reports" / "nkinsider-2025-10-27.txt").write_text("Title\\nOnly one paragraph.\\n")
>>> texts = {sid: archived_paragraphs(path) for sid, path in archived_reports(folder).items()}
>>> citation_problems(load_dataset(), texts)[0]
'sources.csv, nkinsider-2025-10-27: says 18 paragraphs, but its archived text has 1'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from border_atlas.ingest.documents import report_from_text
from border_atlas.loading.dataset import Dataset
from border_atlas.store.names import ARCHIVE_DIR, ID_PATTERN
from border_atlas.text.wording import count_label

CITING_TABLES = ("assignments", "organisations", "figures")


def archived_reports(folder: Path | str) -> dict[str, Path]:
    """source id -> archived text file, for every ``reports/<id>.txt`` in the data folder."""
    archive = Path(folder) / ARCHIVE_DIR
    if not archive.is_dir():
        return {}
    return {path.stem: path for path in sorted(archive.glob("*.txt"))
            if path.is_file() and ID_PATTERN.fullmatch(path.stem)}


def archived_paragraphs(path: Path) -> tuple[str, ...]:
    """The numbered paragraphs of an archived report (paragraph 1 first)."""
    return report_from_text(path.read_text(encoding="utf-8")).paragraphs


def citation_problems(dataset: Dataset, texts: Mapping[str, Sequence[str]]) -> list[str]:
    """What does not fit between the data and the reports' texts (source id -> paragraphs)."""
    problems = []
    sources = dataset.sources.set_index("id")
    for source_id, paragraphs in texts.items():
        if source_id not in sources.index:
            problems.append(f"reports/{source_id}.txt: no row of sources.csv has this id")
            continue
        stated = sources.loc[source_id, "paragraphs"]
        if stated != len(paragraphs):
            problems.append(f"sources.csv, {source_id}: says {count_label(stated, 'paragraph')}, but its archived "
                            f"text has {len(paragraphs)}")
        for table in CITING_TABLES:
            frame = dataset.table(table)
            for row in frame[frame["source_id"] == source_id].itertuples(index=False):
                problems += _cited(table, row, paragraphs)
    return problems


def _cited(table: str, row, paragraphs: Sequence[str]) -> list[str]:
    numbers = [int(n) for n in str(row.paragraphs).split(";") if n.strip().isdigit()] if isinstance(
        row.paragraphs, str) else []
    if table != "organisations" and not numbers:
        return [f"{table}.csv, {row.id}: cites no paragraph of {row.source_id}"]
    return [f"{table}.csv, {row.id}: cites paragraph {n} of {row.source_id}, which has {len(paragraphs)}"
            for n in numbers if not 1 <= n <= len(paragraphs) or not paragraphs[n - 1].strip()]
