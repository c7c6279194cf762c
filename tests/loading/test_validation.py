"""Validation rules on any reader's frames: ASCII numbers, real dates, soft fields, hidden characters."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from border_atlas.loading.dataset import load_dataset
from border_atlas.readers import CsvFolder, FrameReader


class Patched:
    """The bundled tables, with one table replaced by a frame in memory."""

    def __init__(self, table: str, frame: pd.DataFrame):
        self.base, self.table, self.frame, self.label = CsvFolder(load_dataset().origin), table, frame, "patched"

    def read(self, table):
        return FrameReader({table: self.frame}).read(table) if table == self.table else self.base.read(table)

    def fingerprint(self):
        return None


def places_with(**values) -> pd.DataFrame:
    frame = pd.read_csv(CsvFolder(load_dataset().origin).path("places"), dtype=str, keep_default_na=False)
    for column, value in values.items():
        frame.loc[frame["id"] == "samsu", column] = value
    return frame


@pytest.mark.parametrize(("field", "value", "words"), [
    ("lat", "٤١.٢", "not a number"),
    ("lat", "４１.２", "not a number"),
    ("lat", "nan", "not a number"),
    ("lon", "1e400", "not a number"),
    ("name", "Sam\x07su", "control character (U+0007)"),
    ("name", "Sam\u2066su", "U+2066"),
])
def test_values_any_reader_hands_over_are_checked(field, value, words):
    dataset = load_dataset(Patched("places", places_with(**{field: value})))
    [problem] = dataset.errors
    assert (problem.file, problem.row, problem.field) == ("places.csv", 10, field) and words in problem.message
    assert "samsu" not in set(dataset.places["id"])


def test_a_soft_field_loses_its_value_not_its_row():
    dataset = load_dataset(Patched("places", places_with(uncertainty_m="wide")))
    [problem] = dataset.problems
    assert problem.severity == "warning" and "ignored" in problem.message
    assert pd.isna(dataset.places.set_index("id").loc["samsu", "uncertainty_m"])


def test_a_report_date_in_the_future_is_refused(data_copy):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    path = data_copy / "assignments.csv"
    text = path.read_text(encoding="utf-8").replace(",2025-10-27,,nkinsider", f",{tomorrow},,nkinsider", 1)
    path.write_text(text, encoding="utf-8")
    [problem] = load_dataset(data_copy).errors
    assert problem.field == "reported" and "future" in problem.message
