"""Who controlled what, in words: each organisation with the places and areas its records name.

Built from a selection (one era of the comparison), so that the list under a map says what the
map draws: the acting organisation of each record, its places with their counts, and the
citations those records rest on.

>>> from border_atlas import FilterState, load_dataset, select
>>> [mss] = control_summary(select(load_dataset(), FilterState(era="post-covid", orgs=("mss",), exact_orgs=True)))
>>> mss.organisation, [(p.name, p.count, p.area) for p in mss.places]
('Ministry of State Security', [('Ryanggang Province', 4, True)])
>>> mss.places_text, mss.citations
('Ryanggang Province (whole area: 4 records)', ['NK Insider, 2025-10-27, ¶ 3, 4, 5, 7'])
"""

from __future__ import annotations

from dataclasses import dataclass

from border_atlas.escaping import escape_markdown
from border_atlas.model import Record
from border_atlas.selection import Selection
from border_atlas.wording import citation, count_label

AREA_KINDS = {"province", "county"}  # places that stand for a whole area, not a point


@dataclass(frozen=True)
class PlaceCount:
    """One place an organisation's records name, and how many do."""

    name: str
    count: int
    area: bool  # a province or county: the records are about all of it
    contains: str | None = None  # the chosen places inside it, when it is there for containing them

    @property
    def text(self) -> str:
        """"Ryanggang Province (whole area: 4 records)", "Hyesan (all of it, containing Kangan: 2 records)",
        "Kangan (1 record)"."""
        what = f"all of it, containing {self.contains}: " if self.contains else ("whole area: " if self.area else "")
        return f"{self.name} ({what}{count_label(self.count)})"


@dataclass(frozen=True)
class OrganisationControl:
    """One organisation: where its records put it, how many, and the citations they rest on."""

    org_id: str
    organisation: str
    count: int
    places: list[PlaceCount]
    citations: list[str]

    @property
    def count_text(self) -> str:
        return count_label(self.count)

    @property
    def places_text(self) -> str:
        return "; ".join(place.text for place in self.places)


def control_summary(selection: Selection) -> list[OrganisationControl]:
    """The acting organisations of the selected records, most records first, each with its places
    (most records first) and its distinct citations (in the order of its records)."""
    kinds = dict(zip(selection.dataset.places["id"], selection.dataset.places["kind"]))
    contains = dict(zip(selection.places["id"], selection.places["contains"]))
    grouped: dict[str, list] = {}
    for record in selection.record_list:
        grouped.setdefault(record.org_id, []).append(record)
    summary = []
    for org_id, records in grouped.items():
        counts: dict[str, int] = {}
        for record in records:
            counts[record.place_id or ""] = counts.get(record.place_id or "", 0) + 1
        names = {r.place_id or "": r.place_name or r.place_id or "no place" for r in records}
        places = [PlaceCount(names[p], n, kinds.get(p) in AREA_KINDS, _text(contains.get(p)))
                  for p, n in sorted(counts.items(), key=lambda item: (-item[1], names[item[0]]))]
        citations = _citations(records)
        summary.append(OrganisationControl(org_id, records[0].org_name, len(records), places, citations))
    return sorted(summary, key=lambda item: (-item.count, item.organisation))


def _citations(records: list[Record]) -> list[str]:
    """One citation per report, its paragraphs merged: "NK Insider, 2025-10-27, ¶ 3, 4, 5, 7"."""
    paragraphs: dict[tuple, set[str]] = {}
    for record in records:
        cited = paragraphs.setdefault((record.source_outlet, record.source_published), set())
        cited.update(p.strip() for p in str(record.paragraphs or "").split(";") if p.strip())
    return [citation(outlet, published, ";".join(sorted(cited, key=lambda p: (len(p), p))))
            for (outlet, published), cited in paragraphs.items()]


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def control_markdown(summary: list[OrganisationControl]) -> str:
    """The summary as a Markdown list, every value escaped: "**MSS** — places · *citations*"."""
    if not summary:
        return escape_markdown("No record under these filters in this era.")
    return "\n".join(
        f"- **{escape_markdown(item.organisation)}** ({escape_markdown(item.count_text)}): "
        f"{escape_markdown(item.places_text)}  \n  *{escape_markdown('; '.join(item.citations))}*"
        for item in summary)
