from __future__ import annotations

from datetime import date

import pytest

from border_atlas.loading.dates import is_partial_date, known_period, precision


@pytest.mark.parametrize(("text", "ok"), [("2018", True), ("2018-02", True), ("2020-02-29", True),
                                          ("2019-02-29", False), ("2018-13", False), ("18-02", False), ("", False)])
def test_partial_dates(text, ok):
    assert is_partial_date(text) is ok


def test_precision_follows_the_written_form():
    assert [precision(t) for t in ("2018", "2018-02", "2018-02-28", None)] == ["year", "month", "day", None]


def test_known_period_rules():
    assert known_period("2018-02", None, "2018-02-28") == (date(2018, 2, 1), date(2018, 2, 28))
    assert known_period(None, None, "2025-10-27") == (date(2025, 10, 27), date(2025, 10, 27))
    assert known_period("2020-01-22", None, "2025-10-27") == (date(2020, 1, 22), date(2025, 10, 27))
    assert known_period("2017-01", "2017-01", "2018-02-28") == (date(2017, 1, 1), date(2017, 1, 31))
