"""Every change to a report as a command: plain data with ``do`` and ``undo`` and a Chinese name.

A command addresses what it changes by place (cell key, section id and index),
never by holding an object of the report, so a page that is rebuilt or a
sub-section that is replaced cannot be written into after the fact.  ``do`` and
``undo`` return the ``Change`` they made, which the session announces.
"""
from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field

from models.figures import Figure, follow_edit
from models.form import CellRef
from models.numbers import Value
from models.report import Report, Subsection, numbered
from .changes import NOTHING, Change

TYPING_MERGE_SECONDS = 3.0  # keystrokes in one field closer than this are one undo step


class Command:
    """A reversible change; subclasses set ``name`` (Chinese, shown in 编辑 → 撤销)."""

    name: str = ""

    def do(self, report: Report) -> Change:
        raise NotImplementedError

    def undo(self, report: Report) -> Change:
        raise NotImplementedError

    def merge(self, later: Command) -> bool:
        """Absorb ``later`` (the next command) into this one; True when merged."""
        return False

    def is_noop(self) -> bool:
        return False


# ---------------------------------------------------------------- numbers

@dataclass
class SetValues(Command):
    """Inputs set at once (one cell, a pasted block, 空白填0, 上年结转)."""

    changes: tuple[tuple[CellRef, Value, Value], ...]  # (cell, before, after)
    name: str = "修改单元格"

    @classmethod
    def of(cls, report: Report, pairs: list[tuple[CellRef, Value]], name: str) -> SetValues:
        changes = tuple((ref, report.values.get(ref), value) for ref, value in pairs
                        if report.values.get(ref) != value)
        return cls(changes, name)

    def _apply(self, report: Report, which: int) -> Change:
        for ref, before, after in self.changes:
            report.set(ref, after if which == 2 else before)
        return Change(cells=frozenset(c[0] for c in self.changes))

    def do(self, report: Report) -> Change:
        return self._apply(report, 2)

    def undo(self, report: Report) -> Change:
        return self._apply(report, 1)

    def is_noop(self) -> bool:
        return not self.changes


# ---------------------------------------------------------------- basic information

META_NAMES = {"agency": "机关名称", "year": "报告年度", "date": "成文日期", "preamble": "开头部分"}


@dataclass
class SetMeta(Command):
    """机关名称, 报告年度, 成文日期 or the preamble."""

    field_name: str
    before: object
    after: object
    at: float = field(default_factory=time.monotonic)

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"修改{META_NAMES[self.field_name]}"

    @classmethod
    def of(cls, report: Report, field_name: str, value: object) -> SetMeta:
        if field_name not in META_NAMES:
            raise KeyError(field_name)
        return cls(field_name, getattr(report, field_name), value)

    def do(self, report: Report) -> Change:
        setattr(report, self.field_name, self.after)
        return Change(meta=frozenset({self.field_name}))

    def undo(self, report: Report) -> Change:
        setattr(report, self.field_name, self.before)
        return Change(meta=frozenset({self.field_name}))

    def merge(self, later: Command) -> bool:
        if (isinstance(later, SetMeta) and later.field_name == self.field_name
                and self.field_name in ("agency", "preamble") and later.at - self.at < TYPING_MERGE_SECONDS):
            self.after, self.at = later.after, later.at
            return True
        return False

    def is_noop(self) -> bool:
        return self.before == self.after


# ---------------------------------------------------------------- narrative

def _label(report: Report, section_id: str, index: int) -> str:
    """"一、总体情况（二）依申请公开" for messages and command names."""
    title = report.form.section(section_id).title
    subs = report.sections.get(section_id, [])
    if 0 <= index < len(subs):
        printed = numbered(subs)[index][0]
        if printed:
            return f"{title}{printed}"
    return title


@dataclass
class SetSubsectionField(Command):
    """The text or the heading of one sub-section; keystrokes in a row merge into one step.

    A text edit carries the sub-section's generated figures along: moved past
    the edit, or dropped where the edit touched them (``models.figures``).
    """

    section_id: str
    index: int
    attribute: str  # "text" or "heading"
    before: str
    after: str
    label: str
    at: float = field(default_factory=time.monotonic)
    figures_before: tuple[Figure, ...] = ()
    figures_after: tuple[Figure, ...] = ()

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"修改“{self.label}”的{'文字' if self.attribute == 'text' else '小标题'}"

    @classmethod
    def of(cls, report: Report, section_id: str, index: int, attribute: str, value: str) -> SetSubsectionField:
        if attribute not in ("text", "heading"):
            raise KeyError(attribute)
        sub = report.sections[section_id][index]
        command = cls(section_id, index, attribute, getattr(sub, attribute), value, _label(report, section_id, index))
        if attribute == "text" and sub.figures:
            command.figures_before = tuple(sub.figures)
            command.figures_after = follow_edit(sub.figures, sub.text, value)
        return command

    def _set(self, report: Report, value: str, figures: tuple[Figure, ...]) -> Change:
        sub = report.sections[self.section_id][self.index]
        setattr(sub, self.attribute, value)
        if self.attribute == "text":
            sub.figures = list(figures)
        return Change(texts=frozenset({(self.section_id, self.index)}))

    def do(self, report: Report) -> Change:
        return self._set(report, self.after, self.figures_after)

    def undo(self, report: Report) -> Change:
        return self._set(report, self.before, self.figures_before)

    def merge(self, later: Command) -> bool:
        if (isinstance(later, SetSubsectionField)
                and (later.section_id, later.index, later.attribute) == (self.section_id, self.index, self.attribute)
                and later.at - self.at < TYPING_MERGE_SECONDS):
            self.after, self.at, self.figures_after = later.after, later.at, later.figures_after
            return True
        return False

    def is_noop(self) -> bool:
        return self.before == self.after


@dataclass
class ReplaceSubsections(Command):
    """A section's sub-sections replaced as a whole: add, remove, move, take last year's sub-heads."""

    section_id: str
    before: list[Subsection]
    after: list[Subsection]
    name: str = "修改小标题"

    @classmethod
    def of(cls, report: Report, section_id: str, after: list[Subsection], name: str) -> ReplaceSubsections:
        return cls(section_id, copy.deepcopy(report.sections.get(section_id, [])), copy.deepcopy(after), name)

    def _set(self, report: Report, subs: list[Subsection]) -> Change:
        report.sections[self.section_id] = copy.deepcopy(subs)
        return Change(structure=frozenset({self.section_id}))

    def do(self, report: Report) -> Change:
        return self._set(report, self.after)

    def undo(self, report: Report) -> Change:
        return self._set(report, self.before)

    def is_noop(self) -> bool:
        return self.before == self.after


def add_subsection(report: Report, section_id: str, heading: str = "新小标题", at: int | None = None) -> ReplaceSubsections:
    subs = copy.deepcopy(report.sections.get(section_id, []))
    subs.insert(len(subs) if at is None else at, Subsection(heading))
    return ReplaceSubsections.of(report, section_id, subs, f"在{report.form.section(section_id).title}添加小标题")


def remove_subsection(report: Report, section_id: str, index: int) -> ReplaceSubsections:
    label = _label(report, section_id, index)
    subs = copy.deepcopy(report.sections.get(section_id, []))
    del subs[index]
    return ReplaceSubsections.of(report, section_id, subs, f"删除“{label}”")


def move_subsection(report: Report, section_id: str, index: int, step: int) -> ReplaceSubsections:
    label = _label(report, section_id, index)
    subs = copy.deepcopy(report.sections.get(section_id, []))
    target = index + step
    if not 0 <= target < len(subs):
        return ReplaceSubsections(section_id, subs, subs)  # nothing to do at the edge
    subs[index], subs[target] = subs[target], subs[index]
    return ReplaceSubsections.of(report, section_id, subs, f"{'上移' if step < 0 else '下移'}“{label}”")


# ---------------------------------------------------------------- last year

@dataclass
class SetPrior(Command):
    """Keep (or drop, with ``None``) last year's report beside this one."""

    before: Report | None
    after: Report | None

    @property
    def name(self) -> str:  # type: ignore[override]
        if self.after is None:
            return "移除上年报告"
        return f"导入 {self.after.year} 年报告作为上年报告"

    @classmethod
    def of(cls, report: Report, prior: Report | None) -> SetPrior:
        if prior is not None:
            prior = copy.deepcopy(prior)
            prior.prior = None  # one year back is what the checks compare; no chain of years
        return cls(report.prior, prior)

    def do(self, report: Report) -> Change:
        report.prior = self.after
        return Change(prior=True)

    def undo(self, report: Report) -> Change:
        report.prior = self.before
        return Change(prior=True)

    def is_noop(self) -> bool:
        return self.before is None and self.after is None


# ---------------------------------------------------------------- several as one

@dataclass
class Composite(Command):
    """Several commands as one undo step (e.g. 导入上年报告 with its carry-over and sub-heads)."""

    parts: list[Command]
    name: str = ""

    def do(self, report: Report) -> Change:
        change = NOTHING
        for part in self.parts:
            change = change | part.do(report)
        return change

    def undo(self, report: Report) -> Change:
        change = NOTHING
        for part in reversed(self.parts):
            change = change | part.undo(report)
        return change

    def is_noop(self) -> bool:
        return all(p.is_noop() for p in self.parts)
