"""Figures in the text kept in step with the tables: which are out of date, and the commands that write them.

A generated figure states a quantity of the tables; when the tables change, the
figure is *stale* (its text is not what the tables say now).  ``update_figures``
rewrites stale figures as one undo step; ``insert_paragraph`` puts a generated
paragraph into a sub-section (at the end, at the cursor, or over a selection) as
one undo step.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..figures import Figure, follow_replacement
from ..report import Report, Subsection
from ..session.changes import Change
from ..session.commands import Command, Composite
from .comparison import change_phrase
from .paragraphs import Paragraph, spaced_numbers
from .quantities import QUANTITIES


def current(figure: Figure, report: Report) -> tuple[int, str] | None:
    """(value, text) the figure would state now; ``None`` when the tables cannot say (blank, no last year)."""
    quantity = QUANTITIES.get(figure.quantity)
    if quantity is None:
        return None
    this = quantity.value(report)
    if this is None:
        return None
    if figure.measure == "count":
        return this, str(this)
    if figure.measure == "change":
        last = quantity.value(report.prior) if report.prior is not None else None
        if last is None:
            return None
        spaced = " " in figure.text if figure.text != "持平" else spaced_numbers(report)
        return this - last, change_phrase(this, last, spaced=spaced)
    return None


@dataclass(frozen=True)
class StaleFigure:
    """A figure whose text no longer says what the tables say."""

    section_id: str
    index: int
    figure: Figure
    value: int  # what it should state now
    text: str   # how it should read now

    @property
    def message(self) -> str:
        name = QUANTITIES[self.figure.quantity].name
        what = "与上年相比" if self.figure.measure == "change" else ""
        return f"文中写“{self.figure.text}”，{name}{what}现为“{self.text}”"


def anchored(sub: Subsection) -> list[Figure]:
    """The sub-section's figures that its text still says where they are anchored.

    (Text changed other than by a command — an editor writing into the report
    directly — leaves anchors behind; those figures count as typed by hand.)
    """
    return sorted((f for f in sub.figures if f.stands_in(sub.text)), key=lambda f: f.start)


def _places(report: Report, section_id: str | None, index: int | None):
    for sid, subs in report.sections.items():
        if section_id is not None and sid != section_id:
            continue
        for i, sub in enumerate(subs):
            if index is None or i == index:
                yield sid, i, sub


def stale_figures(report: Report, section_id: str | None = None, index: int | None = None) -> list[StaleFigure]:
    """The figures (of one sub-section, one section or the whole report) that the tables now contradict."""
    found = []
    for sid, i, sub in _places(report, section_id, index):
        for figure in anchored(sub):
            now = current(figure, report)
            if now is not None and (now[0] != figure.value or now[1] != figure.text):
                found.append(StaleFigure(sid, i, figure, *now))
    return found


def stale_at(report: Report, section_id: str, index: int, offset: int) -> StaleFigure | None:
    """The stale figure at ``offset`` of a sub-section's text (for a context menu's 更新为…), if any."""
    return next((s for s in stale_figures(report, section_id, index)
                 if s.figure.start <= offset <= s.figure.end), None)


def figure_spans(report: Report, section_id: str, index: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(in step, stale) spans of the generated figures of one sub-section, for marking them in the editor."""
    figures = anchored(report.sections[section_id][index])
    stale = {s.figure for s in stale_figures(report, section_id, index)}
    return [(f.start, f.end) for f in figures if f not in stale], [(f.start, f.end) for f in figures if f in stale]


# ---------------------------------------------------------------- the commands

@dataclass
class SetSubsectionContent(Command):
    """A sub-section's text and figures replaced as one step (a paragraph inserted, figures updated)."""

    section_id: str
    index: int
    before: tuple[str, tuple[Figure, ...]]
    after: tuple[str, tuple[Figure, ...]]
    name: str = "修改文字"

    @classmethod
    def of(cls, report: Report, section_id: str, index: int, text: str, figures: tuple[Figure, ...],
           name: str) -> SetSubsectionContent:
        sub = report.sections[section_id][index]
        ordered = tuple(sorted(figures, key=lambda f: f.start))
        return cls(section_id, index, (sub.text, tuple(sub.figures)), (text, ordered), name)

    def _set(self, report: Report, content: tuple[str, tuple[Figure, ...]]) -> Change:
        sub = report.sections[self.section_id][self.index]
        sub.text, sub.figures = content[0], list(content[1])
        return Change(texts=frozenset({(self.section_id, self.index)}))

    def do(self, report: Report) -> Change:
        return self._set(report, self.after)

    def undo(self, report: Report) -> Change:
        return self._set(report, self.before)

    def is_noop(self) -> bool:
        return self.before == self.after


def _rewritten(sub: Subsection, updates: dict[Figure, tuple[int, str]]) -> tuple[str, tuple[Figure, ...]]:
    """The text and figures with the figures in ``updates`` rewritten (later ones moved by the difference)."""
    parts, figures, position, shift = [], [], 0, 0
    for figure in sorted(sub.figures, key=lambda f: f.start):
        if figure in updates and figure.stands_in(sub.text):
            value, text = updates[figure]
            parts += [sub.text[position:figure.start], text]
            position = figure.end
            figures.append(replace(figure, value=value, text=text, start=figure.start + shift))
            shift += len(text) - len(figure.text)
        else:
            figures.append(figure.moved(shift))
    parts.append(sub.text[position:])
    return "".join(parts), tuple(figures)


def update_figures(report: Report, stale: list[StaleFigure] | None = None) -> Command:
    """Rewrite the given stale figures (all of the report's by default) to what the tables say, as one step."""
    stale = stale_figures(report) if stale is None else stale
    by_place: dict[tuple[str, int], dict[Figure, tuple[int, str]]] = {}
    for s in stale:
        by_place.setdefault((s.section_id, s.index), {})[s.figure] = (s.value, s.text)
    name = f"更新文中的统计数字（{len(stale)} 处）" if len(stale) != 1 else f"把文中的“{stale[0].figure.text}”更新为“{stale[0].text}”"
    parts: list[Command] = []
    for (sid, i), updates in by_place.items():
        text, figures = _rewritten(report.sections[sid][i], updates)
        parts.append(SetSubsectionContent.of(report, sid, i, text, figures, name))
    if len(parts) == 1:
        return parts[0]
    return Composite(parts, name)  # several sub-sections (or none: a no-op)


def insert_paragraph(report: Report, section_id: str, index: int, paragraph: Paragraph,
                     selection: tuple[int, int] | None = None, name: str = "插入统计段落") -> SetSubsectionContent:
    """Put ``paragraph`` into a sub-section: over ``selection`` (start, end; equal for the cursor) or at the end.

    At the end it starts a paragraph of its own.  Figures already in the text
    move with it; those the selection covered are gone with their text.
    """
    sub = report.sections[section_id][index]
    text = sub.text
    if selection is None:
        start = end = len(text)
        inserted = paragraph.text if not text or text.endswith("\n") else "\n" + paragraph.text
    else:
        start, end = sorted(max(0, min(len(text), p)) for p in selection)
        inserted = paragraph.text
    after = text[:start] + inserted + text[end:]
    at = start + len(inserted) - len(paragraph.text)
    kept = follow_replacement(sub.figures, after, start, end, len(inserted))
    figures = kept + tuple(f.moved(at) for f in paragraph.figures)
    return SetSubsectionContent.of(report, section_id, index, after, figures, name)
