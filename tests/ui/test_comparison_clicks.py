"""Before and after at scale: a click on a place of either era's compact map lists that era's records there."""

from __future__ import annotations

import pytest
from apptest_helpers import plain, run_page

from bench.synthetic import write_archive
from border_atlas import FilterState, load_dataset, select
from border_atlas.mapview.compact import dataset_token
from border_atlas.text.wording import count_label
from border_atlas.views.comparison import era_selections, era_summary
from border_atlas.views.tables import PAGE_SIZE

PAGE = "pages/1_Before_and_after.py"
CLICK = "ba-compare-click"  # the key of the page's click receiver, whose value the document's click sets


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return write_archive(tmp_path_factory.mktemp("compare"), n_records=6_000, n_places=120)


def document(at) -> str:
    return next(el for el in at.main if type(el.proto).__name__ == "IFrame").proto.srcdoc


def busiest(era) -> tuple[str, int]:
    counts = era.records["place_id"].value_counts()
    return counts.index[0], int(counts.iloc[0])


def test_a_click_on_the_after_map_lists_that_eras_records_at_the_place(archive, monkeypatch):
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(archive))
    dataset = load_dataset(archive)
    before, after = era_selections(select(dataset, FilterState()))
    place_id, count = busiest(after)
    assert count > PAGE_SIZE  # the list is paged
    name = dataset.places.set_index("id").loc[place_id, "name"]
    at = run_page(PAGE)
    assert not at.exception
    assert any("Click a place on either map" in c.value for c in at.caption)
    assert not at.dataframe and not any(plain(m.value).startswith(f"**{name}") for m in at.markdown)
    shown = document(at)

    row = dataset.places["id"].tolist().index(place_id)
    at.session_state[CLICK] = {"era": 1, "place": row, "dataset": dataset_token(dataset)}
    at.run()
    assert not at.exception
    title = era_summary(after).title
    assert plain(at.markdown[0].value) == f"**{name}**, {title}: {count_label(count)}"
    [table] = at.dataframe
    assert len(table.value) == PAGE_SIZE and set(table.value["Place"]) == {name}
    assert any(f"Records 1–{PAGE_SIZE} of {count:,}" in c.value for c in at.caption)
    # The same document is sent again: the frame is not reloaded and the maps keep the view the reader chose.
    assert document(at) == shown

    pager = next(n for n in at.number_input if n.key == "ba-place-page")
    pager.set_value(3).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == count - 2 * PAGE_SIZE


def test_the_before_map_lists_its_own_era_and_a_forged_click_lists_nothing(archive, monkeypatch):
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(archive))
    dataset = load_dataset(archive)
    before, after = era_selections(select(dataset, FilterState()))
    place_id, count = busiest(before)
    assert count != int((after.records["place_id"] == place_id).sum())
    row = dataset.places["id"].tolist().index(place_id)
    at = run_page(PAGE)
    at.session_state[CLICK] = {"era": 0, "place": row, "dataset": dataset_token(dataset)}
    at.run()
    assert plain(at.markdown[0].value).endswith(f", {era_summary(before).title}: {count_label(count)}")
    for forged in ({"era": 2, "place": row, "dataset": dataset_token(dataset)},
                   {"era": 0, "place": row, "dataset": "another-set"},
                   {"era": 0, "place": len(dataset.places), "dataset": dataset_token(dataset)},
                   {"era": "0", "place": str(row)}, "<script>", None):
        at.session_state[CLICK] = forged
        at.run()
        assert not at.exception and not at.dataframe, forged
        assert any("Click a place on either map" in c.value for c in at.caption)
