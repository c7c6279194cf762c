"""The tables the pages show, as plain DataFrames: records, reports with their records, reference works."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

import numpy as np
import pandas as pd

from border_atlas.filters.selection import Selection
from border_atlas.loading.dataset import Dataset
from border_atlas.loading.model import Record
from border_atlas.text.escaping import esc
from border_atlas.text.wording import area_note, count_label, text

PAGE_SIZE = 500  # rows sent to the browser at once: a page of 500 is about 140 KB, 100,000 records 27 MB
HISTORY = "History"  # the History page's address, relative to the app's, and the column linking to it
RECORD_COLUMNS = ["Place", "Organisation", "Role", "With", "Ordered by", "What", "When", "Source", "Grade", HISTORY]


def history_link(kind: str, ident: str) -> str:
    """The History page of a record or a report (``kind`` "record" or "report"), as a link relative to the page
    it is on, so that it keeps the app's base path behind a proxy. The id is percent-encoded whole: an id read
    from a file cannot add a parameter, a fragment or a path.

    >>> history_link("record", "a&b=c #d/é"), history_link("report", "dailynk-2018-02-28")
    ('History?record=a%26b%3Dc%20%23d%2F%C3%A9', 'History?report=dailynk-2018-02-28')
    """
    return f"{HISTORY}?{kind}={quote(ident, safe='')}"


def records_table(records: Iterable[Record]) -> pd.DataFrame:
    """One row per record, in words, with its citation and grade.

    >>> from border_atlas import FilterState, load_dataset, select
    >>> records_table(select(load_dataset(), FilterState(orgs=("mirim",))).record_list)["Source"].tolist()
    ['Daily NK (English), 2018-02-28, ¶ 2, 8, 9']
    """
    rows = [[_place_cell(r), r.org_name, r.role, r.partner_name, r.ordered_by_name, r.summary, r.period, r.citation,
             r.grade, history_link("record", r.id)] for r in records]
    return pd.DataFrame(rows, columns=RECORD_COLUMNS).fillna("")


def _place_cell(record: Record) -> str | None:
    """The place, and for a record about an area containing the chosen place, that it applies to all of it."""
    if record.about_containing_area:
        return f"{record.place_name or record.place_id} ({area_note('it')})"
    return record.place_name


@dataclass(frozen=True)
class RecordsPage:
    """One page of a records table: its rows, and where they sit among all ``total``."""

    number: int  # from 1
    pages: int
    first: int  # the first row's number among all, from 1 (0 when there is none)
    last: int
    total: int
    table: pd.DataFrame

    @property
    def range_text(self) -> str:
        """"Records 501–1,000 of 100,000"."""
        return f"Records {self.first:,}–{self.last:,} of {self.total:,}"


def page_count(total: int, *, size: int = PAGE_SIZE) -> int:
    """How many pages ``total`` rows take, ``size`` to a page (one, empty, for none).

    >>> page_count(1234), page_count(500), page_count(0)
    (3, 1, 1)
    """
    if size < 1:
        raise ValueError(f"size must be at least 1, not {size}")
    return max(1, -(-total // size))


def records_page(selection: Selection, positions: np.ndarray | None = None, *, page: int = 1,
                 size: int = PAGE_SIZE) -> RecordsPage:
    """Page ``page`` of the selected records (or of those at ``positions``), ``size`` rows to a page, in date order.

    Only that page's records are built, so a page of 100,000 records costs what a page of 500 does.
    A page number past the end gives the last page.

    >>> from border_atlas import FilterState, load_dataset, select
    >>> part = records_page(select(load_dataset(), FilterState()), page=2, size=5)
    >>> part.range_text, len(part.table), part.pages
    ('Records 6–10 of 21', 5, 5)
    """
    positions = np.arange(selection.count) if positions is None else np.asarray(positions)
    total = len(positions)
    pages = page_count(total, size=size)
    number = min(max(1, page), pages)
    start = (number - 1) * size
    chosen = positions[start:start + size]
    return RecordsPage(number, pages, start + 1 if total else 0, start + len(chosen), total,
                       records_table(selection.records_at(chosen)))


@dataclass(frozen=True)
class ReportSection:
    """A report on the Sources page: its heading, where to find it, and where its selected records are.

    ``positions`` (as :meth:`Selection.records_at` takes them, in date order) locate the records
    without building them: the page builds one page of them at a time (:func:`records_page`).
    """

    source_id: str
    heading: str
    caption: str
    positions: np.ndarray

    @property
    def count(self) -> int:
        return len(self.positions)


def report_sections(selection: Selection) -> list[ReportSection]:
    """Every report in the data, with the positions of the selected records that cite it (counted from the
    source column at once, not record by record)."""
    source_ids = selection.column("source_id").astype("string").fillna("").to_numpy()
    order = np.argsort(source_ids, kind="stable")  # positions grouped by report, each group in date order
    ids, starts = np.unique(source_ids[order], return_index=True)
    groups = dict(zip(ids.tolist(), np.split(order, starts[1:]))) if len(order) else {}
    sections = []
    for row in selection.dataset.sources[selection.dataset.sources["kind"] == "report"].to_dict("records"):
        mine = groups.get(row["id"], np.array([], dtype=np.int64))
        heading = f"{row['outlet']} — {row['title']} ({text(row['published']) or 'undated'}) · {count_label(len(mine))}"
        caption = ". ".join(p for p in (text(row["locator"]), text(row["note"])) if p)
        sections.append(ReportSection(row["id"], heading, caption, mine))
    return sections


USES_NAMED = 12  # uses named per reference work and kind; the rest are counted


def _named_uses(kind: str, names: list[str]) -> str:
    """"position of Hyesan, Kangan" or, past USES_NAMED, "position of A, B, … and 9,988 more"."""
    shown = ", ".join(names[:USES_NAMED])
    return f"{kind} {shown}" + (f" and {len(names) - USES_NAMED:,} more" if len(names) > USES_NAMED else "")


def reference_uses(dataset: Dataset) -> pd.DataFrame:
    """Reference works and what each supports: positions, dates, events (a few named, the rest counted)."""
    refs = dataset.sources[dataset.sources["kind"] == "reference"]
    uses: dict[str, dict[str, list[str]]] = {ident: {} for ident in refs["id"]}
    dated = dataset.assignments.dropna(subset=["date_source_id"])
    for kind, idents, names in (("position of", dataset.places["coord_source_id"], dataset.places["name"]),
                                ("date of", dated["date_source_id"], dated["id"]),
                                ("event:", dataset.events["source_id"], dataset.events["label"])):
        for ident, group in pd.DataFrame({"ident": idents, "name": names}).groupby("ident", sort=False):
            uses.setdefault(ident, {})[kind] = group["name"].astype(str).tolist()
    return pd.DataFrame([{"source": row["outlet"], "title": row["title"], "date": text(row["published"]) or "",
                          "supports": "; ".join(_named_uses(k, n) for k, n in uses.get(row["id"], {}).items()) or "—",
                          "note": text(row["note"]) or ""}
                         for row in refs.to_dict("records")], columns=["source", "title", "date", "supports", "note"])


def records_html(table: pd.DataFrame, *, note: str = "") -> str:
    """A records table as escaped HTML, for print (a data grid prints only the rows on screen), under ``note``;
    without the History links, which paper cannot follow."""
    table = table.drop(columns=[HISTORY], errors="ignore")
    head = "".join(f"<th>{esc(c)}</th>" for c in table.columns)
    rows = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>" for row in table.values.tolist())
    caption = f"<caption>{esc(note)}</caption>" if note else ""
    return f'<table class="ba-print-table">{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
