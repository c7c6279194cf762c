"""Legends, summaries and notes of a large selection come from its columns: no Record per selected record."""

from __future__ import annotations

import numpy as np
import pytest

from bench.synthetic import write_archive
from border_atlas import FilterState, load_dataset, select
from border_atlas.mapview import MapOptions, legend_html
from border_atlas.mapview.compact import COMPACT, map_mode
from border_atlas.views.briefing import NOTE_LINES, briefing_legend_html, record_citations, source_notes
from border_atlas.views.comparison import era_selections
from border_atlas.views.control_summary import PLACES_NAMED, control_summary


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    return load_dataset(write_archive(tmp_path_factory.mktemp("paths"), n_records=3_000, n_places=300))


def built_records(selection) -> bool:
    """Whether the selection made one Record per selected record (its cached ``record_list``)."""
    return "record_list" in selection.__dict__


def test_the_legends_come_from_what_the_compact_map_draws(large):
    options = MapOptions(legend=False, layer_control=False)
    selection = select(large, FilterState(orgs=("office-39",)))
    assert map_mode(selection, options=options) == COMPACT
    legend = briefing_legend_html(selection, options)
    assert "larger with more records" in legend and "Kumgang Office" in legend
    assert "Office 39, drawn as its members" in legend  # the umbrella chosen is named
    before, after = era_selections(selection)
    both = legend_html(before, after, options=options)
    assert both.count("<h4>Organisations</h4>") == 1
    assert not any(built_records(s) for s in (selection, before, after))


def test_who_controlled_what_counts_every_record_and_names_the_busiest_places(large):
    selection = select(large, FilterState(era="pre-covid"))
    summary = control_summary(selection)
    records = selection.records
    assert not built_records(selection)
    assert {item.org_id: item.count for item in summary} == records["org_id"].value_counts().to_dict()
    for item in summary:
        per_place = records.loc[records["org_id"] == item.org_id, "place_name"].value_counts()
        assert [p.count for p in item.places] == per_place.head(PLACES_NAMED).tolist()
        if len(per_place) > PLACES_NAMED:
            assert item.places_text.endswith(f"and {len(per_place) - PLACES_NAMED:,} more places "
                                             f"({per_place.iloc[PLACES_NAMED:].sum():,} records)")


def test_source_notes_cite_every_paragraph_the_records_cite(large):
    selection = select(large, FilterState())
    notes = source_notes(selection)
    assert not built_records(selection)
    for source_id, paragraphs in selection.records.groupby("source_id")["paragraphs"]:
        cited = sorted({int(p) for value in paragraphs for p in value.split(";")})
        number = selection.sources.set_index("id").loc[source_id, "note_number"]
        listed = ", ".join(map(str, cited[:-1])) + f" and {cited[-1]}" if len(cited) > 1 else str(cited[0])
        assert notes[number - 1].endswith(f"paragraph{'s' if len(cited) > 1 else ''} {listed}")


def test_speaker_notes_name_a_page_of_records_and_count_the_rest(large):
    selection = select(large, FilterState())
    lines = record_citations(selection)
    assert not built_records(selection)
    assert len(lines) == NOTE_LINES + 1 and lines[-1] == (f"… and {selection.count - NOTE_LINES:,} more records: "
                                                          "the CSV export lists every one.")
    first = selection.records_at(np.arange(NOTE_LINES))
    assert all(line.endswith(f"[record {record.id}]") for line, record in zip(lines, first))
