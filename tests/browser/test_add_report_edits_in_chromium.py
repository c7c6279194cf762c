"""Every edit typed into the add-report grids reaches the saved rows, at typing speed.

Streamlit's grid sends an edit 150 ms after it is made and then reruns the page: a click within
that time ran without the edit (the save wrote the drafted value), and a rerun redrawing the grid
within it dropped the edit. Here a new place gets its parent (beside a place from GeoNames, with a
coordinate), cells are edited with real key presses one after the other, the last two followed at
once by a click on "Save", and the rows saved in the app's database are read back.
"""

from __future__ import annotations

import shutil

import pytest
from browser_helpers import artifact, start_app, stop_app
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from border_atlas.loading.dataset import DATA_DIR
from border_atlas.store import DataStore
from border_atlas.store.engine import default_url

pytestmark = pytest.mark.browser
# A made-up report: Kapsan comes from GeoNames with a coordinate; Haebit-dong (a name no gazetteer knows)
# is added by name, its position unknown.
REPORT = ("Border notes\nThe MSS opened an office in Kapsan in March 2024.\n"
          "Units in Hyetan were told to work with the Kumgang Office.\nTraders said the new office checks every load.\n"
          "Guards near the river were replaced in spring.\nPrices of rice rose after the checks began.\n"
          "The office in Kapsan also approves permits for traders.\n")
SOURCE = "exampleweekly-2024-04-02"
COLUMNS = {"places": ["id", "name", "name_ko", "name_zh", "alt_names", "kind", "parent_id"],
           "assignments": ["id", "org_id", "role", "place_id", "partner_org_id", "ordered_by_org_id", "summary",
                           "start", "end", "reported", "date_source_id", "source_id", "paragraphs"]}
HEADER, ROW = 35, 35  # the grid's header and row heights in pixels


@pytest.fixture
def app_on_copy(chromium, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    url, process = start_app(data=data)
    yield url, data
    stop_app(process)


def grid(page, table: str):
    return page.locator(f'[class*="st-key-ar_report_{table}_"] [data-testid="stDataFrame"]').first


def open_editor(page, table: str, row: int, column: str):
    """Select the cell with a click and the arrow keys and open its editor (again if a run moved the page
    under the click)."""
    editor = page.locator("#portal textarea, #portal input").first  # a text box, or a list's search box
    page.wait_for_timeout(250)  # a quick typist's pause before clicking the next cell
    for _ in range(3):
        try:
            # Centred: at the top of the window the app's header bar would take the click.
            grid(page, table).evaluate("el => el.scrollIntoView({block: 'center'})")
            box = grid(page, table).bounding_box()
        except PlaywrightError:  # the page was redrawing that grid
            page.wait_for_timeout(500)
            continue
        page.mouse.click(box["x"] + 50, box["y"] + HEADER + ROW / 2)  # a cell of the first row
        for key in ["ArrowUp"] * 3 + ["Home"] + ["ArrowDown"] * row + ["ArrowRight"] * COLUMNS[table].index(column):
            page.keyboard.press(key)  # from the first cell by keys: the click need not be exact
        page.keyboard.press("Enter")
        try:
            expect(editor).to_be_focused(timeout=3000)
            return editor
        except AssertionError:
            page.keyboard.press("Escape")
    raise AssertionError(f"the editor of {table}, row {row + 1}, {column} did not open")


def edit_cell(page, table: str, row: int, column: str, text: str) -> None:
    """Type into a cell with real key presses and commit: Tab for text, Enter to choose from a list."""
    type_and_commit(page, open_editor(page, table, row, column), text)


def edit_from_here(page, keys: list[str], text: str) -> None:
    """Move from the selected cell with the arrow keys, open that cell's editor, type and commit."""
    for key in keys:
        page.keyboard.press(key)
    page.keyboard.press("Enter")
    editor = page.locator("#portal textarea, #portal input").first
    expect(editor).to_be_focused()
    type_and_commit(page, editor, text)


def type_and_commit(page, editor, text: str) -> None:
    choosing = editor.get_attribute("role") == "combobox"
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text, delay=20)
    page.keyboard.press("Enter" if choosing else "Tab")  # choose the option typed, or commit the text
    expect(page.locator("#portal textarea, #portal input")).to_have_count(0)  # the editor has closed


def idle(page) -> None:
    """Wait until the page has finished its run (a run that redraws a grid closes its open editor)."""
    expect(page.locator('[data-testid="stApp"]')).to_have_attribute("data-test-script-state", "notRunning",
                                                                    timeout=90_000)


def rows(data, table: str) -> dict[str, dict[str, str]]:
    """The rows as saved: in the app's database for the folder ``data`` (empty cells as "")."""
    store = DataStore(default_url(data))
    try:
        frame = store.contents().tables[table]
    finally:
        store.close()
    return {row["id"]: {k: v or "" for k, v in row.items()} for row in frame.to_dict("records")}


def test_edits_typed_quickly_and_saved_at_once_are_all_in_the_saved_rows(browser, app_on_copy):
    url, data = app_on_copy
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    page.goto(url + "/Add_a_report")
    page.get_by_label("The report: its title on the first line").fill(REPORT)
    page.get_by_role("button", name="Read the pasted text").click()
    page.get_by_label("Outlet").fill("Example Weekly")
    page.get_by_label("Published (YYYY-MM-DD, YYYY-MM or YYYY)").fill("2024-04-02")
    page.get_by_role("button", name="Confirm and propose records").click()
    expect(page.get_by_role("heading", name="4. Check and preview")).to_be_visible(timeout=90_000)
    page.get_by_label("Add a place by name").fill("Haebit-dong")
    page.get_by_role("button", name="Add the place").click()
    expect(page.get_by_text("Haebit-dong is not in the gazetteer")).to_be_visible(timeout=90_000)
    idle(page)

    # One edit after another without waiting for the page, then the check.
    edit_cell(page, "places", 1, "kind", "neighbourhood")
    edit_cell(page, "places", 1, "parent_id", "hyesan · Hyesan")  # chosen from the list of place ids
    edit_cell(page, "assignments", 0, "role", "order")
    edit_cell(page, "assignments", 0, "summary", "Opened an office there.")
    edit_cell(page, "assignments", 1, "summary", "Were told to work with the office.")
    page.get_by_role("button", name="Check the edits").click()
    expect(page.get_by_text("No problem: the new rows meet every rule")).to_be_visible(timeout=90_000)
    idle(page)

    # Two more edits, and "Save" clicked at once after the second.
    edit_cell(page, "assignments", 0, "paragraphs", "3;6")
    edit_from_here(page, ["ArrowDown", "ArrowLeft"], "2;4")  # Tab moved right: the cell below the last one
    page.get_by_role("button", name="Save the new rows").click()
    for _ in range(600):  # until the save is in the database (slow on a busy machine)
        records = {key: row for key, row in rows(data, "assignments").items() if row["source_id"] == SOURCE}
        if records:
            break
        page.wait_for_timeout(300)
    if not records:
        page.screenshot(path=artifact("add-report-edits-unsaved.png"), full_page=True)
    assert records, "nothing was saved"
    assert {row["org_id"]: row["paragraphs"] for row in records.values()} == {"mss": "3;6", "units-hyetan": "2;4"}
    assert {row["org_id"]: (row["role"], row["summary"]) for row in records.values()} == {
        "mss": ("order", "Opened an office there."),
        "units-hyetan": ("smuggling cooperation", "Were told to work with the office.")}
    places = rows(data, "places")
    hyesan = places["hyesan"]
    new = places["haebit-dong"]
    assert (new["kind"], new["parent_id"], new["precision"]) == ("neighbourhood", "hyesan", "parent")
    assert (new["lat"], new["lon"]) == (hyesan["lat"], hyesan["lon"])
    assert places["kapsan"]["lat"] and places["kapsan"]["precision"] == "point"
    expect(page.get_by_text("Saved (")).to_be_visible()  # said beside the history and its undo button
    page.context.close()
