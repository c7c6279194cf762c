"""Records and places as the renderers get them: None for every missing value, numbers as numbers."""

from __future__ import annotations

from datetime import date

import pandas as pd

from border_atlas.loading.model import Place, Record, places_of, records_of


def test_missing_and_blank_cells_become_none_and_numbers_stay_numbers():
    frame = pd.DataFrame({
        "id": ["a", "b"], "org_id": ["mss", "mss"], "org_name": ["MSS", "MSS"], "org_short": ["MSS", "MSS"],
        "role": ["crackdown", "crackdown"], "summary": ["x", "   "], "reported": ["2018-02-28", None],
        "source_id": ["s", "s"], "source_outlet": ["Daily NK", "Daily NK"], "paragraphs": ["2;8", "7"],
        "reliability": ["B", "B"], "credibility": pd.array([2, None], dtype="Int64"),
        "place_lat": [41.4, float("nan")], "place_lon": [128.2, None],
        "known_from": pd.to_datetime(["2018-02-01", None]),
        "partner_name": pd.array(["Mirim", pd.NA], dtype="string[pyarrow]"),
    })
    first, second = records_of(frame)
    assert first == Record(id="a", org_id="mss", org_name="MSS", org_short="MSS", role="crackdown", summary="x",
                           reported="2018-02-28", source_id="s", source_outlet="Daily NK", paragraphs="2;8",
                           reliability="B", credibility=2, place_lat=41.4, place_lon=128.2,
                           known_from=date(2018, 2, 1), partner_name="Mirim")
    assert (second.summary, second.reported, second.credibility, second.place_lat, second.place_lon,
            second.known_from, second.partner_name) == (None, None, 0, None, None, None, None)
    assert not second.has_position and first.has_position
    assert records_of(frame.iloc[:0]) == []


def test_places_carry_their_parent_name_and_a_count():
    frame = pd.DataFrame({"id": ["kangan", "hyesan"], "name": ["Kangan", "Hyesan"], "kind": ["neighbourhood", "city"],
                          "precision": ["parent", "point"], "lat": [41.39, 41.39], "lon": [128.18, 128.18],
                          "parent_id": ["hyesan", None]})
    kangan, hyesan = places_of(frame, parent_names={"hyesan": "Hyesan"})
    assert isinstance(kangan, Place) and kangan.parent_name == "Hyesan" and kangan.n_records == 0
    assert hyesan.parent_id is None and hyesan.parent_name is None and kangan.approximate
