"""Dates as clerks type them."""
from __future__ import annotations


import pytest

from models.dates import DateError, format_date, implausibility, parse_date_text, validate_iso_date


@pytest.mark.parametrize("text", [
    "2026-01-20", "2026-1-20", "2026年1月20日", "2026年01月20日", "2026年1月20", "2026.1.20", "2026/1/20",
    "20260120", " 2026-01-20 ", "２０２６年１月２０日", "２０２６－０１－２０", "2026／1／20", "2026．1．20",
    "2026 年 1 月 20 日", "二〇二六年一月二十日", "二○二六年一月二十日", "2026—01—20",
])
def test_what_people_type_is_read(text):
    assert parse_date_text(text) == "2026-01-20"


@pytest.mark.parametrize("text, iso", [
    ("二〇二五年十二月三十一日", "2025-12-31"), ("二〇二六年三月十日", "2026-03-10"), ("2024年2月29日", "2024-02-29"),
    ("2026.12.1", "2026-12-01"),
])
def test_other_dates(text, iso):
    assert parse_date_text(text) == iso


@pytest.mark.parametrize("text", ["", "   ", None])
def test_nothing_typed_is_no_date(text):
    assert parse_date_text(text) is None


@pytest.mark.parametrize("text, says", [
    ("2026-13-01", "没有 13 月"), ("2026-02-30", "2026 年 2 月没有 30 日"), ("2025年2月29日", "2025 年 2 月没有 29 日"),
    ("2026-01-00", "日应从 1 起"), ("1月20日", "不是日期"), ("26.1.20", "不是日期"), ("明天", "不是日期"),
    ("2026-01-20 10:00", "不是日期"), ("0026-01-20", "年份 26 不对"), ("2026-00-10", "月份不对"),
    ("二〇二六年一二月一日", "月份不对"),
])
def test_what_is_not_a_date_is_refused_in_chinese(text, says):
    with pytest.raises(DateError) as caught:
        parse_date_text(text)
    assert says in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_a_report_is_dated_in_the_year_after_its_report_year():
    assert implausibility("2026-01-20", 2025) is None and implausibility("2026-03-31", 2025) is None
    assert "2026年" in implausibility("2025-12-31", 2025)
    assert implausibility("2028-01-05", 2025)
    assert implausibility("2020-01-01", None) is None


def test_format_date_is_how_a_document_writes_it():
    assert format_date("2026-01-05") == "2026年1月5日"
    assert parse_date_text(format_date("2026-01-05")) == "2026-01-05"


# ---------------------------------------------------------------- the rule shared with the loader and importers

@pytest.mark.parametrize("typed", ["2026-01-20", "2026年1月20日", "2026 年 1 月 20 日", "2026.1.20", "2026/1/20",
                                   "20260120", "２０２６年１月２０日", "2026-1-20", " 2026/01/20 ", "٢٠٢٦-٠١-٢٠"])
def test_any_script_of_digits(typed):
    assert parse_date_text(typed) == "2026-01-20"


@pytest.mark.parametrize("typed", ["2025-W01-1", "2026", "1" * 5000])
def test_not_dates(typed):
    with pytest.raises(DateError, match="不是日期"):
        parse_date_text(typed)


@pytest.mark.parametrize("text", ["2026-01-20", "2025-01-01", "2026-12-31", "2024-12-31", "2030-01-01"])
def test_well_formed_dates_are_kept(text):
    assert validate_iso_date(text) == text


@pytest.mark.parametrize("text", ["20260120", "2026-1-20", "9999-12-31", "1900-01-01", "2026-02-29",
                                  "２０２６-01-20", "2026-01-20T00:00", "+2026-01-20", None, 20260120])
def test_refused_everywhere(text):
    with pytest.raises(DateError):
        validate_iso_date(text)


@pytest.mark.parametrize("text", ["9999-01-20", "1999年1月20日", "2102-01-20", "99990120"])
def test_a_four_digit_year_outside_the_range_is_not_told_to_use_four_digits(text):
    with pytest.raises(DateError) as e:
        parse_date_text(text)
    assert "四位数" not in str(e.value) and "2000 到 2101" in str(e.value)


def test_the_year_after_is_usual_the_year_itself_a_note():
    assert implausibility("2026-12-31", 2025) is None and implausibility("2025-01-01", 2025)
