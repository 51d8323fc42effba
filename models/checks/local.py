"""The rule LOCAL: the requirements of the 本地要求 (profile) chosen for the check, when one is chosen.

Each finding says what is wrong, where the clerk fixes it (the sub-section, the
cells), and which requirement of which profile asks for it.  A requirement is a
warning unless the profile says error.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from functools import lru_cache

from ..profile import (PREAMBLE, Deadline, LengthLimit, MustState, RequiredCells, Requirement, Topic,
                       level_matches, normalized, part_title, place_text, text_length)
from .engine import Context, Found, Quote, Severity, rule
from .messages import Message, Messages
from .text import SCAN_LIMIT

# The messages, with named parameters (one place to word them)


class Local(Messages, prefix="LOCAL"):
    not_applied = Message("本地要求“{profile}”{reason}，未按其检查")
    source = Message("{problem}（本地要求：{profile}）")


TOO_LONG = "{place}共 {count} 字，超过 {limit} 字的上限"
TOO_SHORT = "{place}只有 {count} 字，少于 {limit} 字"
EMPTY = "{place}尚未填写"
NOT_STATED = "{place}未写明“{topic}”"
NOT_STATED_WITH_NUMBER = "{place}未写明“{topic}”及其数量"
NO_NUMBER = "{place}提到了“{topic}”，但未写明数量"
ELSEWHERE = "{problem}（未找到小标题含“{subsection}”的部分，已在整个{section}中查找）"
CELLS_BLANK = "{cells}未填写"
CELLS_ZERO = "{cells}为 0"
LATE = "成文日期 {date} 晚于发布时限 {deadline}"
NO_DATE = "未填写成文日期，无法核对是否在发布时限 {deadline} 前"

_BREAKS = "。；;！？!?，,"   # a figure belongs to its clause: "加强政策解读，回应关切 9 次" gives none to 政策解读
_AFTER = 20        # characters after a topic in which its figure may stand ("政府网站主动公开各类政府信息 5500 余条")
_BEFORE = 10       # and before it ("发布 12 篇政策解读")
_UNITS = "个件篇次条期场项家名人批份类部本台处所门户"
_ARABIC = r"\d[\d,，.]*"
_CHINESE = rf"[零〇一二两三四五六七八九十百千万]+(?=[余多]?[{_UNITS}])"
_FIGURE_AFTER = re.compile(rf"(?<![\d.])(?:{_ARABIC}|{_CHINESE})")
_FIGURE_BEFORE = re.compile(rf"(?:{_ARABIC}|{_CHINESE})[余多]?[{_UNITS}]")
_NOT_A_COUNT = re.compile(r"[年月日号时]")   # 2025 年, 1 月, 31 日: dates, not counts
_NONE = re.compile(r"(?:未|没有|暂无)")


@rule("LOCAL", Severity.WARNING, "本地要求", "符合所选本地要求（字数、须写明的内容、必填单元格、发布时限）")
def local_requirements(ctx: Context):
    profile = ctx.profile
    if profile is None:
        return
    from ..review.identity import level_of   # imported here: the review's package imports the checks
    report = ctx.report
    level = level_of(report.agency)
    reason = profile.not_applied_because(report.year, level)
    if reason:
        yield Found(Local.not_applied(profile=profile.name, reason=reason), severity=Severity.INFO)
        return
    for requirement in profile.requirements:
        if not level_matches(requirement.levels, level):
            continue
        severity = Severity(profile.severity_of(requirement))
        for found in _CHECKS[type(requirement)](ctx, requirement):
            yield Found(Local.source(problem=found.message, profile=profile.name), found.cells, found.section,
                        found.severity if found.severity is not None else severity, found.subsection, found.quote)


def _section_of(section_id: str) -> str | None:
    """The section a finding sends the clerk to (the preamble is on the basic-information page: none)."""
    return None if section_id == PREAMBLE else section_id


def _elsewhere(problem: str, requirement: LengthLimit | MustState, found: bool, ctx: Context) -> str:
    if found:
        return problem
    return ELSEWHERE.format(problem=problem, subsection=requirement.place.subsection,
                            section=part_title(requirement.place.section, ctx.report.form))


def _length(ctx: Context, requirement: Requirement) -> Iterator[Found]:
    assert isinstance(requirement, LengthLimit)
    place = requirement.place
    text, index, found = place_text(ctx.report, place)
    if not found:
        return   # a limit on a sub-section the report does not have: there is nothing of it to count
    count = text_length(text)
    label = place.label(ctx.report.form)
    if requirement.max_chars is not None and count > requirement.max_chars:
        problem = TOO_LONG.format(place=label, count=count, limit=requirement.max_chars)
    elif requirement.min_chars is not None and count < requirement.min_chars:
        problem = (EMPTY.format(place=label) if count == 0 else
                   TOO_SHORT.format(place=label, count=count, limit=requirement.min_chars))
    else:
        return
    yield Found(problem, section=_section_of(place.section), subsection=index)


def _statement(ctx: Context, requirement: Requirement) -> Iterator[Found]:
    assert isinstance(requirement, MustState)
    place, topic = requirement.place, requirement.topic
    text, index, found = place_text(ctx.report, place, headings=False)
    mentioned, counted = stated(text, topic)
    if mentioned and (counted or not topic.with_number):
        return
    label = place.label(ctx.report.form)
    if mentioned:
        problem = NO_NUMBER.format(place=label, topic=topic.name)
        quote = Quote(mentioned, index)
    else:
        problem = (NOT_STATED_WITH_NUMBER if topic.with_number else NOT_STATED).format(place=label, topic=topic.name)
        quote = None
    yield Found(_elsewhere(problem, requirement, found, ctx), section=_section_of(place.section), subsection=index,
                quote=quote)


def stated(text: str, topic: Topic) -> tuple[str, bool]:
    """Whether ``text`` states the topic: the wording found ("" for none) and whether a figure goes with it.

    A figure goes with a wording when it stands in the same sentence, just
    after it ("政策解读 12 次", "政府网站主动公开各类政府信息 5500 余条") or just
    before it with its measure word ("发布 12 篇政策解读"); a date (2025 年) is no
    figure; "未开展政策解读" states a count of none.
    """
    flat = _flat(text)
    first = ""
    for word in (normalized(w) for w in topic.words):
        if not word:
            continue
        start = flat.find(word)
        while start >= 0:
            first = first or word
            end = start + len(word)
            if _has_figure(_clause_after(flat, end), _clause_before(flat, start)):
                return word, True
            start = flat.find(word, end)
    return first, False


@lru_cache(maxsize=16)
def _flat(text: str) -> str:
    """The text as one line, NFKC, without white space; a line break ends a sentence (the first ``SCAN_LIMIT``)."""
    return normalized(text[:SCAN_LIMIT].replace("\n", "。"))


def _clause_after(text: str, end: int) -> str:
    window = text[end:end + _AFTER]
    cut = next((i for i, ch in enumerate(window) if ch in _BREAKS), len(window))
    return window[:cut]


def _clause_before(text: str, start: int) -> str:
    window = text[max(0, start - _BEFORE):start]
    cut = max((window.rfind(ch) for ch in _BREAKS), default=-1)
    return window[cut + 1:]


def _has_figure(after: str, before: str) -> bool:
    for match in _FIGURE_AFTER.finditer(after):
        if not _NOT_A_COUNT.match(after, match.end()):
            return True
    if _NONE.search(before):
        return True
    return any(not _NOT_A_COUNT.match(before, m.end()) for m in _FIGURE_BEFORE.finditer(before))


def _cells(ctx: Context, requirement: Requirement) -> Iterator[Found]:
    assert isinstance(requirement, RequiredCells)
    form = ctx.report.form
    refs = requirement.refs(form)
    blank = tuple(ref for ref in refs if ctx.value(ref) is None)
    zero = tuple(ref for ref in refs if requirement.nonzero and ctx.value(ref) is not None
                 and _is_zero(ctx.value(ref)))
    for template, cells in ((CELLS_BLANK, blank), (CELLS_ZERO, zero)):
        if cells:
            names = "、".join(form.name_of(ref) for ref in cells[:3])
            more = f"等 {len(cells)} 个单元格" if len(cells) > 3 else ""
            problem = template.format(cells=names + more)
            yield Found(f"{requirement.name}：{problem}" if requirement.name else problem, cells)


def _is_zero(value) -> bool:
    try:
        return float(str(value)) == 0
    except ValueError:
        return False


def _deadline(ctx: Context, requirement: Requirement) -> Iterator[Found]:
    assert isinstance(requirement, Deadline)
    report = ctx.report
    due = datetime.date(report.year + 1, requirement.month, requirement.day)
    deadline = f"{due.year}年{due.month}月{due.day}日"
    if not report.date:
        yield Found(NO_DATE.format(deadline=deadline), severity=Severity.WARNING)   # not known to be late
        return
    try:
        signed = datetime.date.fromisoformat(report.date)
    except ValueError:
        return   # DATE says what is wrong with it
    if signed > due:
        yield Found(LATE.format(date=report.date, deadline=deadline))


_CHECKS = {LengthLimit: _length, MustState: _statement, RequiredCells: _cells, Deadline: _deadline}

