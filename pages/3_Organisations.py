"""Organisations: who is under whom, who ordered whom, who worked with whom, and a profile of each."""

from __future__ import annotations

import streamlit as st

from border_atlas import select
from border_atlas.caption import count_label
from border_atlas.escaping import escape_markdown
from border_atlas.hierarchy import ancestors
from border_atlas.org_graph import assignments_by_era, organisation_dot
from border_atlas.text import split_list
from border_atlas.ui.map_panel import show_map
from border_atlas.ui.page import start_page
from border_atlas.ui.records_table import show_records

dataset, state, selection = start_page(
    page="organisations",
    title="Organisations",
    help_text=(
        "The organisations in the records that match your filters. Grey arrows: an umbrella over its members "
        "(Office 39 over its companies). Dashed red: who gave the order. Coloured: a unit and the company it was "
        "told to work with, labelled with the place and year. Pick one below for its profile."
    ),
)
orgs = dataset.organisations.set_index("id")

ids = list(orgs.index)
if not ids:
    st.warning("No organisation could be read from organisations.csv; see the data problems above.")
    st.stop()
default = state.orgs[0] if state.orgs else "mss"
if st.session_state.get("profile_org") not in ids:
    st.session_state["profile_org"] = default if default in ids else ids[0]
chosen = st.selectbox("Profile of", ids, key="profile_org", format_func=lambda i: orgs.loc[i, "name"])

if selection.records.empty:
    st.info("No record matches these filters, so there is no graph to draw.")
else:
    st.graphviz_chart(organisation_dot(selection, highlight=chosen), width="stretch")

row = orgs.loc[chosen]
st.header(escape_markdown(row["name"]))
umbrella = " › ".join(orgs.loc[a, "name"] for a in reversed(ancestors(chosen, dataset.organisations)))
facts = {
    "Korean name": row["name_ko"] if isinstance(row["name_ko"], str) else "—",
    "Also called": ", ".join(split_list(row["aliases"])) or "—",
    "Type": row["type"],
    "Under": umbrella or "—",
    "Sanctions status": {"reported": "designation reported, not confirmed", "confirmed": "confirmed"}.get(
        row["sanctions_status"], "none reported"),
    "Source": f"{dataset.sources.set_index('id')['outlet'].get(row['source_id'], row['source_id'])}, ¶ "
    f"{str(row['paragraphs']).replace(';', ', ') if isinstance(row['paragraphs'], str) else '—'}",
}
left, right = st.columns([2, 3])
with left:
    st.dataframe({"": list(facts.keys()), " ": list(facts.values())}, hide_index=True)
    if isinstance(row["note"], str):
        st.caption(escape_markdown(row["note"]))
    st.markdown("**Records by era** (in any role: acting, partner or ordering)")
    st.dataframe(assignments_by_era(dataset, chosen), hide_index=True)
with right:
    own = select(dataset, state.with_(orgs=(chosen,), exact_orgs=True, era=None, date_from=None, date_to=None))
    st.markdown(f"**Where** ({count_label(own.count)}, all eras)")
    show_map(own, key="profile_map", height=380)
show_records(own)
