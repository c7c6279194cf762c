"""The export panel of a large selection says what the HTML files hold, before and while one is made."""

from __future__ import annotations

from apptest_helpers import plain, run_page

from bench.synthetic import write_archive
from border_atlas import load_dataset


def test_the_panel_says_the_html_maps_show_places_and_counts(tmp_path, monkeypatch):
    folder = write_archive(tmp_path, n_records=3_000, n_places=300)
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(folder))
    places = load_dataset(folder).assignments["place_id"].nunique()
    at = run_page()
    assert not at.exception
    holds = f"3,000 records at {places:,} places; the map shows each place as a point"
    [caption] = [plain(c.value) for c in at.caption if c.value.startswith("The HTML files")]
    assert holds in caption and "every record is in the CSV export" in caption and "over 15 MB" in caption
    next(b for b in at.button if b.label == "Make Before/after HTML").click().run()
    assert not at.exception
    [status] = [s for s in at.status if "Before/after HTML ready" in s.label]
    said = " ".join(plain(m.value) for m in status.markdown)
    assert "Pre-COVID" in said and "Post-COVID" in said and "the maps show each place as a point" in said
    assert any(b.proto.label == "Before/after HTML" for b in at.get("download_button"))
