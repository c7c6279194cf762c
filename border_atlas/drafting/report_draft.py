"""A draft from a recognised report: its source row, and the places, organisations and records it names.

>>> from border_atlas import load_dataset
>>> from border_atlas.ingest import recognise, report_from_text
>>> dataset = load_dataset()
>>> report = report_from_text("Border notes\\nThe MSS told units in Hyetan to work with the Kumgang Office.")
>>> details = SourceDetails(outlet="Example Weekly", title=report.title, published="2024-05-02")
>>> draft = draft_from_report(recognise(report, organisations=dataset.organisations), dataset, details=details)
>>> draft.sources.loc[0, ["id", "kind", "paragraphs"]].tolist()
['exampleweekly-2024-05-02', 'report', 1]
>>> draft.assignments.loc[0, ["org_id", "place_id", "partner_org_id", "role", "reported", "reliability"]].tolist()
['units-hyetan', 'hyetan', 'kumgang-office', 'smuggling cooperation', '2024-05-02', 'C']
"""

from __future__ import annotations

from dataclasses import dataclass

from border_atlas.drafting.entities import collect_entities
from border_atlas.drafting.ids import source_id_for, unique_id
from border_atlas.drafting.parents import give_provinces
from border_atlas.drafting.place_rows import GEONAMES_SOURCE, GEONAMES_SOURCE_ROW
from border_atlas.drafting.records import propose_assignments
from border_atlas.drafting.tables import Draft, frame_of
from border_atlas.ingest.documents import ReportText
from border_atlas.ingest.recognise import Recognition
from border_atlas.loading.dataset import Dataset


@dataclass(frozen=True)
class SourceDetails:
    """What the analyst confirms about a report before its records are proposed."""

    outlet: str
    title: str
    published: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    locator: str | None = None
    note: str | None = None

    @classmethod
    def prefilled(cls, report: ReportText) -> SourceDetails:
        """The values the file gave. Where each came from is for the page to say, not a note: the note is saved."""
        locator = None if report.kind == "pasted" else report.locator
        return cls(outlet=report.outlet or "", title=report.title, published=report.date, locator=locator)


def source_row(details: SourceDetails, report: ReportText, *, taken) -> dict:
    """The report's row of the sources table: its id made from outlet and date."""
    return {"id": unique_id(source_id_for(details.outlet, details.published), set(taken)), "kind": "report",
            "outlet": details.outlet, "title": details.title, "published": details.published,
            "paragraphs": len(report.paragraphs), "locator": details.locator, "note": details.note,
            "found": "the report"}


def draft_from_report(recognition: Recognition, dataset: Dataset, *, details: SourceDetails) -> Draft:
    """The report's source row, new places and organisations, and the records its sentences suggest."""
    source = source_row(details, recognition.report, taken=dataset.sources["id"].dropna())
    entities = collect_entities(recognition, places=dataset.places, organisations=dataset.organisations,
                                source_id=source["id"])
    give_provinces(entities.places, entities.paragraphs, dataset.places)
    sources = [source]
    uses_geonames = any(row.get("coord_source_id") == GEONAMES_SOURCE for row in entities.places)
    if uses_geonames and GEONAMES_SOURCE not in set(dataset.sources["id"]):
        sources.append({**GEONAMES_SOURCE_ROW, "found": "the coordinates of places from the reference gazetteer"})
    records = propose_assignments(entities.paragraphs, source_id=source["id"], reported=details.published,
                                  taken=dataset.assignments["id"].dropna())
    return Draft(sources=frame_of("sources", sources), places=frame_of("places", entities.places),
                 organisations=frame_of("organisations", entities.organisations),
                 assignments=frame_of("assignments", records), report=recognition.report)
