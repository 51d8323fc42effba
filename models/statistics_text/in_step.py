"""Figures in the text kept in step with the tables: which are out of date and what they should read.

A generated figure states a quantity of the tables; when the tables change, the
figure is *stale* (its text is not what the tables say now).  The commands
that rewrite them, or insert a generated paragraph, are the session's
(``app/session/figure_edits.py``).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..figures import Figure
from ..report import Report, Subsection
from .comparison import change_phrase
from .paragraphs import spaced_numbers
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


def figure_spans(report: Report, section_id: str, index: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(in step, stale) spans of the generated figures of one sub-section, for marking them in the editor."""
    figures = anchored(report.sections[section_id][index])
    stale = {s.figure for s in stale_figures(report, section_id, index)}
    return [(f.start, f.end) for f in figures if f not in stale], [(f.start, f.end) for f in figures if f in stale]
