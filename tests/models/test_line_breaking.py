"""One line-breaking rule for every writer: agency names at their words, balanced lines, the 禁则."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.line_breaking import (CLOSING, OPENING, PENALTY_CHARACTER, PENALTY_UNIT, agency_breaks, allowed_breaks,
                                  balanced_lines, fill_lines, is_wide, room_to_keep)

AGENCY_23 = "明川市清河区发展和改革局（区粮食和物资储备局）"
AGENCY_57 = ("明川省清河市人民政府办公厅（明川省清河市人民政府外事办公室、"
             "明川省清河市人民政府港澳事务办公室、清河市政府研究室）")


def em(text: str) -> float:
    return sum(1.0 if is_wide(ch) else 0.5 for ch in text)


def test_the_long_names_are_as_long_as_the_issue_says():
    assert len(AGENCY_23) == 23 and len(AGENCY_57) == 57


def test_a_name_breaks_before_its_parenthesised_second_name():
    assert balanced_lines(AGENCY_23, 20, em, agency_breaks(AGENCY_23)) == [
        "明川市清河区发展和改革局", "（区粮食和物资储备局）"]


@pytest.mark.parametrize("width", [20, 17.5, 14, 10])
def test_a_long_name_never_breaks_inside_a_word(width):
    lines = balanced_lines(AGENCY_57, width, em, agency_breaks(AGENCY_57))
    assert "".join(lines) == AGENCY_57
    assert all(em(line) <= width for line in lines)
    for before, after in zip(lines, lines[1:]):
        # every break follows a place, an organ, a list's "、", or stands before "（" / after "）"
        assert (before.endswith(("市", "省", "办公厅", "办公室", "政府", "、", "）")) or after.startswith("（")), lines
        assert not before.endswith(("办公", "外事", "港澳")) and not after.startswith(("室", "）"))


def test_lines_are_balanced_not_filled():
    lines = balanced_lines("明川市清河区市场监督管理局（明川市清河区知识产权局）", 20, em,
                           agency_breaks("明川市清河区市场监督管理局（明川市清河区知识产权局）"))
    assert lines == ["明川市清河区市场监督管理局", "（明川市清河区知识产权局）"]
    label = balanced_lines("一、本年新收政府信息公开申请数量", 9, em, keep_words=False)
    assert [len(line) for line in label] == [8, 8]


def test_words_of_a_place_are_not_mistaken_for_its_end():
    # 市场, 市委, 委员会, 办公室, 社会: the character that ends a place or an organ starts a word here
    name = "中共明川市委机构编制委员会办公室"
    assert balanced_lines(name, 14, em, agency_breaks(name)) == ["中共明川市委", "机构编制委员会办公室"]
    name = "明川市市场监督管理局社会事务科"
    breaks = agency_breaks(name)
    assert breaks[3] == PENALTY_UNIT                    # 明川市 | 市场监督管理局
    assert breaks[4] >= PENALTY_CHARACTER               # not 明川市市 | 场
    assert breaks[name.index("管理局") + 3] == PENALTY_UNIT
    assert breaks[name.index("社会") + 2] >= PENALTY_CHARACTER   # not 社会 | 事务科


@pytest.mark.parametrize("label, width", [("（三）不予公开", 3.2), ("（五）不予处理", 3.5), ("（七）总计", 2.5),
                                          ("第二十条第（一）项", 4.2)])
def test_a_label_never_starts_a_line_with_a_closing_bracket(label, width):
    lines = balanced_lines(label, width, em, keep_words=False)
    assert "".join(lines) == label
    assert not any(line[0] in CLOSING for line in lines[1:]), lines
    assert not any(line[-1] in OPENING for line in lines[:-1]), lines


def test_a_number_stays_whole_unless_it_is_longer_than_the_line():
    text = "邮编：223001，电话：0517-83605210，地址：明川市清河区人民路1号。"
    for width in (10, 12, 14):
        lines = fill_lines(text, width, em)
        assert "".join(lines) == text
        assert any("223001" in line for line in lines) and any("0517-83605210" in line for line in lines)
    # a run no line holds is cut, after its hyphen first
    assert fill_lines("0517-83605210", 4, em)[0] == "0517-"


def test_dashes_and_ellipses_are_never_cut():
    breaks = allowed_breaks("甲——乙……丙")
    assert 2 not in breaks and 5 not in breaks


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="政府信息公开，。、；：（）“”《》0123456789-abc ——…", min_size=1, max_size=120),
       st.floats(min_value=3, max_value=30))
def test_filled_lines_give_the_text_back_and_keep_the_kinsoku(text, width):
    lines = fill_lines(text, width, em)
    assert "".join(lines) == text
    breaks = allowed_breaks(text)
    position = 0
    for line in lines[:-1]:
        position += len(line)
        # every cut is one the rule allows, or (a piece longer than a line) forced inside a run
        assert position in breaks or em(line) >= width - 1, (lines, position)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="明川省市区县局委员会办公室发展和改革（）、人民政府", min_size=1, max_size=60),
       st.floats(min_value=4, max_value=22))
def test_balanced_lines_give_the_name_back_within_the_width(name, width):
    lines = balanced_lines(name, width, em, agency_breaks(name))
    assert "".join(lines) == name.strip()
    assert all(em(line) <= width or len(line) == 1 or not agency_breaks(line) for line in lines)


# (kept with the next?, height, start): a heading of two lines, a sub-heading, then a paragraph of 100 whose first
# line is 10
HEADINGS_THEN_TEXT = [(True, 30.0, 15.0), (True, 20.0, 20.0), (False, 100.0, 10.0)]


def _room(items, i, page=1000.0):
    return room_to_keep(items, i, keeps=lambda it: it[0], height=lambda it: it[1], start=lambda it: it[2], page=page)


def test_a_heading_asks_room_for_the_headings_under_it_and_the_start_of_the_text():
    assert _room(HEADINGS_THEN_TEXT, 0) == 30 + 20 + 10
    assert _room(HEADINGS_THEN_TEXT, 1) == 20 + 10
    assert _room(HEADINGS_THEN_TEXT, 2) == 10          # not kept: its own start only
    assert _room(HEADINGS_THEN_TEXT, 0, page=40) == 40  # never more than a page
    assert _room(HEADINGS_THEN_TEXT[:2], 0) == 50      # kept at the very end: nothing follows
