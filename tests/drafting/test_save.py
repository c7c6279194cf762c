"""Saving a checked draft: rows appended, the report archived as text, refused when stale, undone to the byte."""

from __future__ import annotations

import threading

import pytest

from border_atlas.archive import archived_paragraphs, archived_reports, citation_problems
from border_atlas.dataset import load_dataset
from border_atlas.drafting import Draft, DraftNotReady, check_draft, frame_of, save_draft
from border_atlas.ingest import report_from_text
from border_atlas.readers import CsvContents, CsvFolder
from border_atlas.store import DataStore, StaleData

TEXT = "Border notes\nThe MSS opened a post in Hyesan.\nIt was <b>closed</b> in 2024.\n"


def report_draft(source_id: str = "weekly-2024-04-02", record_id: str = "mss-hyesan-2024") -> Draft:
    report = report_from_text(TEXT)
    return Draft.empty(report=report).replace(
        sources=frame_of("sources", [{"id": source_id, "kind": "report", "outlet": "Weekly", "title": report.title,
                                      "published": "2024-04-02", "paragraphs": len(report.paragraphs)}]),
        assignments=frame_of("assignments", [{
            "id": record_id, "org_id": "mss", "role": "order", "place_id": "hyesan", "summary": "Set up a post.",
            "reported": "2024-04-02", "source_id": source_id, "paragraphs": "1;2", "reliability": "C",
            "credibility": "3"}]))


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and "journal" not in p.parts}


def test_a_save_appends_the_rows_archives_the_text_and_undo_restores_every_byte(data_copy):
    before = files(data_copy)
    store = DataStore(data_copy)
    result = save_draft(store, check_draft(report_draft(), CsvFolder(data_copy)), expected=store.snapshot())
    after = files(data_copy)
    assert after["assignments.csv"].startswith(before["assignments.csv"])  # appended: no old byte changed
    assert after["sources.csv"].startswith(before["sources.csv"])
    assert after["reports/weekly-2024-04-02.txt"] == TEXT.encode("utf-8")  # the text, never rendered
    assert result.entry.row_ids == {"sources": ("weekly-2024-04-02",), "assignments": ("mss-hyesan-2024",)}
    loaded = load_dataset(CsvFolder(data_copy))
    assert loaded.problems == () and "mss-hyesan-2024" in set(loaded.assignments["id"])
    texts = {sid: archived_paragraphs(path) for sid, path in archived_reports(data_copy).items()}
    assert citation_problems(loaded, texts) == []
    store.undo()
    assert files(data_copy) == before


def test_nothing_is_saved_while_a_problem_remains(data_copy):
    draft = report_draft()
    draft = draft.replace(assignments=draft.assignments.assign(place_id="atlantis"))
    store = DataStore(data_copy)
    before = files(data_copy)
    with pytest.raises(DraftNotReady, match="new assignments, row 1, field 'place_id'"):
        save_draft(store, check_draft(draft, CsvFolder(data_copy)), expected=store.snapshot())
    assert files(data_copy) == before


def test_a_save_against_changed_files_is_refused_with_the_stores_message(data_copy):
    store = DataStore(data_copy)
    seen = store.snapshot()
    save_draft(store, check_draft(report_draft(), CsvFolder(data_copy)), expected=seen)
    other = check_draft(report_draft("weekly-2024-04-03", "other-record"), CsvFolder(data_copy))
    with pytest.raises(StaleData, match="changed on disk since it was read: assignments.csv, reports/"):
        save_draft(store, other, expected=seen)


def test_two_sessions_saving_at_once_never_lose_a_row(data_copy):
    """Each session read the files, then both save: one saves, the other is refused, both rows are never mixed."""
    seen = DataStore(data_copy).snapshot()
    checks = [check_draft(report_draft(f"weekly-2024-04-0{n}", f"record-{n}"), CsvFolder(data_copy)) for n in (1, 2)]
    outcomes: list = [None, None]
    start = threading.Barrier(2)

    def session(n: int) -> None:
        start.wait()
        try:
            outcomes[n] = save_draft(DataStore(data_copy), checks[n], expected=seen)
        except StaleData as exc:
            outcomes[n] = exc

    threads = [threading.Thread(target=session, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = [n for n in (0, 1) if not isinstance(outcomes[n], StaleData)]
    refused = [n for n in (0, 1) if isinstance(outcomes[n], StaleData)]
    assert len(saved) == 1 and len(refused) == 1
    assert "Nothing was saved; reload the data and try again." in str(outcomes[refused[0]])
    ids = set(load_dataset(CsvFolder(data_copy)).assignments["id"])
    assert f"record-{saved[0] + 1}" in ids and f"record-{refused[0] + 1}" not in ids
    # The refused session reads the files again and saves: both rows are then kept.
    store = DataStore(data_copy)
    again = check_draft(report_draft(f"weekly-2024-04-0{refused[0] + 1}", f"record-{refused[0] + 1}"),
                        CsvFolder(data_copy))
    save_draft(store, again, expected=store.snapshot())
    assert {"record-1", "record-2"} <= set(load_dataset(CsvFolder(data_copy)).assignments["id"])


def test_sessions_that_each_read_before_saving_all_succeed(data_copy):
    errors = []

    def session(n: int) -> None:
        try:
            for _attempt in range(20):
                store = DataStore(data_copy, timeout=30)
                seen, tables = store.contents()
                check = check_draft(report_draft(f"weekly-2024-05-{n + 10}", f"record-{n}"),
                                    CsvContents(tables, label="data"))
                try:
                    save_draft(store, check, expected=seen)
                    return
                except StaleData:
                    continue  # another session saved between this one's read and save: read again
            errors.append((n, "stale 20 times"))
        except Exception as error:  # a thread's failure must fail the test, not vanish with the thread
            errors.append((n, repr(error)))

    threads = [threading.Thread(target=session, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    loaded = load_dataset(CsvFolder(data_copy))
    assert loaded.problems == ()
    assert {f"record-{n}" for n in range(4)} <= set(loaded.assignments["id"])
