"""Download buttons for every export; files are made only when a button is pressed."""

from __future__ import annotations

from datetime import date

import streamlit as st

from border_atlas.briefing import BriefingText
from border_atlas.chromium import INSTALL_HINT, chromium_path
from border_atlas.comparison import comparison_document
from border_atlas.exports import briefing_html_file, briefing_png, places_kml, records_csv, records_geojson
from border_atlas.selection import Selection


def file_stem() -> str:
    return f"border-atlas-{date.today().isoformat()}"


def show_exports(selection: Selection) -> None:
    text = BriefingText.from_state(selection.state)
    stem = file_stem()
    st.subheader("Export")
    st.caption("Every file carries each record's source, paragraphs and grade. Files are made when you click.")
    cols = st.columns(6)
    cols[0].download_button("CSV", lambda: records_csv(selection), f"{stem}.csv", "text/csv", on_click="ignore",
                            help="The records; safe to open in a spreadsheet (formulas neutralised).")
    cols[1].download_button("GeoJSON", lambda: records_geojson(selection), f"{stem}.geojson",
                            "application/geo+json", on_click="ignore", help="RFC 7946, one feature per record.")
    cols[2].download_button("KML", lambda: places_kml(selection), f"{stem}.kml",
                            "application/vnd.google-earth.kml+xml", on_click="ignore",
                            help="For Google Earth: one placemark per place shown.")
    cols[3].download_button("Briefing HTML", lambda: briefing_html_file(selection, text), f"{stem}.html",
                            "text/html", on_click="ignore", help="One self-contained file; opens offline.")
    cols[4].download_button("Before/after HTML",
                            lambda: comparison_document(selection.dataset, selection.state).encode("utf-8"),
                            f"{stem}-before-after.html", "text/html", on_click="ignore",
                            help="The era comparison as one self-contained file.")
    if chromium_path() is None:
        cols[5].download_button("Briefing PNG", b"", disabled=True, help=INSTALL_HINT)
        st.info(INSTALL_HINT)
    else:
        cols[5].download_button("Briefing PNG", lambda: briefing_png(selection, text), f"{stem}.png", "image/png",
                                on_click="ignore", help="1920×1080 at 2× pixel density (3840×2160), for a slide.")
