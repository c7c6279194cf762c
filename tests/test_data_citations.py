"""The data against its sources: cited paragraphs hold what the records say, nothing is copied.

The reports' texts are the two in ../shared/sources and every report archived in data/reports/
(each report added through the app is archived there), so citations of added reports are
checked against their own text too.
"""

from __future__ import annotations

import re

import pytest
from helpers import ROOT, SHARED_SOURCES

from border_atlas.loading.archive import archived_paragraphs, archived_reports, citation_problems
from border_atlas.loading.dataset import DATA_DIR, load_dataset
from border_atlas.readers import CsvFolder
from border_atlas.text.names import split_list

FILES = {"dailynk-2018-02-28": "000_0fe90757cfa603df.txt", "nkinsider-2025-10-27": "003_667500a42c227af6.txt"}

needs_sources = pytest.mark.skipif(not SHARED_SOURCES.exists(), reason="../shared/sources is not beside the project")


def paragraphs(source_id: str) -> list[str]:
    # The sources' README: paragraphs are the non-empty lines after the title, from 1.
    lines = (SHARED_SOURCES / FILES[source_id]).read_text(encoding="utf-8").splitlines()[1:]
    return [line for line in lines if line.strip()]


def cited_text(source_id: str, cited: str) -> str:
    paras = paragraphs(source_id)
    return " ".join(paras[int(n) - 1] for n in cited.split(";"))


def report_texts(folder) -> dict[str, list[str]]:
    """source id -> paragraphs, for the shared reports and every report archived in ``folder``/reports."""
    texts = {sid: paragraphs(sid) for sid in FILES} if SHARED_SOURCES.exists() else {}
    return texts | {sid: list(archived_paragraphs(path)) for sid, path in archived_reports(folder).items()}


def test_every_citation_fits_the_text_of_its_report(dataset):
    texts = report_texts(DATA_DIR)
    assert citation_problems(dataset, texts) == []
    cited = set(dataset.assignments["source_id"]) & set(dataset.sources.loc[dataset.sources["kind"] == "report", "id"])
    assert cited <= set(texts), "a report cited by a record has no text to check against"


def test_citations_of_an_added_report_are_checked_against_its_exported_text(database_url, tmp_path):
    from border_atlas.drafting import Draft, check_draft, frame_of, save_draft
    from border_atlas.ingest import report_from_text
    from border_atlas.readers import SqlTables
    from border_atlas.store import DataStore

    report = report_from_text("Notes\nThe MSS opened a post in Hyesan.\nIt closed it again.\n")
    draft = Draft.empty(report=report).replace(
        sources=frame_of("sources", [{"id": "weekly-2024", "kind": "report", "outlet": "Weekly", "title": "Notes",
                                      "published": "2024", "paragraphs": 2}]),
        assignments=frame_of("assignments", [{
            "id": "post-2024", "org_id": "mss", "role": "order", "place_id": "hyesan", "summary": "Opened a post.",
            "reported": "2024", "source_id": "weekly-2024", "paragraphs": "2", "reliability": "C",
            "credibility": "3"}]))
    store = DataStore(database_url)
    store.import_folder(DATA_DIR, user="setup")
    save_draft(store, check_draft(draft, SqlTables(store)), expected=store.snapshot())
    data_copy = tmp_path / "published"
    store.export_folder(data_copy)  # the published form: the citations are checked against its reports/
    store.close()
    added = load_dataset(CsvFolder(data_copy))
    assert "weekly-2024" in report_texts(data_copy) and citation_problems(added, report_texts(data_copy)) == []
    (data_copy / "reports" / "weekly-2024.txt").write_text("Notes\nThe MSS opened a post in Hyesan.\n")
    assert citation_problems(added, report_texts(data_copy)) == [
        "sources.csv, weekly-2024: says 2 paragraphs, but its archived text has 1",
        "assignments.csv, post-2024: cites paragraph 2 of weekly-2024, which has 1"]


@needs_sources
def test_paragraph_counts_match_the_files(dataset):
    for source_id in FILES:
        count = dataset.sources.set_index("id").loc[source_id, "paragraphs"]
        assert count == len(paragraphs(source_id))


@needs_sources
@pytest.mark.parametrize(
    ("record", "words"),
    [
        ("pairing-2018-hyetan", ["Hyetan", "Kumgang Office", "cars", "protection"]),
        ("pairing-2018-kangan", ["Kangan", "7.27"]),
        ("pairing-2018-samsu", ["Samsu", "Mirim Shipping Company"]),
        ("crackdown-25bde-yonbong", ["25th Brigade", "Yonbong"]),
        ("crackdown-10corps-samsu", ["10th Corps", "Samsu"]),
        ("customs-blocked-2018", ["Hyesan Customs Office", "blocked"]),
        ("mss-minister-dismissed", ["Kim Won Hong"]),
        ("mss-border-control-covid", ["sealed the border", "exclusive control"]),
        ("mss-over-social-security", ["Ministry of Social Security"]),
        ("mss-over-border-security-command", ["Border Security Command"]),
        ("holiday-approval-jagang", ["Jagang", "approval"]),
    ],
)
def test_cited_paragraphs_hold_the_record(dataset, record, words):
    row = dataset.assignments.set_index("id").loc[record]
    text = cited_text(row["source_id"], row["paragraphs"])
    for word in words:
        assert word in text, (record, word)


@needs_sources
@pytest.mark.parametrize(("figure", "words"), [("bribe-cars-pre-covid", ["8,000", "15,000", "yuan"]),
                                               ("bribe-cars-post-covid", ["25,000", "30,000"]),
                                               ("bribe-holiday-approval", ["USD 20,000"])])
def test_figures_are_in_their_paragraph(dataset, figure, words):
    row = dataset.figures.set_index("id").loc[figure]
    text = cited_text(row["source_id"], row["paragraphs"])
    for word in words:
        assert word in text


@needs_sources
def test_no_file_copies_ten_words_of_a_report():
    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9']+", text.lower())

    grams = set()
    for name in FILES.values():
        # The title line is left out: citing a report by its title is not copying it.
        title, body = (SHARED_SOURCES / name).read_text(encoding="utf-8").split("\n", 1)
        w = words("\n".join(line for line in body.splitlines() if title not in line))
        grams.update(" ".join(w[i:i + 10]) for i in range(len(w) - 9))
    # The tables and the README; archived texts in data/reports/ are the reports themselves.
    for path in [*ROOT.glob("data/*.csv"), ROOT / "README.md"]:
        if path.exists():
            w = words(path.read_text(encoding="utf-8"))
            copied = [" ".join(w[i:i + 10]) for i in range(len(w) - 9) if " ".join(w[i:i + 10]) in grams]
            assert not copied, (path.name, copied[:1])


def test_every_record_cites_a_paragraph_of_a_report(dataset):
    reports = set(dataset.sources.loc[dataset.sources["kind"] == "report", "id"])
    assert set(dataset.assignments["source_id"]) <= reports
    assert all(split_list(p.replace(";", ";")) for p in dataset.assignments["paragraphs"])
