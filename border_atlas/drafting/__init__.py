"""Drafting new rows: from a report (or a file of records or placemarks) to checked rows ready to save.

A :class:`Draft` holds the new rows; :func:`draft_from_report` proposes them from what a report
names; :func:`check_draft` validates them with the very rules the app loads data with, naming
each problem by the draft's own table, row and field; :func:`save_draft` hands them to the store.
Nothing here draws a widget or touches the network.
"""

from border_atlas.drafting.check import AppendedReader, DraftCheck, check_draft
from border_atlas.drafting.prepare import DraftProblem, prepare
from border_atlas.drafting.report_draft import SourceDetails, draft_from_report
from border_atlas.drafting.save import DraftNotReady, archive_text, rows_for_store, save_draft
from border_atlas.drafting.tables import LABELS, TABLES, Draft, frame_of

__all__ = ["LABELS", "TABLES", "AppendedReader", "Draft", "DraftCheck", "DraftNotReady", "DraftProblem",
           "SourceDetails", "archive_text", "check_draft", "draft_from_report", "frame_of", "prepare",
           "rows_for_store", "save_draft"]
