"""The standalone HTML files say what they hold, and a file over the size limit is refused with its size."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from bench.synthetic import write_archive
from border_atlas import FilterState, load_dataset, select
from border_atlas.exports.html_export import (
    MAX_HTML_BYTES,
    ExportTooLarge,
    briefing_html_file,
    comparison_html_file,
)
from border_atlas.filters.link import BriefingText
from border_atlas.views.comparison import era_selections, era_summary

TEXT = BriefingText(made_on=date(2026, 12, 6))


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    dataset = load_dataset(write_archive(tmp_path_factory.mktemp("holdings"), n_records=3_000, n_places=300))
    return select(dataset, FilterState())


def holds(document: bytes) -> str:
    """The file's own sentence about what it holds, as a reader sees it."""
    found = re.search(r'<div class="holds">(.*?)</div>', document.decode("utf-8"), flags=re.S)
    assert found, "the file does not say what it holds"
    return html.unescape(found.group(1))


def test_a_large_briefing_says_it_maps_places_and_where_the_records_are(large):
    records = large.dataset.assignments
    said = holds(briefing_html_file(large, TEXT))
    assert said.startswith(f"This file: {len(records):,} records at {records['place_id'].nunique():,} places; ")
    assert "each place as a point" in said and "not the records' text" in said
    assert said.endswith("every record is in the CSV export.")


def test_a_large_comparison_says_what_each_era_holds(large):
    said = holds(comparison_html_file(large, TEXT))
    for era in era_selections(large):
        places = era.records["place_id"].nunique()
        assert f"{era_summary(era).title}: {len(era.records):,} records at {places:,} places" in said
    assert "the maps show each place as a point" in said and "every record is in the CSV export" in said


def test_a_small_briefing_says_its_places_hold_their_records(dataset):
    selection = select(dataset, FilterState(orgs=("mirim",)))
    said = holds(briefing_html_file(selection, TEXT))
    places = selection.records["place_id"].nunique()
    assert said == (f"This file: {selection.count:,} record{'s' if selection.count != 1 else ''} at {places:,} "
                    f"place{'s' if places != 1 else ''}; click a place on the map for its records and their sources.")


@pytest.mark.parametrize(("build", "label"), [(briefing_html_file, "briefing HTML"),
                                              (comparison_html_file, "before/after HTML")])
def test_a_file_over_the_limit_is_refused_naming_its_size(large, build, label):
    size = len(build(large, TEXT))
    assert size < MAX_HTML_BYTES
    with pytest.raises(ExportTooLarge) as refused:
        build(large, TEXT, limit=size - 1)
    message = str(refused.value)
    assert message.startswith(f"The {label} would be {size / 1e6:,.1f} MB, over the ")
    assert "Narrow the filters" in message and "the CSV export holds every record" in message
    assert len(build(large, TEXT, limit=size)) == size  # at the limit, made


def reading_notes(document: bytes) -> str:
    found = re.search(r"<h2>Reading the map</h2>(.*?)</aside>", document.decode("utf-8"), flags=re.S)
    assert found, "the briefing has no notes on reading the map"
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(1)))


def test_the_notes_on_reading_the_map_describe_the_map_drawn(large):
    compact = reading_notes(briefing_html_file(large, TEXT))
    assert "a point coloured by its main organisation" in compact
    assert "Each place lists who was assigned there" not in compact
    small = select(load_dataset(), FilterState())
    detailed = reading_notes(briefing_html_file(small, TEXT))
    assert "Each place lists who was assigned there" in detailed
    assert "main organisation" not in detailed
