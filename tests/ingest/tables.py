"""The project's tables as rows, and where each report's archived text is."""

from __future__ import annotations

import re

from helpers import ROOT, read_rows


def table(name: str) -> list[dict[str, str]]:
    return read_rows(ROOT / "data" / f"{name}.csv")[1]


def report_files() -> dict[str, str]:
    """source id -> archived file name, from the locator column of sources.csv."""
    files = {}
    for row in table("sources"):
        found = re.search(r"sources/(\S+\.txt)", row["locator"])
        if row["kind"] == "report" and found:
            files[row["id"]] = found[1]
    return files


REPORT_IDS = sorted(report_files())


def cited(cell: str) -> list[int]:
    return [int(part) for part in cell.split(";") if part.strip()]
