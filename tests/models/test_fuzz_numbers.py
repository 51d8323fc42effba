"""Fuzzing the number parser with what a clerk's keyboard, IME and clipboard can produce.

Random Unicode around digits: full width, other scripts' digits, exponents, signs, separators, control
characters, zero-width and direction marks, and digit runs past Python's 4,300-digit conversion limit.  Every
entry ends with a valid value (a count 0..999,999,999; a fee of ASCII digits) or a Chinese NumberError.
"""
from __future__ import annotations

import random
import unicodedata

import pytest

from models.dates import DateError, parse_date_text
from models.form import NumberKind
from models.numbers import NumberError, parse_count, parse_decimal, parse_value
from tests.fuzz_support import SEED, assert_chinese_message, assert_valid_value, cases, time_limit

SCRIPTS = [chr(zero + d) for zero in (0x30, 0xFF10, 0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0xED0, 0x1040, 0x17E0,
                                      0x1D7CE, 0x1810)
           for d in range(10)]
MARKS = list(",，.。．eE+-−－ /／—\u3000\t\n\r\x00\x1b\x7f\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b"
             "\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00a0\u2009件元万¹²③⑩")


def entry(rng: random.Random) -> str:
    """One random entry: mostly digits, with marks and the odd long run."""
    kind = rng.randrange(10)
    if kind == 0:
        return rng.choice(SCRIPTS[:10]) * rng.choice([10, 4301, 5000, 20_000])
    if kind == 1:
        return "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(1, 12)))
    pool = SCRIPTS if kind < 6 else SCRIPTS[:10] + MARKS
    text = "".join(rng.choice(pool if rng.random() < 0.8 else MARKS) for _ in range(rng.randrange(0, 16)))
    if kind == 9:
        text = rng.choice(MARKS) + text + rng.choice(MARKS)
    return text


def ascii_value(text: str) -> str:
    """The digits of any script as ASCII, the rest as it is."""
    return "".join(str(unicodedata.digit(ch)) if unicodedata.category(ch) == "Nd" else ch for ch in text)


def run(n: int, seed: int) -> None:
    rng = random.Random(seed)
    for case in range(n):
        text = entry(rng)
        what = f"第 {case} 个输入 {text[:30]!r}（种子 {seed}）"
        for kind in (NumberKind.COUNT, NumberKind.DECIMAL):
            with time_limit(what, 2):
                try:
                    value = parse_value(text, kind)
                except NumberError as e:
                    assert_chinese_message(e, what)
                    continue
            assert_valid_value(value, kind, what)
            # the same number whatever the script of its digits
            assert parse_value(ascii_value(text), kind) == value, what
        try:
            parse_date_text(text)
        except DateError as e:
            assert_chinese_message(e, what)


def test_random_entries():
    run(cases(3000, 0, is_slow=False), SEED)


@pytest.mark.slow
def test_random_entries_long_campaign():
    run(cases(3000, 30_000, is_slow=True), SEED + 1)


@pytest.mark.parametrize("text, count, fee", [
    ("١٢", 12, "12"), ("١٢.٥", None, "12.5"), ("๑๒", 12, "12"), ("۱۲۳", 123, "123"), ("१२", 12, "12"),
    ("1\u200b2", 12, "12"), ("\u200e12\u200f", 12, "12"), ("\ufeff7", 7, "7"), ("\u202a3,456\u202c", 3456, "3456"),
])
def test_other_scripts_and_invisible_marks_give_ascii(text, count, fee):
    if count is None:
        with pytest.raises(NumberError):
            parse_count(text)
    else:
        assert parse_count(text) == count
    assert parse_decimal(text) == fee


@pytest.mark.parametrize("text", ["9" * 4301, "1" + "0" * 5000, "0" * 4999 + "1" * 16, "1," * 3000 + "000"])
def test_digit_strings_past_the_conversion_limit(text):
    with pytest.raises(NumberError) as caught:
        parse_count(text)
    assert_chinese_message(caught.value, text[:20])
    with pytest.raises(NumberError):
        parse_decimal(text)


def test_leading_zeros_do_not_count_as_digits():
    assert parse_count("0" * 5000 + "42") == 42
