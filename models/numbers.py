"""Parsing what a person types into a number cell.

One parser for the grid, paste, drafts and importers.  Input from a Chinese
IME arrives in full width (１２３，全角逗号), so text is NFKC-normalised first;
digits of other scripts (Arabic-Indic ١٢, Thai ๑๒ …) become ASCII digits, and
invisible format characters copied from web pages (zero-width spaces,
direction marks) are dropped, so that only ASCII digits are ever stored.
Digit strings are bounded before any conversion: Python refuses to convert
more than 4,300 digits, and no count has more than 9.
"""
from __future__ import annotations

import re
import unicodedata

from .form import NumberKind

MAX_COUNT = 999_999_999
BLANK_MARKS = frozenset({"", "/", "-", "—", "–", "－", "／"})

MAX_COUNT_DIGITS = len(str(MAX_COUNT))
MAX_WHOLE_DIGITS, MAX_FRACTION_DIGITS = 15, 12   # a fee (万元) kept digit for digit

# ASCII only: ``\d`` would also match the digits of other scripts
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")


class NumberError(ValueError):
    """Text that is not an acceptable number; ``str()`` is a short Chinese reason."""


Value = int | str | None  # int for counts, decimal string for fees, None for blank


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit of any script (Unicode category Nd) as its ASCII digit."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(ch)) if unicodedata.category(ch) == "Nd" else ch for ch in text)


def normalize(text: str) -> str:
    """What was typed, as the parser reads it: NFKC, ASCII digits, no invisible format characters."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = "".join(ch for ch in ascii_digits(text) if unicodedata.category(ch) != "Cf")
    text = text.strip()
    # NFKC leaves the ideographic full stop and some dashes alone
    return text.replace("\u3000", "").replace("。", ".") if text else text


def _digits(text: str) -> str:
    """The number with thousands separators removed, or NumberError."""
    if _PLAIN.fullmatch(text):
        return text
    if _GROUPED.fullmatch(text):
        return text.replace(",", "")
    if text.startswith(("-", "−")) and _PLAIN.fullmatch(text[1:].replace(",", "")):
        raise NumberError("不能为负数")
    if re.fullmatch(r"[0-9.,]*[eE][-+]?[0-9]+", text):
        raise NumberError("不接受科学计数法，请写出完整数字")
    if "," in text and re.fullmatch(r"[0-9,]+(?:\.[0-9]+)?", text):
        raise NumberError("千分位分隔符位置不对")
    raise NumberError("不是数字")


def parse_count(text: str) -> int | None:
    """A count 0..999,999,999; ``None`` for a blank cell."""
    text = normalize(text)
    if text in BLANK_MARKS:
        return None
    digits = _digits(text)
    if "." in digits:
        raise NumberError("件数应为整数")
    digits = digits.lstrip("0") or "0"
    if len(digits) > MAX_COUNT_DIGITS or int(digits) > MAX_COUNT:
        raise NumberError(f"数值过大（上限 {MAX_COUNT:,}）")
    return int(digits)


def parse_decimal(text: str) -> str | None:
    """A non-negative decimal kept digit for digit as typed; ``None`` for blank."""
    text = normalize(text)
    if text in BLANK_MARKS:
        return None
    digits = _digits(text)
    whole, dot, frac = digits.partition(".")
    whole = whole.lstrip("0") or "0"
    if len(whole) > MAX_WHOLE_DIGITS or len(frac) > MAX_FRACTION_DIGITS:
        raise NumberError("数字位数过多")
    return whole + dot + frac


def parse_value(text: str, kind: NumberKind) -> Value:
    return parse_count(text) if kind is NumberKind.COUNT else parse_decimal(text)


MAX_SHOWN_CHARS = 24   # what a refusal quotes of the entry; a pasted 5,000-digit number is not echoed whole


def quoted_entry(text: str) -> str:
    """What was typed, quoted for a message: on one line, and cut short when long (saying how long it was)."""
    shown = " ".join(text.split())
    if len(shown) <= MAX_SHOWN_CHARS:
        return f"“{shown}”"
    return f"“{shown[:MAX_SHOWN_CHARS - 8]}…”（共 {len(shown):,} 个字符）"


def format_value(value: Value) -> str:
    """The text shown for a stored value (blank for ``None``)."""
    return "" if value is None else str(value)


def is_valid(value: object, kind: NumberKind) -> bool:
    """Whether a stored value (from a draft, say) is acceptable for the kind."""
    if value is None:
        return True
    if kind is NumberKind.COUNT:
        return type(value) is int and 0 <= value <= MAX_COUNT
    if not isinstance(value, str):
        return False
    try:
        return parse_decimal(value) == value
    except NumberError:
        return False
