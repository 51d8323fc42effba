"""The commands that write generated figures into the text: a paragraph inserted, stale figures rewritten.

Each is one undo step; which figures are stale is the model's
(``models/statistics_text/in_step.py``).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from models.figures import Figure, follow_replacement
from models.report import Report, Subsection
from models.statistics_text.in_step import StaleFigure, stale_figures
from models.statistics_text.paragraphs import Paragraph

from .changes import Change
from .commands import Command, Composite

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
