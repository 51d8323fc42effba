"""The 成文日期 of a report: one rule for the date field, the draft loader and the importers.

What people type — 2026-01-20, 2026年1月20日, 2026.1.20, 2026/1/20, 20260120, 二〇二六年一月二十日, in
full-width or any script's digits — is read by ``parse_date_text``; a date is stored as ``YYYY-MM-DD``.

Two levels of doubt:

* a date that cannot be meant (not ``YYYY-MM-DD``, not a real day, a year outside 2000–2101) is refused
  everywhere — typed, loaded or imported (``validate_iso_date``);
* a real date unlikely for the report's year (before the year ends, or after the next year) is kept and
  pointed out (``implausibility``; the check DATE), so that changing the report's year never makes a saved
  draft unreadable.
"""
from __future__ import annotations

import datetime
import re
import unicodedata

from .numbers import ascii_digits

EARLIEST_YEAR, LATEST_YEAR = 2000, 2101
MAX_DATE_TEXT = 40  # anything longer is not a date someone typed
EXAMPLES = "2026-01-20 或 2026年1月20日"
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_NUMERIC = re.compile(r"([0-9]{4})\s*[-–—/.年]\s*([0-9]{1,2})\s*[-–—/.月]\s*([0-9]{1,2})\s*日?")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_CHINESE_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
                   "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE = re.compile(r"([〇零○O一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
                      r"\s*([一二三四五六七八九十]{1,3})\s*日?")


class DateError(ValueError):
    """Text that is not an acceptable date; ``str()`` is a short Chinese reason."""


def _chinese_number(text: str) -> int:
    """一 … 三十一 (the numbers of months and days); -1 when it is none."""
    if "十" not in text:
        return _CHINESE_DIGITS.get(text, -1) if len(text) == 1 else -1
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return -1
    return (_CHINESE_DIGITS.get(tens, -1) if tens else 1) * 10 + (_CHINESE_DIGITS.get(units, -1) if units else 0)


def _parts(text: str) -> tuple[int, int, int] | None:
    for pattern in (_NUMERIC, _COMPACT):
        match = pattern.fullmatch(text)
        if match:
            year, month, day = match.groups()
            return int(year), int(month), int(day)
    match = _CHINESE.fullmatch(text)
    if match:
        year = int("".join(str(_CHINESE_DIGITS[ch]) for ch in match.group(1)))
        return year, _chinese_number(match.group(2)), _chinese_number(match.group(3))
    return None


def _checked(year: int, month: int, day: int) -> datetime.date:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        if EARLIEST_YEAR <= year <= 9999 or 1000 <= year < EARLIEST_YEAR:   # four digits, but no year of a report
            raise DateError(f"年份 {year} 不对：成文日期的年份应在 {EARLIEST_YEAR} 到 {LATEST_YEAR} 之间")
        raise DateError(f"年份 {year} 不对：请填写四位数的年份，例如 2026")
    if not 1 <= month <= 12:
        raise DateError(f"没有 {month} 月：月份应在 1 到 12 之间" if month > 0 else "月份不对：应在 1 到 12 之间")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise DateError(f"{year} 年 {month} 月没有 {day} 日" if day > 0 else "日期不对：日应从 1 起") from None


def parse_date_text(text: str | None) -> str | None:
    """The ISO date of what was typed, ``None`` for nothing typed; ``DateError`` (Chinese) otherwise."""
    cleaned = ascii_digits(unicodedata.normalize("NFKC", text or "")).strip()
    if not cleaned:
        return None
    if len(cleaned) > MAX_DATE_TEXT:
        raise DateError("不是日期")
    parts = _parts(cleaned)
    if parts is None:
        raise DateError(f"“{cleaned}”不是日期：请按 {EXAMPLES} 的样式填写")
    return _checked(*parts).isoformat()


def validate_iso_date(text: object) -> str:
    """``text`` itself when it is exactly ``YYYY-MM-DD``, a real day, in 2000–2101; ``DateError`` otherwise."""
    if not isinstance(text, str) or not ISO_DATE.fullmatch(text):
        raise DateError("应为 YYYY-MM-DD 格式的日期（如 2026-01-20）")
    _checked(int(text[:4]), int(text[5:7]), int(text[8:]))
    return text


def format_date(iso: str) -> str:
    """2026-01-20 as a Chinese document writes it: 2026年1月20日."""
    value = datetime.date.fromisoformat(iso)
    return f"{value.year}年{value.month}月{value.day}日"


def implausibility(iso: str, report_year: int | None) -> str | None:
    """Why a report for ``report_year`` is unlikely to be dated ``iso``; ``None`` if it is likely.

    A year's report is written after the year ends: departments publish by 31 January and governments by
    31 March of the next year (《条例》第四十九条), so dates in the next year are the usual ones.
    """
    if report_year is None:
        return None
    value = datetime.date.fromisoformat(iso)
    if value.year <= report_year:
        return f"{report_year}年度的报告应在年度结束后成文，成文日期通常在{report_year + 1}年"
    if value.year > report_year + 1:
        return f"成文日期晚于{report_year + 1}年，请核对报告年度或日期"
    return None

