"""The 成文日期 of a report: one rule for the draft loader, the importers and the date field.

A report for year Y is dated when it is signed, normally in January of Y+1
(the deadline is 31 January), sometimes in late Y; a date outside
``plausible_range(Y)`` is a typo (2052 for 2025) or a hostile value.  Stored
dates are exactly ``YYYY-MM-DD`` with ASCII digits.

    parse_date_text("2026年1月20日")        -> "2026-01-20"   (what people type; DateError if not a date)
    validate_iso_date("2026-01-20", 2025)  -> "2026-01-20"   (DateError if not YYYY-MM-DD or implausible)
    plausible_range(2025)                  -> (date(2025, 1, 1), date(2026, 12, 31))
"""
from __future__ import annotations

import datetime
import re

from .numbers import ascii_digits

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TYPED = re.compile(r"([0-9]{4})\s*(?:年|[-./])\s*([0-9]{1,2})\s*(?:月|[-./])\s*([0-9]{1,2})\s*日?")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
MAX_DATE_TEXT = 40   # anything longer is not a date someone typed


class DateError(ValueError):
    """Text that is not an acceptable date; ``str()`` is a short Chinese reason."""


def plausible_range(year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last acceptable 成文日期 of the report for ``year``."""
    return datetime.date(year, 1, 1), datetime.date(year + 1, 12, 31)


def _checked(year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise DateError(f"{year} 年 {month} 月没有 {day} 日" if 1 <= month <= 12 else f"没有 {month} 月") from None


def parse_date_text(text: str) -> str:
    """What a person typed as a date — 2026-01-20, 2026年1月20日, 2026.1.20, 2026/1/20, 20260120, in any
    width or script of digits — as ``YYYY-MM-DD``.  Only the form is judged here, not the year."""
    text = ascii_digits(text.strip().translate(_FULL_WIDTH))
    if len(text) > MAX_DATE_TEXT:
        raise DateError("不是日期")
    match = _TYPED.fullmatch(text) or _COMPACT.fullmatch(text)
    if not match:
        raise DateError("不是日期，请按“2026-01-20”或“2026年1月20日”填写")
    return _checked(*(int(g) for g in match.groups())).isoformat()


_FULL_WIDTH = str.maketrans("０１２３４５６７８９－．／　", "0123456789-./ ")


def validate_iso_date(text: str, year: int) -> str:
    """``text`` itself when it is exactly ``YYYY-MM-DD``, a real day, and plausible for the report's year."""
    if not isinstance(text, str) or not ISO_DATE.fullmatch(text):
        raise DateError("应为 YYYY-MM-DD 格式的日期（如 2026-01-20）")
    date = _checked(int(text[:4]), int(text[5:7]), int(text[8:]))
    first, last = plausible_range(year)
    if not first <= date <= last:
        raise DateError(f"应在 {first.isoformat()} 至 {last.isoformat()} 之间（{year} 年度报告）")
    return text
