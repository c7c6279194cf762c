"""A separate process that saves reports into one database: ``python saver.py URL TAG COUNT``.

Each save reads the data, then saves; when another process saved in between, it reads again.
"""

from __future__ import annotations

import sys

from border_atlas.store import DataStore, StaleData
from tests.store.store_helpers import report_rows


def main(url: str, tag: str, count: int) -> None:
    store = DataStore(url)
    for n in range(count):
        for _attempt in range(200):
            try:
                store.save(rows=report_rows(f"{tag}{n}"), expected=store.snapshot(), user=f"user-{tag}")
                break
            except StaleData:
                continue
        else:
            raise SystemExit(f"{tag}{n}: stale 200 times")
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
