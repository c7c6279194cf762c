"""The Sources page of a large selection: one page of records per report, tables bounded, counts in full."""

from __future__ import annotations

from apptest_helpers import plain, run_page

from bench.synthetic import write_archive
from border_atlas import load_dataset
from border_atlas.views.quality import PLACES_LISTED
from border_atlas.views.tables import PAGE_SIZE


def test_each_report_sends_one_page_of_its_records(tmp_path, monkeypatch):
    folder = write_archive(tmp_path, n_records=2 * PAGE_SIZE + 700, n_places=PLACES_LISTED + 100)
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(folder))
    records = load_dataset(folder).assignments
    per_report = records["source_id"].value_counts()
    at = run_page("pages/4_Sources.py")
    assert not at.exception
    shown = set()
    for frame in (d.value for d in at.dataframe):
        assert len(frame) <= max(PAGE_SIZE, PLACES_LISTED)
        if "What" in frame.columns:
            shown |= set(frame["What"])
    # Record text reaches the page for one page of each report, no more.
    assert shown <= set(records["summary"])
    assert len(shown) == sum(min(PAGE_SIZE, n) for n in per_report)
    labels = [plain(e.label) for e in at.expander]
    for source_id, count in per_report.items():
        assert any(f"{count:,} records" in label for label in labels), source_id
    supports = at.dataframe[-1].value["supports"]
    assert "more" in " ".join(supports) and supports.str.len().max() < 1_500  # places counted, not all listed
    # The next page of the first report is built when asked for.
    pager = next(n for n in at.number_input if n.key.startswith("ba-source-"))
    pager.set_value(2).run()
    assert not at.exception
    assert not shown & {v for d in at.dataframe if "What" in d.value.columns for v in d.value["What"]
                        if v not in shown} and any("Records 501–" in c.value for c in at.caption)
