"""Saving a checked draft: rows added, the report archived as text, refused when stale, undone exactly."""

from __future__ import annotations

import threading

import pytest

from border_atlas.drafting import Draft, DraftNotReady, check_draft, frame_of, save_draft
from border_atlas.ingest import report_from_text
from border_atlas.loading.archive import archived_paragraphs, archived_reports, citation_problems
from border_atlas.loading.dataset import load_dataset
from border_atlas.readers import SqlTables
from border_atlas.store import StaleData

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


def exported(store, folder):
    store.export_folder(folder)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def check(store, draft):
    return check_draft(draft, SqlTables(store))


def test_a_save_adds_the_rows_archives_the_text_and_undo_restores_every_byte(store, tmp_path):
    before = exported(store, tmp_path / "before")
    result = save_draft(store, check(store, report_draft()), expected=store.snapshot(), user="ana")
    after = exported(store, tmp_path / "after")
    assert after["assignments.csv"].startswith(before["assignments.csv"])  # added after the rows: none changed
    assert after["sources.csv"].startswith(before["sources.csv"])
    assert after["reports/weekly-2024-04-02.txt"] == TEXT.encode("utf-8")  # the text, never rendered
    assert result.change.rows == {"sources": ("weekly-2024-04-02",), "assignments": ("mss-hyesan-2024",)}
    assert result.change.user == "ana"
    assert result.change.note == "Report weekly-2024-04-02: 1 source, 1 record"  # the history's note, in English
    loaded = load_dataset(SqlTables(store))
    assert loaded.problems == () and "mss-hyesan-2024" in set(loaded.assignments["id"])
    texts = {sid: archived_paragraphs(path) for sid, path in archived_reports(tmp_path / "after").items()}
    assert citation_problems(loaded, texts) == []
    store.undo(user="ana")
    assert exported(store, tmp_path / "undone") == before


def test_nothing_is_saved_while_a_problem_remains(store):
    draft = report_draft()
    draft = draft.replace(assignments=draft.assignments.assign(place_id="atlantis"))
    before = store.snapshot()
    with pytest.raises(DraftNotReady, match="new assignments, row 1, field 'place_id'"):
        save_draft(store, check(store, draft), expected=store.snapshot())
    assert store.snapshot() == before


def test_a_save_against_changed_data_is_refused_with_the_stores_message(store):
    seen = store.snapshot()
    save_draft(store, check(store, report_draft()), expected=seen, user="ana")
    other = check(store, report_draft("weekly-2024-04-03", "other-record"))
    with pytest.raises(StaleData, match=r"changed since it was read: assignments, reports, sources \(change 2 "
                                        r"\(save by ana"):
        save_draft(store, other, expected=seen, user="ben")


def test_two_sessions_saving_at_once_never_lose_a_row(store):
    """Each session read the data, then both save: one saves, the other is refused, both rows are never mixed."""
    seen = store.snapshot()
    checks = [check(store, report_draft(f"weekly-2024-04-0{n}", f"record-{n}")) for n in (1, 2)]
    outcomes: list = [None, None]
    start = threading.Barrier(2)

    def session(n: int) -> None:
        start.wait()
        try:
            outcomes[n] = save_draft(store, checks[n], expected=seen)
        except Exception as exc:  # StaleData expected for one; anything else fails the test below
            outcomes[n] = exc

    threads = [threading.Thread(target=session, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = [n for n in (0, 1) if not isinstance(outcomes[n], Exception)]
    refused = [n for n in (0, 1) if isinstance(outcomes[n], StaleData)]
    assert len(saved) == 1 and len(refused) == 1, outcomes
    assert "Nothing was saved; reload the data and try again." in str(outcomes[refused[0]])
    ids = set(load_dataset(SqlTables(store)).assignments["id"])
    assert f"record-{saved[0] + 1}" in ids and f"record-{refused[0] + 1}" not in ids
    # The refused session reads the data again and saves: both rows are then kept.
    again = check(store, report_draft(f"weekly-2024-04-0{refused[0] + 1}", f"record-{refused[0] + 1}"))
    save_draft(store, again, expected=store.snapshot())
    assert {"record-1", "record-2"} <= set(load_dataset(SqlTables(store)).assignments["id"])


def test_a_draft_checked_while_others_save_never_reports_a_false_problem(store):
    """Sessions save reports (each a source and a record citing it) while another checks a draft again and again
    against the tables read in one transaction: a check never meets a save half-way, so it never finds a record
    whose source it did not see. Every thread's failure fails the test."""
    errors: list = []
    done = threading.Event()

    # Each saver's draft is checked before the threads start: the savers only make saves land during the checks.
    drafts = {(n, k): check(store, report_draft(f"weekly-2024-05-{n}{k}", f"record-{n}-{k}"))
              for n in range(2) for k in range(3)}

    def saver(n: int) -> None:
        try:
            for k in range(3):
                while True:
                    try:
                        save_draft(store, drafts[n, k], expected=store.snapshot(), user=f"user-{n}")
                        break
                    except StaleData:
                        continue
        except Exception as error:
            errors.append((n, repr(error)))

    def checker() -> None:
        try:
            while not done.is_set():
                contents = store.contents()
                found = check_draft(report_draft("weekly-2024-06-01", "checked-record"), SqlTables(store, contents))
                if found.problems or found.dataset.problems:
                    errors.append(("check", [str(p) for p in (*found.problems, *found.dataset.problems)]))
        except Exception as error:
            errors.append(("check", repr(error)))

    savers = [threading.Thread(target=saver, args=(n,)) for n in range(2)]
    checking = threading.Thread(target=checker)
    checking.start()
    for thread in savers:
        thread.start()
    for thread in savers:
        thread.join()
    done.set()
    checking.join()
    assert errors == []
    loaded = load_dataset(SqlTables(store))
    assert loaded.problems == ()
    assert {f"record-{n}-{k}" for n in range(2) for k in range(3)} <= set(loaded.assignments["id"])
