"""The records table (AppTest): each record links to its History page by an address relative to the page, its
id percent-encoded, so that a hostile id opens its own history and nothing else, under any base path."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urljoin, urlsplit

from apptest_helpers import TIMEOUT
from streamlit.testing.v1 import AppTest

# Quotes, spaces, a parameter, a fragment, a path, a plus and non-ASCII (the loader refuses such ids; a
# table may still meet one, and its link must hold it whole).
HOSTILE = "Kö \"q\" 'x' a&record=other #frag /../Map?x+y 조선"
ENCODED = ("History?record=K%C3%B6%20%22q%22%20%27x%27%20a%26record%3Dother%20%23frag%20%2F..%2FMap%3Fx%2By"
           "%20%EC%A1%B0%EC%84%A0")


def records_with_id(record_id: str) -> None:
    """The map page's records table, over the bundled data with one record's id replaced by ``record_id``."""
    import dataclasses

    from border_atlas import FilterState, load_dataset, select
    from border_atlas.ui.records_table import show_records

    dataset = load_dataset()
    assignments = dataset.assignments.copy()
    assignments.loc[assignments["id"] == "mss-minister-dismissed", "id"] = record_id
    show_records(select(dataclasses.replace(dataset, assignments=assignments), FilterState()))


def test_the_history_column_links_each_record_by_a_relative_address_holding_its_id_whole():
    at = AppTest.from_function(records_with_id, args=(HOSTILE,), default_timeout=TIMEOUT).run()
    assert not at.exception
    (table,) = at.dataframe
    links = table.value["History"].tolist()
    assert len(links) == 21 and ENCODED in links
    assert all(link.startswith("History?record=") for link in links)
    assert parse_qs(urlsplit(ENCODED).query) == {"record": [HOSTILE]}  # one parameter, the id as it is
    assert urlsplit(ENCODED).fragment == ""
    for page in ("https://atlas.example/team/", "https://atlas.example/team/Sources?org=mss"):  # behind a proxy
        assert urljoin(page, ENCODED).startswith("https://atlas.example/team/History?record=K%C3%B6")
    column = json.loads(table.proto.columns)["History"]
    assert column["type_config"] == {"type": "link", "display_text": "History"}  # a word, not the address
