import pytest
from hypothesis import given, strategies as st

from models.form import NumberKind
from models.numbers import MAX_COUNT, NumberError, is_valid, parse_count, parse_decimal


@pytest.mark.parametrize("text, expected", [
    ("0", 0), ("15", 15), (" 7 ", 7), ("１２３", 123), ("1,234", 1234), ("1，234", 1234),
    ("１，２３４", 1234), ("12,345,678", 12345678), ("\u3000８\u3000", 8), (str(MAX_COUNT), MAX_COUNT),
    ("", None), ("  ", None), ("/", None), ("-", None), ("－", None),
])
def test_counts_accepted(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text, reason", [
    ("-3", "负数"), ("－３", "负数"), ("1e3", "科学计数法"), ("1.5", "整数"), ("1.0", "整数"), ("abc", "不是数字"),
    ("1/2", "不是数字"), ("12,34", "千分位"), ("1,2345", "千分位"), (str(MAX_COUNT + 1), "过大"), ("3件", "不是数字"),
])
def test_counts_refused_with_a_reason(text, reason):
    with pytest.raises(NumberError) as caught:
        parse_count(text)
    assert reason in str(caught.value)


@pytest.mark.parametrize("text, expected", [
    ("96171.6", "96171.6"), ("7730.28", "7730.28"), ("4166.241619", "4166.241619"), ("0", "0"),
    ("12.50", "12.50"), ("１，２３４．５", "1234.5"), ("007.5", "7.5"), ("", None),
])
def test_fees_keep_every_digit(text, expected):
    assert parse_decimal(text) == expected


@pytest.mark.parametrize("text", ["-1.5", "1e3", "abc", "1.2.3", ".5", "5."])
def test_fees_refused(text):
    with pytest.raises(NumberError):
        parse_decimal(text)


@given(st.text())
def test_no_text_crashes_the_parsers(text):
    for parse, kind in ((parse_count, NumberKind.COUNT), (parse_decimal, NumberKind.DECIMAL)):
        try:
            value = parse(text)
        except NumberError as e:
            assert str(e)
        else:
            assert is_valid(value, kind)


@given(st.integers(0, MAX_COUNT))
def test_every_count_round_trips_through_its_grouped_text(n):
    assert parse_count(f"{n:,}") == n
    assert parse_count(str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))) == n


def test_a_refused_entry_is_quoted_short_in_messages():
    """A pasted 5,000-digit number is refused; the message names it by its start and its length, not in full."""
    from models.numbers import MAX_SHOWN_CHARS, quoted_entry
    huge = "9" * 5000
    with pytest.raises(NumberError) as e:
        parse_count(huge)
    message = f"{quoted_entry(huge)}{e.value}"
    assert len(message) < 80 and "5,000 个字符" in message and huge[:100] not in message
    assert quoted_entry(" 12 ") == "“12”"
    assert quoted_entry("1\n2\t3") == "“1 2 3”"
    assert len(quoted_entry("字" * 1000)) < MAX_SHOWN_CHARS + 20
