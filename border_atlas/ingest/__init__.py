"""Adding a report: read it into numbered paragraphs, then recognise what it names.

>>> from border_atlas.ingest import report_from_text, recognise
>>> report = report_from_text("A title\\nThe MSS paid USD 20,000 in late 2024.")
>>> found = recognise(report, organisations=[{"id": "mss", "name": "Ministry of State Security",
...                                            "short_name": "MSS"}])
>>> [(a.minimum, a.currency) for a in found.paragraph(1).amounts]
[(20000, 'USD')]
"""

from border_atlas.ingest.amounts import Amount, find_amounts
from border_atlas.ingest.dates import DateMention, find_dates
from border_atlas.ingest.documents import MAX_BYTES, ReportText, read_report, report_from_text
from border_atlas.ingest.errors import IngestError
from border_atlas.ingest.highlight import render_highlights
from border_atlas.ingest.new_organisations import propose_organisations
from border_atlas.ingest.new_places import PlaceProposal, propose_places
from border_atlas.ingest.organisations import OrganisationIndex, OrganisationMention, load_aliases
from border_atlas.ingest.places import FoundPlace, PlaceChoice, gazetteer_place_finder
from border_atlas.ingest.recognise import ParagraphFindings, Recognition, recognise
from border_atlas.ingest.unnamed_bodies import propose_unnamed_bodies

__all__ = [
    "MAX_BYTES",
    "Amount",
    "DateMention",
    "FoundPlace",
    "IngestError",
    "OrganisationIndex",
    "OrganisationMention",
    "ParagraphFindings",
    "PlaceChoice",
    "PlaceProposal",
    "Recognition",
    "ReportText",
    "find_amounts",
    "find_dates",
    "gazetteer_place_finder",
    "load_aliases",
    "propose_organisations",
    "propose_places",
    "propose_unnamed_bodies",
    "read_report",
    "recognise",
    "render_highlights",
    "report_from_text",
]
