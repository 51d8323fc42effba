"""The 成文日期 rule shared by the draft loader, the importers and the date field."""
import datetime

import pytest

from models.dates import DateError, parse_date_text, plausible_range, validate_iso_date


@pytest.mark.parametrize("typed", ["2026-01-20", "2026年1月20日", "2026 年 1 月 20 日", "2026.1.20", "2026/1/20",
                                   "20260120", "２０２６年１月２０日", "2026-1-20", " 2026/01/20 ", "٢٠٢٦-٠١-٢٠"])
def test_what_people_type(typed):
    assert parse_date_text(typed) == "2026-01-20"


@pytest.mark.parametrize("typed, reason", [
    ("2026-02-30", "没有 30 日"), ("2026-13-01", "没有 13 月"), ("2025-W01-1", "不是日期"), ("明天", "不是日期"),
    ("2026", "不是日期"), ("1" * 5000, "不是日期"), ("", "不是日期"),
])
def test_not_dates(typed, reason):
    with pytest.raises(DateError, match=reason):
        parse_date_text(typed)


@pytest.mark.parametrize("text", ["2026-01-20", "2025-01-01", "2026-12-31"])
def test_plausible_for_2025(text):
    assert validate_iso_date(text, 2025) == text


@pytest.mark.parametrize("text", ["20260120", "2026-1-20", "9999-12-31", "2024-12-31", "2027-01-01", "2026-02-29",
                                  "２０２６-01-20", "2026-01-20T00:00", "+2026-01-20"])
def test_refused_for_2025(text):
    with pytest.raises(DateError):
        validate_iso_date(text, 2025)


def test_range_spans_the_year_and_the_next():
    assert plausible_range(2025) == (datetime.date(2025, 1, 1), datetime.date(2026, 12, 31))
