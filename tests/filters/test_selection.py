"""select(): records joined with names, the places to draw, and numbered source notes."""

from __future__ import annotations

from border_atlas import FilterState, select


def test_selection_joins_names_places_and_sources(dataset):
    sel = select(dataset, FilterState(orgs=("mirim",), exact_orgs=True))
    [row] = sel.records.to_dict("records")
    assert row["org_name"] == "Border units in Samsu"
    assert row["partner_name"] == "Mirim Shipping Company"
    assert row["ordered_by_name"] == "Ministry of State Security"
    assert row["place_name"] == "Samsu County"
    assert row["source_outlet"] == "Daily NK (English)"
    assert row["grade"] == "C3"
    assert list(sel.places["id"]) == ["samsu"]
    assert list(sel.sources["note_number"]) == [1]


def test_landmarks_are_places_no_record_names(dataset):
    sel = select(dataset, FilterState())
    assert set(sel.landmarks["id"]) == {"hyesan-dong", "changbai", "changbai-hyesan-bridge"}
    assert not sel.landmarks["context"].any()


def test_a_place_drawn_at_its_parent_brings_the_parent_for_context(dataset):
    sel = select(dataset, FilterState(places=("kangan",), containing=False))
    assert list(sel.landmarks.loc[sel.landmarks["context"], "id"]) == ["hyesan"]
    # With the areas containing Kangan, Hyesan is drawn with its own records instead.
    sel = select(dataset, FilterState(places=("kangan",)))
    assert "hyesan" in set(sel.places["id"]) and not sel.landmarks["context"].any()


def test_the_record_model_has_no_missing_values_to_guard(dataset):
    for record in select(dataset, FilterState()).record_list:
        for value in vars(record).values():
            assert value is None or value == value  # never NaN
    [record] = select(dataset, FilterState(orgs=("mss",), era="pre-covid", roles=("leadership",))).record_list
    assert record.citation == "Daily NK (English), 2018-02-28, ¶ 7"
    assert record.full_citation.endswith(", 2018-02-28, paragraph 7")
    assert record.period == "2017-01" and record.grade == "C2" and record.date_precision == "month"


def test_date_sources_are_cited_too(dataset):
    sel = select(dataset, FilterState(era="post-covid"))
    assert list(sel.sources["id"]) == ["nkinsider-2025-10-27", "kyodo-2020-01-22"]


def test_empty_selection_is_valid(dataset):
    sel = select(dataset, FilterState(orgs=("mirim",), era="post-covid"))
    assert sel.count == 0 and sel.places.empty and sel.sources.empty
