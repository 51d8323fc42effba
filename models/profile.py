"""A 政务公开办's own requirements for the year's reports (本地要求), as plain data.

Every December a province or city sends its agencies a notice on this year's
report; the national form is the same everywhere, the notices add to it: a
length limit for a section, topics that must be stated (some with a count),
cells that must be filled, the publication deadline, what the opening
paragraph must say.  A ``Profile`` holds such a notice's requirements; it is
read from and written to a TOML file by ``models.profile_file`` and checked by
the rule LOCAL (``models.checks.local``).  The window's length indicator reads
the same limits and counts characters with the same ``text_length``.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from .form import CellRef, FormDef
from .form_2021 import FORM_2021
from .report import Report, Subsection

PREAMBLE = "preamble"           # the untitled opening paragraph(s) before 一
PREAMBLE_TITLE = "开头部分"
WARNING, ERROR = "warning", "error"
SEVERITY_LABELS = {WARNING: "警告", ERROR: "错误"}


def known_levels() -> tuple[str, ...]:
    """The words ``models.review.identity.level_of`` can give a report ("区县级政府", "市级部门", "乡镇", "部门").

    A profile names levels by these words or any part of them ("区县级" = 区县级政府
    and 区县级部门, "部门" = every 部门).  (Imported when asked: the review's
    package imports the checks, whose rule LOCAL imports this module.)
    """
    from .review.identity import TIERS
    return tuple(f"{label}{kind}" for tier, label in TIERS.items() if tier != "township"
                 for kind in ("政府", "部门")) + ("乡镇", "部门")


def level_word_known(word: str) -> bool:
    return bool(word) and any(word in level for level in known_levels())


def level_matches(words: Sequence[str], level: str) -> bool:
    """Whether a report of ``level`` is among ``words`` (none: every level; an unknown level matches no word)."""
    if not words:
        return True
    return bool(level) and any(word in level for word in words)


def text_length(text: str) -> int:
    """字数 as the notices count it: every character but white space (punctuation and digits one each)."""
    return sum(1 for ch in text if not ch.isspace())


def normalized(text: str) -> str:
    """NFKC without white space: how a heading or a topic is compared (全角 and 半角 alike)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


# ---------------------------------------------------------------- where in the report

def part_title(section_id: str, form: FormDef = FORM_2021) -> str:
    return PREAMBLE_TITLE if section_id == PREAMBLE else form.section(section_id).title


@dataclass(frozen=True)
class Place:
    """A part of the narrative: the preamble or a section, and optionally a sub-section by words of its heading.

    A sub-section is named by words of its heading ("主动公开", "平台建设"), not by
    its number: agencies word and order their sub-heads differently ("主动公开情况",
    "（四）政府信息公开平台建设情况").
    """

    section: str
    subsection: str = ""

    def label(self, form: FormDef = FORM_2021) -> str:
        """"一、总体情况", "一、总体情况 “主动公开”部分", "开头部分"."""
        title = part_title(self.section, form)
        return f"{title} “{self.subsection}”部分" if self.subsection else title


def find_subsection(subsections: Sequence[Subsection], words: str) -> int | None:
    """The index of the first sub-section whose heading contains ``words`` (compared in NFKC); None if none."""
    wanted = normalized(words)
    if not wanted:
        return None
    for index, sub in enumerate(subsections):
        if wanted in normalized(sub.heading):
            return index
    return None


def place_text(report: Report, place: Place, *, headings: bool = True) -> tuple[str, int | None, bool]:
    """The text of ``place`` (with its sub-heads, or without: a topic in a heading is not a statement), the
    sub-section's index, and whether the sub-section was found.

    A sub-section that the report does not have (its heading worded otherwise,
    or no sub-heads at all) falls back to the whole section, so that a topic
    stated elsewhere in the section still counts.
    """
    if place.section == PREAMBLE:
        return report.preamble, None, True
    subs = report.sections.get(place.section, [])
    if place.subsection:
        index = find_subsection(subs, place.subsection)
        if index is not None:
            return section_text(subs[index:index + 1], headings=headings), index, True
        return section_text(subs, headings=headings), None, False
    return section_text(subs, headings=headings), None, True


def section_text(subsections: Sequence[Subsection], *, headings: bool = True) -> str:
    """The texts of sub-sections, with their headings (without the （一） numbers, which are not typed)."""
    if headings:
        return "\n".join(f"{sub.heading}\n{sub.text}" for sub in subsections)
    return "\n".join(sub.text for sub in subsections)


# ---------------------------------------------------------------- the requirements

@dataclass(frozen=True, kw_only=True)
class Requirement:
    """What every requirement has: its severity ("" = the profile's) and the levels it is for (none: all)."""

    severity: str = ""
    levels: tuple[str, ...] = ()

    kind = ""

    def describe(self, form: FormDef = FORM_2021) -> str:
        raise NotImplementedError

    def levels_note(self) -> str:
        return f"（适用于{'、'.join(self.levels)}）" if self.levels else ""


@dataclass(frozen=True, kw_only=True)
class LengthLimit(Requirement):
    """A part no longer than ``max_chars`` (and, when given, no shorter than ``min_chars``) characters."""

    place: Place
    max_chars: int | None = None
    min_chars: int | None = None

    kind = "length"

    def describe(self, form: FormDef = FORM_2021) -> str:
        where = self.place.label(form)
        bounds = []
        if self.min_chars == 1:
            bounds.append("须填写")
        elif self.min_chars:
            bounds.append(f"不少于 {self.min_chars} 字")
        if self.max_chars is not None:
            bounds.append(f"不超过 {self.max_chars} 字")
        return f"{where}{'，'.join(bounds)}{self.levels_note()}"


@dataclass(frozen=True)
class Topic:
    """Something the text must state: its name, other wordings that count, and whether a figure must go with it."""

    name: str
    also: tuple[str, ...] = ()
    with_number: bool = False

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.name,) + self.also))

    def describe(self) -> str:
        return f"“{self.name}”{'及其数量' if self.with_number else ''}"


@dataclass(frozen=True, kw_only=True)
class MustState(Requirement):
    place: Place
    topic: Topic

    kind = "statement"

    def describe(self, form: FormDef = FORM_2021) -> str:
        return f"{self.place.label(form)}写明{self.topic.describe()}{self.levels_note()}"


@dataclass(frozen=True, kw_only=True)
class RequiredCells(Requirement):
    """Cells that must be filled (and, with ``nonzero``, not 0), named by the form's stable keys.

    A key may name one cell ("active.rules.issued"), a row ("active.rules"), or a
    whole table ("appeals"): a row or a table stands for its input cells.
    """

    cells: tuple[str, ...]
    nonzero: bool = False
    name: str = ""

    kind = "cells"

    def refs(self, form: FormDef = FORM_2021) -> tuple[CellRef, ...]:
        return tuple(dict.fromkeys(ref for key in self.cells for ref in cells_named(key, form)))

    def describe(self, form: FormDef = FORM_2021) -> str:
        refs = self.refs(form)
        what = self.name or (form.name_of(refs[0]) + (f" 等 {len(refs)} 个单元格" if len(refs) > 1 else "")
                             if refs else "、".join(self.cells))
        return f"{what}须填写{'且不为 0' if self.nonzero else ''}{self.levels_note()}"


@dataclass(frozen=True, kw_only=True)
class Deadline(Requirement):
    """The 成文日期 of the report for year Y no later than ``month``-``day`` of Y+1 (条例第四十九条)."""

    month: int
    day: int

    kind = "deadline"

    def describe(self, form: FormDef = FORM_2021) -> str:
        return f"成文日期不晚于次年 {self.month} 月 {self.day} 日{self.levels_note()}"


REQUIREMENT_KINDS: dict[str, str] = {
    LengthLimit.kind: "字数",
    MustState.kind: "写明内容",
    RequiredCells.kind: "必填单元格",
    Deadline.kind: "发布时限",
}


def cells_named(key: str, form: FormDef = FORM_2021) -> tuple[CellRef, ...]:
    """The cells a key of a profile stands for: one cell, a row's or a table's input cells; () for none."""
    table, _, rest = key.partition(".")
    if table not in {t.id for t in form.tables}:
        return ()
    if rest:
        try:
            return (form.ref(table, rest),)
        except KeyError:
            pass
        prefix = rest + "."
        return tuple(d.ref for d in form.table(table).inputs if d.ref.key.startswith(prefix))
    return tuple(d.ref for d in form.table(table).inputs)


# ---------------------------------------------------------------- the profile

@dataclass(frozen=True, kw_only=True)
class Profile:
    """A notice's requirements: its name, the report year it is for (None: every year) and the levels it is for."""

    name: str
    year: int | None = None
    levels: tuple[str, ...] = ()
    severity: str = WARNING
    requirements: tuple[Requirement, ...] = field(default_factory=tuple)
    path: str = ""   # the file it was read from, if any

    def severity_of(self, requirement: Requirement) -> str:
        return requirement.severity or self.severity

    def not_applied_because(self, year: int, level: str) -> str:
        """Why the profile does not apply to a report of ``year`` and ``level`` ("" when it applies)."""
        if self.year is not None and year != self.year:
            return f"适用于 {self.year} 年度报告，本报告为 {year} 年度"
        if not level_matches(self.levels, level):
            if not level:
                return f"只适用于{'、'.join(self.levels)}，未能从机关名称判断本报告的级别"
            return f"只适用于{'、'.join(self.levels)}，本报告为{level}"
        return ""

    def applies_to(self) -> str:
        years = f"{self.year} 年度报告" if self.year is not None else "各年度报告"
        return f"{years}，{'、'.join(self.levels) if self.levels else '各级机关'}"

    def length_limits(self, section_id: str, level: str = "") -> list[LengthLimit]:
        """The length limits on a section and its sub-sections that apply to a report of ``level``."""
        return [r for r in self.requirements if isinstance(r, LengthLimit) and r.place.section == section_id
                and level_matches(r.levels, level)]

    def with_requirements(self, requirements: Sequence[Requirement]) -> Profile:
        return Profile(name=self.name, year=self.year, levels=self.levels, severity=self.severity,
                       requirements=tuple(requirements), path=self.path)


def lengths(report: Report, profile: Profile | None, section_id: str) -> dict[int | None, tuple[int, LengthLimit | None]]:
    """What the length indicators of a section show: the section's length (key None) and that of each sub-section
    the profile limits (key: its index), each with the limit that applies to this report, if any."""
    from .review.identity import level_of
    level = level_of(report.agency)
    applies = profile is not None and not profile.not_applied_because(report.year, level)
    limits = profile.length_limits(section_id, level) if profile is not None and applies else []
    whole = next((limit for limit in limits if not limit.place.subsection), None)
    result: dict[int | None, tuple[int, LengthLimit | None]] = {
        None: (text_length(place_text(report, Place(section_id))[0]), whole)}
    for limit in limits:
        if limit.place.subsection:
            text, index, found = place_text(report, limit.place)
            if found and index not in result:
                result[index] = (text_length(text), limit)
    return result
