"""Where 插入统计段落 writes, and which paragraph fits a sub-section: read from the sub-heads the clerk gave."""
from __future__ import annotations

from ..form_2021 import APPEALS
from ..report import Report

STATISTICS_SECTION = "overview"  # 一、总体情况: where the paragraph goes when a table is being looked at
REQUESTS_WORD = "申请"            # the sub-head of 一 about 依申请公开 says so
APPEALS_WORDS = ("复议", "诉讼")


def place_for_statistics(report: Report, section_id: str | None, focused: int | None) -> tuple[str, int]:
    """The (section, sub-section) a paragraph is inserted into.

    ``section_id`` is the narrative section shown (None when a table or the
    basic information is), ``focused`` the sub-section the clerk is typing in.
    Outside a sub-section, 一、总体情况 takes it in its sub-head about 依申请公开.
    """
    section_id = section_id or STATISTICS_SECTION
    if focused is not None:
        return section_id, focused
    if section_id == STATISTICS_SECTION:
        subs = report.sections.get(section_id, [])
        return section_id, next((i for i, s in enumerate(subs) if REQUESTS_WORD in s.heading), 0)
    return section_id, 0


def part_for(report: Report, section_id: str, index: int) -> str:
    """The part a sub-section is about, from its heading: 复议诉讼 (四) or 依申请公开 (一) for the others."""
    heading = report.sections[section_id][index].heading
    return APPEALS if any(word in heading for word in APPEALS_WORDS) else STATISTICS_SECTION
