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

import pandas as pd

from border_atlas.filters.selection import Selection
from border_atlas.filters.selection_cache import per_selection
from border_atlas.text.escaping import escape_markdown
from border_atlas.text.wording import citation, count_label

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
    others: tuple[int, int] = (0, 0)  # places not named, and their records


    @property
    def count_text(self) -> str:
        return count_label(self.count)

    @property
    def places_text(self) -> str:
        named = "; ".join(place.text for place in self.places)
        places, records = self.others
        return named + (f"; and {places:,} more places ({count_label(records)})" if places else "")


PLACES_NAMED = 12  # places named per organisation; the rest are counted ("and 988 more places: 4,321 records")


def _frame(selection: Selection) -> pd.DataFrame:
    """The columns the summary needs, one row per selected record, in date order."""
    columns = ("org_id", "org_name", "place_id", "place_name", "source_outlet", "source_published", "paragraphs")
    frame = pd.DataFrame({c: selection.column(c).astype("string") for c in columns})
    frame["place_name"] = frame["place_name"].fillna(frame["place_id"]).fillna("no place")
    frame["place_id"] = frame["place_id"].fillna("")
    frame["org_name"] = frame["org_name"].fillna(frame["org_id"])
    return frame


def control_summary(selection: Selection) -> list[OrganisationControl]:
    """The acting organisations of the selected records, most records first, each with its places
    (most records first; past PLACES_NAMED the rest counted) and its distinct citations (in the order of
    its records). Counted from the selection's columns, not record by record, once per selection."""
    return per_selection(selection, "control_summary", lambda: _summary(selection))


def _summary(selection: Selection) -> list[OrganisationControl]:
    kinds = dict(zip(selection.dataset.places["id"], selection.dataset.places["kind"]))
    contains = dict(zip(selection.places["id"], selection.places["contains"]))
    frame = _frame(selection)
    per_place = frame.groupby(["org_id", "place_id", "place_name"], sort=False).size().rename("n").reset_index()
    per_place = per_place.sort_values(["n", "place_name"], ascending=[False, True], kind="stable")
    names = dict(frame.drop_duplicates("org_id")[["org_id", "org_name"]].itertuples(index=False))
    citations = _citations(frame)
    summary = []
    for org_id, places in per_place.groupby("org_id", sort=False):
        named = places.head(PLACES_NAMED)
        counted = [PlaceCount(name, int(n), kinds.get(p) in AREA_KINDS, _text(contains.get(p)))
                   for p, name, n in zip(named["place_id"], named["place_name"], named["n"])]
        rest = places.iloc[PLACES_NAMED:]
        summary.append(OrganisationControl(org_id, names[org_id], int(places["n"].sum()), counted,
                                           citations.get(org_id, []), (len(rest), int(rest["n"].sum()))))
    return sorted(summary, key=lambda item: (-item.count, item.organisation))


def _citations(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Per organisation, one citation per report, its paragraphs merged: "NK Insider, 2025-10-27, ¶ 3, 4, 5, 7"
    (the reports in the order of its records)."""
    cited = frame.drop_duplicates(["org_id", "source_outlet", "source_published", "paragraphs"]).astype(object)
    grouped = cited.groupby(["org_id", "source_outlet", "source_published"], sort=False, dropna=False)["paragraphs"]
    found: dict[str, list[str]] = {}
    for (org_id, outlet, published), values in grouped:
        paragraphs = {p.strip() for value in values if isinstance(value, str) for p in value.split(";") if p.strip()}
        found.setdefault(org_id, []).append(citation(outlet if isinstance(outlet, str) else None,
                                                     published if isinstance(published, str) else None,
                                                     ";".join(sorted(paragraphs, key=lambda p: (len(p), p)))))
    return found


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
