"""Reading CSV row by row: every unreadable row named by row and field, every other row kept."""

from __future__ import annotations

import pandas as pd
import pytest

from border_atlas.loading.dataset import DATA_DIR
from border_atlas.readers import CsvFolder, FrameReader, csv_folder, parse_csv

HEADER = b"id,name,note\n"


def read(data: bytes):
    raw = parse_csv(data, file="t.csv")
    rows = None if raw.frame is None else dict(zip(raw.rows, raw.frame["id"]))
    return rows, [(p.row, p.field, p.message) for p in raw.problems]


@pytest.mark.parametrize(("name", "data", "rows", "problem"), [
    ("a stray quote costs one row", HEADER + b'a,A,ok\nb,"Beta,broken\nc,C,ok\nd,D,"quoted, fine"\n',
     {2: "a", 4: "c", 5: "d"}, (3, "name", "cannot be read as CSV")),
    ("a stray quote on the last row", HEADER + b'a,A,ok\nb,"Beta,broken\n', {2: "a"}, (3, "name", "cannot be read")),
    ("latin-1 bytes", HEADER + b"a,A,ok\nb,B\xe9ta,ok\nc,C,ok\n", {2: "a", 4: "c"}, (3, "name", "not UTF-8")),
    ("an extra value", HEADER + b"a,A,ok\nb,B,ok,extra\nc,C,ok\n", {2: "a", 4: "c"},
     (3, "note", "the row has 4 values but the header names 3 columns")),
    ("an unquoted comma in the first row", b"id,name,type\nmss,Ministry, of State,agency\nx,y,z\n", {3: "x"},
     (2, "type", "the row has 4 values")),
    ("a NUL byte", HEADER + b"a,A\x00,ok\nc,C,ok\n", {3: "c"}, (2, "name", "control character (U+0000)")),
    ("a right-to-left override", HEADER + "a,A\u202e,ok\nc,C,ok\n".encode(), {3: "c"}, (2, "name", "U+202E")),
    ("a repeated column name", b"id,name,id\na,b,c\n", {2: "a"}, (1, "id", "named twice")),
    ("a column with no name", b"id,,name\na,b,c\n", {2: "a"}, (1, "column 2", "has no name")),
])
def test_a_bad_row_is_named_and_the_rest_is_kept(name, data, rows, problem):
    found, problems = read(data)
    assert found == rows
    row, field, words = problem
    assert any(p[0] == row and p[1] == field and words in p[2] for p in problems), problems


@pytest.mark.parametrize(("name", "data", "rows"), [
    ("a trailing comma", HEADER + b"a,A,ok,\nc,C,ok\n", {2: "a", 3: "c"}),
    ("a short row", HEADER + b"a,A\nc,C,ok\n", {2: "a", 3: "c"}),
    ("a byte-order mark", b"\xef\xbb\xbf" + HEADER + b"a,A,ok\n", {2: "a"}),
    ("a quoted line break", HEADER + b'a,A,"two\nlines"\nc,C,ok\n', {2: "a", 4: "c"}),
    ("blank lines", HEADER + b"a,A,ok\n\n\nc,C,ok\n", {2: "a", 5: "c"}),
    ("UTF-16 with a byte-order mark", "id,name\na,A\n".encode("utf-16"), {2: "a"}),
    ("Windows line ends", b"id,name,note\r\na,A,ok\r\nc,C,\"x\r\ny\"\r\n", {2: "a", 3: "c"}),
])
def test_ordinary_variations_read_without_a_problem(name, data, rows):
    assert read(data) == (rows, [])


@pytest.mark.parametrize("data", [b"", b"\n\n\n", b"\x00\x01\x02\x03" * 100])
def test_nothing_to_read_is_one_whole_file_problem(data):
    raw = parse_csv(data, file="t.csv")
    assert raw.frame is None and len(raw.problems) == 1 and raw.problems[0].row is None


def test_the_fast_and_careful_paths_agree_on_the_bundled_tables():
    for path in DATA_DIR.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        fast, careful = csv_folder._fast(text, path.name), csv_folder._careful(text, path.name)
        assert fast is not None and fast.rows == careful.rows and careful.problems == ()
        pd.testing.assert_frame_equal(fast.frame, careful.frame, check_dtype=False)


def test_a_folder_where_a_file_should_be(tmp_path):
    (tmp_path / "places.csv").mkdir()
    raw = CsvFolder(tmp_path).read("places")
    assert raw.frame is None and raw.problems[0].message == "is a folder, not a file"
    assert CsvFolder(tmp_path).read("events").problems[0].message == "file is missing"


def test_frames_in_memory_are_numbered_like_a_spreadsheet():
    reader = FrameReader({"eras": pd.DataFrame({"id": [" a ", "b"], "name": ["A", ""]})}, files={"eras": "Eras"})
    raw = reader.read("eras")
    assert raw.file == "Eras" and raw.rows == (2, 3)
    assert list(raw.frame["id"]) == ["a", "b"] and pd.isna(raw.frame.loc[1, "name"])
    assert reader.fingerprint() != FrameReader({"eras": pd.DataFrame({"id": ["a"]})}).fingerprint()
