"""Save a checked draft: its rows appended to the tables and the report's text archived, all or nothing.

The store (:class:`~border_atlas.store.DataStore`) does the writing: one transaction, recorded in
the history with the user's name, refused if the data changed since the page read it. The report
is archived as plain text (exported as ``reports/<source_id>.txt``), its title on the first line
and one paragraph per line after it, so that the project's paragraph rule numbers it exactly as it was numbered here.

>>> from border_atlas.ingest import report_from_text
>>> archive_text(report_from_text("Title\\n\\nFirst.\\n  Second.  "))
'Title\\nFirst.\\nSecond.\\n'
"""

from __future__ import annotations

from border_atlas.drafting.check import DraftCheck
from border_atlas.drafting.prepare import cell
from border_atlas.drafting.tables import TABLES, Draft
from border_atlas.ingest.documents import ReportText
from border_atlas.store import ArchivedReport, DataStore, InvalidInput, SaveResult, Snapshot
from border_atlas.text.wording import count_label, row_counts


class DraftNotReady(InvalidInput):
    """The draft still has problems, or nothing in it: nothing was saved."""


def archive_text(report: ReportText) -> str:
    """The report as plain text: the title, then each numbered paragraph on its own line."""
    return "\n".join([report.title, *report.paragraphs]) + "\n"


def rows_for_store(prepared: Draft) -> dict[str, list[dict[str, str]]]:
    """Each table's new rows as text, leaving out empty cells (the store leaves them empty)."""
    rows = {}
    for table in TABLES:
        records = []
        for record in prepared.table(table).to_dict("records"):
            values = {column: cell(value) for column, value in record.items()}
            records.append({column: value for column, value in values.items() if value is not None})
        if records:
            rows[table] = records
    return rows


def describe(prepared: Draft) -> str:
    """What a save adds, in words, for the history."""
    source = prepared.report_source_id
    return (f"Report {source}: " if source else "Bulk import: ") + row_counts(prepared.row_counts)


def save_draft(store: DataStore, check: DraftCheck, *, expected: Snapshot, note: str | None = None,
               user: str | None = None, needs_review: bool = True) -> SaveResult:
    """Add the checked draft's rows and archive its report, as ``user`` (the local user by default);
    refused while any problem remains. The rows await review by someone else unless ``needs_review`` is
    False (one user on their own).

    Raises :class:`DraftNotReady`, or the store's errors (:class:`~border_atlas.store.StaleData`
    when the data changed since ``expected`` was taken, :class:`~border_atlas.store.StoreBusy`,
    :class:`~border_atlas.store.ArchiveConflict`), each with a message for the analyst.
    """
    if check.problems:
        raise DraftNotReady(f"Nothing was saved: the draft still has {count_label(len(check.problems), 'problem')}; "
                            f"the first: {check.problems[0]}")
    prepared = check.prepared
    rows = rows_for_store(prepared)
    if not rows:
        raise DraftNotReady("Nothing was saved: the draft has no rows.")
    source = prepared.report_source_id
    report = ArchivedReport(source, archive_text(prepared.report)) if source and prepared.report else None
    return store.save(rows=rows, expected=expected, report=report, note=note or describe(prepared), user=user,
                      needs_review=needs_review)
