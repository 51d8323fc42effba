"""Dates as clerks type them."""
from __future__ import annotations

import pytest

from models.dates import DateError, format_date, implausibility, is_plausible, parse_date_text


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
    ("2026-13-01", "没有13月"), ("2026-02-30", "2026年2月没有30日"), ("2025年2月29日", "2025年2月没有29日"),
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
    assert is_plausible("2026-01-20", 2025) and is_plausible("2026-03-31", 2025)
    assert not is_plausible("2025-12-31", 2025) and "2026年" in implausibility("2025-12-31", 2025)
    assert not is_plausible("2028-01-05", 2025)
    assert is_plausible("2020-01-01", None)


def test_format_date_is_how_a_document_writes_it():
    assert format_date("2026-01-05") == "2026年1月5日"
    assert parse_date_text(format_date("2026-01-05")) == "2026-01-05"
