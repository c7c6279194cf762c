"""The data-quality panel counted from columns agrees with the records one by one, and stays bounded."""

from __future__ import annotations

from collections import Counter

from bench.synthetic import write_archive
from border_atlas import FilterState, load_dataset, select
from border_atlas.views.quality import approximate_locations, date_precision, unverified_claims


def test_counts_agree_with_the_records(tmp_path):
    dataset = load_dataset(write_archive(tmp_path, n_records=3_000, n_places=300))
    selection = select(dataset, FilterState(era="pre-covid"))
    records = selection.record_list
    by_precision = date_precision(selection).set_index("dated to")["records"].to_dict()
    assert by_precision == {k: Counter(r.date_precision for r in records).get(k, 0) for k in by_precision}
    assert min(by_precision.values()) > 0  # the synthetic dates come in every precision
    approximate = approximate_locations(selection, limit=25)
    expected = Counter(r.place_name for r in records if r.place_precision != "point")
    assert len(approximate) == 25 and approximate.attrs["places"] == len(expected)
    assert approximate["records"].tolist() == sorted(expected.values(), reverse=True)[:25]
    weak = sum(r.credibility >= 3 for r in records)
    assert unverified_claims(dataset, selection)["claim"].iloc[-1] == f"{weak:,} of {len(records):,} records graded " \
                                                                      "credibility 3 or worse"
