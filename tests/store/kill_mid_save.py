"""A process killed in the middle of a save: ``python kill_mid_save.py URL``.

It writes a save's rows inside the store's write transaction, says "written" and waits to be killed
(kill -9) before it can commit.
"""

from __future__ import annotations

import sys
import time

from border_atlas.store import DataStore, history, rows
from border_atlas.store.history import RowChange
from tests.store.store_helpers import report_rows


def main(url: str) -> None:
    store = DataStore(url)
    with store.writing() as connection:
        changes = [RowChange(table, row["id"], None, rows.clean_row(table, row, where=table))
                   for table, new in report_rows("killed").items() for row in new]
        rows.apply(connection, changes)
        history.record(connection, kind="save", user="killed", note="never committed", source_id=None, rows=changes)
        print("written", flush=True)
        time.sleep(600)


if __name__ == "__main__":
    main(sys.argv[1])
