"""Organisations: who is under whom, who ordered whom, who worked with whom, and a profile of each."""

from __future__ import annotations

import streamlit as st

from border_atlas import select
from border_atlas.text.escaping import escape_markdown, markdown
from border_atlas.text.wording import count_label
from border_atlas.ui.graph_panel import show_graph
from border_atlas.ui.map_panel import show_map
from border_atlas.ui.page import start_page
from border_atlas.ui.records_table import show_place_records, show_records
from border_atlas.views.org_graph import organisation_dot, shape_legend_dot
from border_atlas.views.org_graph_edges import drawn_caption, drawn_edges, graph_counts
from border_atlas.views.org_profile import organisation_profile, profile_choice, profile_filters

page = start_page(
    page="organisations",
    title="Organisations",
    help_text=(
        "The organisations in the records that match your filters. Grey arrows: an umbrella over its members "
        "(Office 39 over its companies). Dashed red: who gave the order. Coloured: a unit and the company it was "
        "told to work with, labelled with the place and year (with many edges, hover an edge for them; in a large "
        "selection only the busiest links are drawn, as the line above the graph says). Pick one below for its profile."
    ),
)
chosen = profile_choice(page.dataset, page.link.filters, st.session_state.get("profile_org"))
if chosen is None:
    st.warning("No organisation could be read from organisations.csv; see the data problems above.")
    st.stop()
st.session_state["profile_org"] = chosen
names = dict(zip(page.dataset.organisations["id"], page.dataset.organisations["name"]))
st.selectbox("Profile of", list(names), key="profile_org", format_func=names.get)

if page.selection.count == 0:
    st.info("No record matches these filters, so there is no graph to draw.")
else:
    drawn = drawn_edges(graph_counts(page.selection), chosen)
    show_graph(organisation_dot(page.selection, highlight=chosen, drawn=drawn), shape_legend_dot(page.selection),
               drawn_caption(drawn, names[chosen]))

profile = organisation_profile(page.dataset, chosen)
st.header(escape_markdown(profile.name))
own = select(page.dataset, profile_filters(page.link.filters, chosen))
left, right = st.columns([2, 3])
with left:
    st.dataframe(profile.facts, hide_index=True, width="stretch")
    if profile.note:
        st.caption(escape_markdown(profile.note))
    st.markdown("**Records by era** (in any role: acting, partner or ordering)")
    st.dataframe(profile.by_era, hide_index=True)
with right:
    st.markdown(markdown("**Where** ({count}, all eras)", count=count_label(own.count)))
    clicked = show_map(own, view=page.link.view, key="profile_map", height=380)
show_place_records(own, clicked)
show_records(own)
