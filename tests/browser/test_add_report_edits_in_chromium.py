"""Every edit typed into the add-report grids reaches the saved rows, at typing speed.

The grid sends its edits to the server 150 ms after the last one: a click on a button within
that time used to run the page without them (the save wrote the drafted values). Here a new
place gets its parent (beside a place from GeoNames, with a coordinate), cells are edited with
real key presses one after the other, the last two followed at once by a click on "Save", and
the data folder's files are read back.
"""

from __future__ import annotations

import csv
import shutil

import pytest
from browser_helpers import start_app, stop_app
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from border_atlas.dataset import DATA_DIR

pytestmark = pytest.mark.browser
# A made-up report: Kapsan comes from GeoNames with a coordinate; Wiyon is added by name, position unknown.
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
    """Select the cell with a click and the arrow keys and open its editor (again if the page moved under
    the click: a message that goes shifts what is below it)."""
    editor = page.locator("#portal textarea, #portal input").first  # a text box, or a list's search box
    for _ in range(3):
        try:
            grid(page, table).scroll_into_view_if_needed()
            box = grid(page, table).bounding_box()
        except PlaywrightError:  # the page was redrawing that grid
            page.wait_for_timeout(500)
            continue
        page.mouse.click(box["x"] + 50, box["y"] + HEADER + ROW * row + ROW / 2)
        page.keyboard.press("Home")
        for _ in range(COLUMNS[table].index(column)):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        try:
            expect(editor).to_be_focused(timeout=3000)
            return editor
        except AssertionError:
            page.keyboard.press("Escape")
    raise AssertionError(f"the editor of {table}, row {row + 1}, {column} did not open")


def edit_cell(page, table: str, row: int, column: str, text: str) -> None:
    """Type into a cell with real key presses and commit: Tab for text, Enter to choose from a list."""
    editor = open_editor(page, table, row, column)
    choosing = editor.get_attribute("role") == "combobox"
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text, delay=20)
    page.keyboard.press("Enter" if choosing else "Tab")


def idle(page) -> None:
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=90_000)


def rows(data, table: str) -> dict[str, dict[str, str]]:
    with (data / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def test_edits_typed_quickly_and_saved_at_once_are_all_in_the_saved_rows(browser, app_on_copy):
    url, data = app_on_copy
    page = browser.new_context(viewport={"width": 1440, "height": 1800}).new_page()
    page.goto(url + "/Add_a_report")
    page.get_by_label("The report: its title on the first line").fill(REPORT)
    page.get_by_role("button", name="Read the pasted text").click()
    page.get_by_label("Outlet").fill("Example Weekly")
    page.get_by_label("Published (YYYY-MM-DD, YYYY-MM or YYYY)").fill("2024-04-02")
    page.get_by_role("button", name="Confirm and propose records").click()
    expect(page.get_by_role("heading", name="4. Check and preview")).to_be_visible(timeout=90_000)
    page.get_by_label("Add a place by name").fill("Wiyon")
    page.get_by_role("button", name="Add the place").click()
    expect(page.get_by_text("Wiyon is not in the gazetteer")).to_be_visible(timeout=90_000)
    idle(page)

    # One edit after another, without waiting for the page: the reruns they cause land while typing.
    edit_cell(page, "places", 1, "kind", "neighbourhood")
    edit_cell(page, "places", 1, "parent_id", "hyesan")
    edit_cell(page, "assignments", 0, "role", "order")
    edit_cell(page, "assignments", 0, "summary", "Opened an office there.")
    edit_cell(page, "assignments", 1, "summary", "Were told to work with the office.")
    expect(page.get_by_text("No problem: the new rows meet every rule")).to_be_visible(timeout=90_000)
    idle(page)

    # Two more edits, and "Save" clicked at once after the second (the window is tall enough to show the grid
    # and the button together: no scrolling in between).
    grid(page, "assignments").evaluate("el => el.scrollIntoView({block: 'start'})")
    button = page.get_by_role("button", name="Save the new rows")
    assert button.bounding_box()["y"] + 40 < page.viewport_size["height"], "the save button is out of sight"
    edit_cell(page, "assignments", 0, "paragraphs", "3;6")
    edit_cell(page, "assignments", 1, "paragraphs", "2;4")
    save = button.bounding_box()
    page.mouse.click(save["x"] + save["width"] / 2, save["y"] + save["height"] / 2)
    for _ in range(300):  # until the save has written the files
        records = {key: row for key, row in rows(data, "assignments").items() if row["source_id"] == SOURCE}
        if records:
            break
        page.wait_for_timeout(300)
    assert records, "nothing was saved"
    assert {row["org_id"]: row["paragraphs"] for row in records.values()} == {"mss": "3;6", "units-hyetan": "2;4"}
    assert {row["org_id"]: (row["role"], row["summary"]) for row in records.values()} == {
        "mss": ("order", "Opened an office there."),
        "units-hyetan": ("smuggling cooperation", "Were told to work with the office.")}
    places = rows(data, "places")
    hyesan = places["hyesan"]
    wiyon = places["wiyon"]
    assert (wiyon["kind"], wiyon["parent_id"], wiyon["precision"]) == ("neighbourhood", "hyesan", "parent")
    assert (wiyon["lat"], wiyon["lon"]) == (hyesan["lat"], hyesan["lon"])
    assert places["kapsan"]["lat"] and places["kapsan"]["precision"] == "point"
    expect(page.get_by_text("Saved (")).to_be_visible()  # said beside the journal and its undo button
    page.context.close()
