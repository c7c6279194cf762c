"""Tables from a folder of CSV files, read row by row so that one bad row never costs the rest.

A row that cannot be read (a stray quote, bytes that are not UTF-8, more values than the
header has columns, a control character) is reported with its row and, where it can be told,
its field, and left out; every other row is kept. Rows are numbered as a text editor or a
spreadsheet shows them: the header is row 1. Well-formed files take a fast path: Arrow's
multi-threaded parser for plain UTF-8 with one row per line, else pandas' C parser; anything
unusual goes through Python's ``csv`` module line by line.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from border_atlas.loading.checks import HIDDEN_CHARACTERS, UNDECODED_BYTES, hidden_character_message
from border_atlas.loading.problems import Problem
from border_atlas.readers.base import RawTable
from border_atlas.text.wording import count_label

MAX_BYTES = 512 * 1024 * 1024
_FORBIDDEN = re.compile(f"{HIDDEN_CHARACTERS}|{UNDECODED_BYTES}")
_LINE = re.compile(r".*?(?:\r\n|\r|\n)|.+", re.DOTALL)
# Python's csv module refuses a value over 131,072 characters by default; a long note is no error.
csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))


class CsvFolder:
    """Reads ``<folder>/<table>.csv``.

    >>> from border_atlas.loading.dataset import DATA_DIR
    >>> raw = CsvFolder(DATA_DIR).read("eras")
    >>> list(raw.frame["id"]), raw.rows
    (['pre-covid', 'post-covid'], (2, 3))
    """

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)
        self.label = str(self.folder)

    def path(self, table: str) -> Path:
        return self.folder / f"{table}.csv"

    def read(self, table: str) -> RawTable:
        path = self.path(table)
        data = _read_bytes(path)
        if isinstance(data, str):
            return RawTable.unreadable(path.name, data)
        return parse_csv(data, file=path.name)

    def fingerprint(self) -> str | None:
        digest = hashlib.sha256()
        for path in sorted(self.folder.glob("*.csv")):
            if path.is_file():
                digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        return digest.hexdigest()


def _read_bytes(path: Path) -> bytes | str:
    """The file's bytes, or a message saying why there are none."""
    try:
        if path.is_dir():
            return "is a folder, not a file"
        if not path.exists():
            return "file is missing"
        if path.stat().st_size > MAX_BYTES:
            return f"is larger than {MAX_BYTES // 2**20} MiB; split it or check that it is the right file"
        return path.read_bytes()
    except OSError as exc:
        return f"cannot be opened: {exc.strerror or exc}"


def _decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; undecodable bytes become surrogates."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if data.count(b"\x00") > len(data) // 10:
        return None  # UTF-16 without a byte-order mark, or not text at all
    return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="surrogateescape")


def parse_csv(data: bytes, *, file: str) -> RawTable:
    """Parse a CSV file's bytes into a :class:`RawTable`, reporting every row it leaves out."""
    fast = _arrow(data, file)
    if fast is not None:
        return fast
    text = _decode(data)
    if text is None:
        return RawTable.unreadable(file, "is not text in UTF-8 (or UTF-16 with a byte-order mark); save it as "
                                         "CSV UTF-8")
    if not text.strip():
        return RawTable.unreadable(file, "is empty: it needs a header row naming the columns")
    return _fast(text, file) or _careful(text, file)


# Bytes that are hidden characters (checks.HIDDEN_CHARACTERS) on their own: C0 controls but tab and line ends, DEL.
_CONTROL_BYTES = bytes(1 if b in (0x09, 0x0A, 0x0D) or 0x20 <= b < 0x7F or b > 0x7F else 0 for b in range(256))
# The hidden characters above U+007F, as UTF-8: lead byte -> (second byte, lowest and highest third byte).
_HIDDEN_SEQUENCES = {0xE2: ((0x80, (0xAA, 0xAE)), (0x81, (0xA6, 0xA9))), 0xEF: ((0xBB, (0xBF, 0xBF)),)}


def _no_hidden_bytes(data: bytes) -> bool:
    """True if no hidden character (as :data:`_FORBIDDEN` finds them) is in UTF-8 ``data``; whole buffer at once."""
    if b"\0" in data.translate(_CONTROL_BYTES):
        return False
    octets = np.frombuffer(data, dtype=np.uint8)
    for lead, sequences in _HIDDEN_SEQUENCES.items():
        at = np.flatnonzero(octets[:-2] == lead)
        for second, (low, high) in sequences:
            third = octets[at[octets[at + 1] == second] + 2]
            if ((third >= low) & (third <= high)).any():
                return False
    return True


def _line_count(data: bytes) -> int:
    """Lines as a text editor counts them (\\n, \\r\\n or a lone \\r ends one)."""
    lone_cr = b"\r" in data and data.count(b"\r") != data.count(b"\r\n")
    lines = data.count(b"\r") if lone_cr else data.count(b"\n")
    return lines + (0 if data.endswith((b"\n", b"\r")) else 1)


def _arrow_read(data: bytes, header: list[str]) -> pa.Table | None:
    """Every cell as text, or None where Arrow refuses the file (bad UTF-8, a row of the wrong length…)."""
    try:
        return pa_csv.read_csv(
            pa.py_buffer(data),
            read_options=pa_csv.ReadOptions(column_names=header, skip_rows=1),
            parse_options=pa_csv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(column_types=dict.fromkeys(header, pa.string()),
                                                  strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def _arrow(data: bytes, file: str) -> RawTable | None:
    """Arrow's CSV parser, for plain UTF-8 with one record per line; None if anything is unusual.

    A short or long row, a blank line, a quoted line break, a quote in the header, text that is
    not UTF-8 or holds a hidden character: the other paths read such files and say what is wrong.

    >>> raw = _arrow(b"id,name\\na, Alpha \\n,\\nb,\\n", "t.csv")
    >>> raw.frame["name"].tolist(), raw.rows
    (['Alpha', nan], (2, 4))
    """
    data = data.removeprefix(b"\xef\xbb\xbf")
    end = data.find(b"\n")
    first = data[: end if end >= 0 else len(data)]
    if not first.strip() or b'"' in first or b"\r" in first.rstrip(b"\r"):
        return None
    header = [cell.strip() for cell in next(csv.reader([first.decode("utf-8", errors="replace")]))]
    if not all(header) or len(set(header)) != len(header) or not _no_hidden_bytes(data):
        return None
    table = _arrow_read(data, header)
    if table is None or table.num_rows != _line_count(data) - 1:
        return None
    columns = [pc.utf8_trim_whitespace(column) for column in table.columns]
    columns = [pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column) for column in columns]
    filled = np.zeros(table.num_rows, dtype=bool)
    for column in columns:
        filled |= column.is_valid().to_numpy(zero_copy_only=False)
    frame = pa.table(dict(zip(header, columns))).filter(pa.array(filled)).to_pandas()
    return RawTable(file, frame, tuple((np.flatnonzero(filled) + 2).tolist()))


def _fast(text: str, file: str) -> RawTable | None:
    """pandas' C parser, for a file with nothing unusual in it; None if anything is unusual."""
    if _FORBIDDEN.search(text):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)  # pandas drops extra values with a warning
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, index_col=False,
                                skip_blank_lines=False, on_bad_lines="error", engine="c")
    except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError, csv.Error):
        return None
    lines = text.count("\n") if "\r" not in text.replace("\r\n", "") else text.count("\r")
    lines += 0 if text.endswith(("\n", "\r")) else 1
    header = [cell.strip() for cell in next(csv.reader([_LINE.match(text).group(0)]))]
    columns = [str(c).strip() for c in frame.columns]
    # A quoted line break makes one row span lines; a missing or repeated column name needs a
    # message (pandas would rename it): leave those files to the careful path.
    if len(frame) != lines - 1 or columns != header or not all(header) or len(set(header)) != len(header):
        return None
    frame.columns = columns
    frame = frame.apply(lambda column: column.str.strip()).replace("", pd.NA)
    filled = frame.notna().any(axis=1).to_numpy()
    rows = tuple(int(i) + 2 for i in frame.index[filled])
    return RawTable(file, frame[filled].reset_index(drop=True), rows)


def _careful(text: str, file: str) -> RawTable:
    lines = [match.group(0) for match in _LINE.finditer(text) if match.group(0)]
    records, problems = _records(lines, file)
    if not records:
        return RawTable.unreadable(file, problems[0].message if problems else "has no header row")
    (_, header_cells), body = records[0], records[1:]
    header, keep, header_problems = _header(header_cells, file)
    problems = [*header_problems, *problems]
    kept_rows, kept_values = [], []
    for row, cells in body:
        values, row_problems = _row(cells, header_cells, keep, row, file)
        problems.extend(row_problems)
        if values is not None:
            kept_rows.append(row)
            kept_values.append(values)
    frame = pd.DataFrame(kept_values, columns=header, dtype=object)
    frame = frame.astype("str") if not frame.empty else frame
    frame = frame.replace("", pd.NA)
    return RawTable(file, frame, tuple(kept_rows), tuple(sorted(problems, key=_problem_order)))


def _problem_order(problem: Problem) -> tuple:
    return (problem.row or 0, problem.field or "")


def _records(lines: list[str], file: str) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """(first line number, cells) for each record.

    A record that breaks the CSV rules, or a quoted value that swallows the lines after it, is
    reported on the line where it began, and reading starts again on the next line.
    """
    records: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    start: int | None = 0
    while start is not None and start < len(lines):
        reader = csv.reader(lines[start:], strict=True)
        consumed, restart = 0, None
        try:
            for cells in reader:
                first, spanned, consumed = start + consumed + 1, reader.line_num - consumed, reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue
                if records and spanned > 1 and len(cells) != len(records[0][1]):
                    problems.append(_unreadable_row(lines[first - 1], first, records, file,
                                                    "a quote opened on this row closes rows later"))
                    restart = first
                    break
                records.append((first, cells))
        except csv.Error as exc:
            restart = start + consumed + 1
            problems.append(_unreadable_row(lines[restart - 1], restart, records, file, str(exc)))
        start = restart
    return records, problems


def _unreadable_row(line: str, row: int, records: list, file: str, reason: str) -> Problem:
    header = records[0][1] if records else []
    quote = line.find('"')
    column = line[:quote].count(",") if quote >= 0 else None
    field = header[column].strip() if column is not None and column < len(header) else None
    return Problem(file, row, field, f"cannot be read as CSV ({reason}): a quote that is never closed, or a quote "
                                     "inside an unquoted value? The row is left out")


def _header(cells: list[str], file: str) -> tuple[list[str], list[bool], list[Problem]]:
    names, keep, problems, seen = [], [], [], set()
    for index, cell in enumerate(cells):
        name = _FORBIDDEN.sub("", cell).strip()
        usable = bool(name) and name not in seen
        if not name:
            problems.append(Problem(file, 1, f"column {index + 1}", "has no name in the header; its values are "
                                                                      "ignored", "warning"))
        elif name in seen:
            problems.append(Problem(file, 1, name, "is named twice in the header; the second column is ignored",
                                    "warning"))
        seen.add(name)
        keep.append(usable)
        if usable:
            names.append(name)
    return names, keep, problems


def _row(cells: list[str], header_cells: list[str], keep: list[bool], row: int,
         file: str) -> tuple[list[str] | None, list[Problem]]:
    if len(cells) > len(header_cells) and any(c.strip() for c in cells[len(header_cells):]):
        last = header_cells[-1].strip()
        names = count_label(len(header_cells), "column")
        return None, [Problem(file, row, last, f"the row has {len(cells)} values but the header names {names} "
                                               "(an unquoted comma in a value?); the row is left out")]
    cells = (cells + [""] * len(header_cells))[: len(header_cells)]
    problems = []
    for cell, name, usable in zip(cells, header_cells, keep):
        bad = _FORBIDDEN.search(cell) if usable else None
        if bad:
            message = hidden_character_message(bad.group(0)) + "; the row is left out"
            problems.append(Problem(file, row, name.strip(), message))
    if problems:
        return None, problems
    return [cell.strip() for cell, usable in zip(cells, keep) if usable], []
