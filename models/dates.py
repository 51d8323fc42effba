"""Dates as clerks type them: 2026-01-20, 2026年1月20日, 2026.1.20, 2026/1/20, 20260120, 二〇二六年一月二十日.

Full-width digits and separators (from a Chinese input method) are read like half-width ones.  A date is
kept as ISO text ("2026-01-20"); no text at all means "not filled in".
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

EARLIEST_YEAR, LATEST_YEAR = 1990, 2100
EXAMPLES = "2026-01-20 或 2026年1月20日"


class DateError(ValueError):
    """Text that is not a date; the message is for the clerk, in Chinese."""


_NUMERIC = re.compile(r"(\d{4})\s*[-–—/.年]\s*(\d{1,2})\s*[-–—/.月]\s*(\d{1,2})\s*日?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_CHINESE_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
                   "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE = re.compile(r"([〇零○O一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
                      r"\s*([一二三四五六七八九十]{1,3})\s*日?")


def _chinese_number(text: str) -> int:
    """一 … 三十一 (the numbers of months and days)."""
    if "十" not in text:
        return _CHINESE_DIGITS[text] if len(text) == 1 else -1
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return -1
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)


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


def parse_date_text(text: str) -> str | None:
    """ISO date of what was typed, ``None`` for nothing typed; ``DateError`` (Chinese message) otherwise."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    if not cleaned:
        return None
    parts = _parts(cleaned)
    if parts is None:
        raise DateError(f"“{text.strip()}”不是日期：请按 {EXAMPLES} 的样式填写")
    year, month, day = parts
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise DateError(f"年份 {year} 不对：请填写四位数的年份，例如 2026")
    if not 1 <= month <= 12:
        raise DateError(f"没有{month}月：月份应在 1 到 12 之间" if month > 0 else "月份不对：应在 1 到 12 之间")
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise DateError(f"{year}年{month}月没有{day}日" if day > 0 else "日期不对：日应从 1 起") from None


def format_date(iso: str) -> str:
    """2026-01-20 as a Chinese document writes it: 2026年1月20日."""
    value = date.fromisoformat(iso)
    return f"{value.year}年{value.month}月{value.day}日"


def implausibility(iso: str, report_year: int | None) -> str | None:
    """Why a report for ``report_year`` is unlikely to be dated ``iso``; ``None`` if it is likely.

    A year's report is written after the year ends: departments publish by 31 January and governments by
    31 March of the next year (《条例》第四十九条), so dates in the next year are the usual ones.
    """
    if report_year is None:
        return None
    value = date.fromisoformat(iso)
    if value.year <= report_year:
        return f"{report_year}年度的报告应在年度结束后成文，成文日期通常在{report_year + 1}年"
    if value.year > report_year + 1:
        return f"成文日期晚于{report_year + 1}年，请核对报告年度或日期"
    return None


def is_plausible(iso: str, report_year: int | None) -> bool:
    return implausibility(iso, report_year) is None
