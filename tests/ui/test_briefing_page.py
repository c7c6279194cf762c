"""The briefing switch, its URL parameter, and the export buttons, under AppTest."""

from __future__ import annotations

from apptest_helpers import plain, run_page


def iframe_html(at) -> str:
    frames = [el for el in at.main if type(el.proto).__name__ == "IFrame"]
    assert frames, "no briefing frame on the page"
    return frames[0].proto.srcdoc


def test_briefing_url_parameter_opens_the_briefing_view():
    at = run_page(query={"briefing": "1", "org": "office-39", "era": "pre-covid", "title": "Office 39 & co",
                         "banner": "UNCLASSIFIED"})
    assert not at.exception
    html = iframe_html(at)
    assert "<h1>Office 39 &amp; co</h1>" in html
    assert "Organisations: Office 39 (with their members) · Places: all · Era: Pre-COVID (until 2020-01-21)" in html
    assert html.count(">UNCLASSIFIED</div>") == 2
    assert "component/border_atlas.ui.offline.assets/leaflet/data/leaflet.js" in html
    assert not at.title  # the normal page title is not drawn in the briefing view


def test_briefing_switch_and_back():
    at = run_page()
    assert at.title and not [el for el in at.main if type(el.proto).__name__ == "IFrame"]
    at.sidebar.text_input(key="briefing_title").input("Hyesan, February 2018").run()
    at.sidebar.toggle(key="view_briefing").set_value(True).run()
    assert "Hyesan, February 2018" in iframe_html(at)
    assert at.query_params["briefing"] in ("1", ["1"])
    at.button[0].click().run()  # "Leave the briefing view"
    assert not at.exception and at.title
    assert "briefing" not in at.query_params


def test_export_buttons_are_offered():
    at = run_page()
    assert [b.proto.label for b in at.get("download_button")] == ["CSV", "GeoJSON", "KML"]
    made_on_click = [b.label for b in at.button if b.label.startswith("Make ")]
    assert made_on_click == ["Make Briefing HTML", "Make Before/after HTML", "Make Briefing PNG",
                             "Make Slide (PowerPoint)"]


def test_an_export_made_on_click_is_then_offered_as_a_file():
    at = run_page(query={"org": "mirim", "title": "Mirim at Samsu"})
    next(b for b in at.button if b.label == "Make Briefing HTML").click().run()
    assert not at.exception
    assert any("Briefing HTML ready" in status.label for status in at.status)
    html = next(b for b in at.get("download_button") if b.proto.label == "Briefing HTML")
    assert html.proto.url  # the file's bytes were handed over with the page, not left to a callable
    assert not html.proto.deferred_file_id


def test_png_button_explains_what_to_install_without_chromium(monkeypatch):
    monkeypatch.setenv("BORDER_ATLAS_CHROMIUM", "/nonexistent/chromium")
    at = run_page()
    png = next(b for b in at.button if b.label == "Briefing PNG")
    assert png.disabled and next(b for b in at.button if b.label == "Slide (PowerPoint)").disabled
    assert any("apt-get install chromium" in plain(info.value) for info in at.info)


def test_comparison_page_runs_and_follows_the_filters():
    at = run_page("pages/1_Before_and_after.py", query={"org": "mirim"})
    assert not at.exception
    html = iframe_html(at)
    assert "ba-marker ba-samsu" in html and "0 records" in html
    assert "<span>1 record</span>" in html and "1 records" not in html
    at.sidebar.multiselect(key="filter_orgs").set_value(["mss"]).run()
    html = iframe_html(at)
    assert "ba-marker ba-ryanggang" in html and "ba-marker ba-samsu" in html
