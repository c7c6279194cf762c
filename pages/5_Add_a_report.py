"""Add a report: from a new article to cited, geocoded records on the map, with nothing lost."""

from __future__ import annotations

import streamlit as st

from border_atlas.drafting import draft_from_report
from border_atlas.team.roles import may_add
from border_atlas.ui.add_report import state
from border_atlas.ui.add_report.bring import bring_report, confirm_details, typed_date
from border_atlas.ui.add_report.bulk import bring_file
from border_atlas.ui.add_report.editors import edit_draft
from border_atlas.ui.add_report.recognised import recognition_of, show_recognised
from border_atlas.ui.add_report.review import review
from border_atlas.ui.add_report.saving import history_section, save_section
from border_atlas.ui.approval import sent_back_notice
from border_atlas.ui.data import get_dataset, show_problems
from border_atlas.ui.team import member, require, show_member
from border_atlas.ui.team_roles import roles_section

st.set_page_config(page_title="Add a report — Border Atlas", page_icon="🗺️", layout="wide")
who = member()
show_member(who)
require(who, may_add, title="Add a report", action="adding reports")
state.snapshot()  # taken before the data is read: a save against data changed since is refused, never lost
dataset = get_dataset()

st.title("Add a report")
st.caption("Bring a report, check what the app recognised, build its records (each citing the report and its "
           "paragraphs), check them with the data's own rules, see them on the map, and save. Every save can be "
           "undone.")
show_problems(dataset)
sent_back_notice(who.user)
mode = st.radio("What to add", [state.REPORT, state.BULK], horizontal=True, key="ar_mode",
                format_func={state.REPORT: "A report", state.BULK: "A file of records or places"}.get)

if mode == state.REPORT:
    report = bring_report()
    if report is not None:
        details = confirm_details(report)
        found = recognition_of(report, dataset, report_date=details.published if details else typed_date())
        if details is not None and found is not None:
            state.set_draft(state.REPORT, draft_from_report(found, dataset, details=details))
        if found is not None:
            show_recognised(found)
else:
    bring_file(dataset)

draft = state.draft(mode)
if draft is not None:
    check = review(mode, edit_draft(mode, draft, dataset), dataset)
    save_section(mode, check)
history_section()
roles_section(who)
