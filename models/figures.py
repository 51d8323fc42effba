"""Figures written into the narrative from the tables, anchored where they stand in a sub-section's text.

A ``Figure`` remembers what it states (a quantity of the tables, see
``models.statistics_text.quantities``), how (this year's count, or the 同比
comparison with last year), the text it wrote and where.  The text around it is
the clerk's: an edit elsewhere moves the anchor, an edit that touches the figure
drops it (the number is then the clerk's own, checked by TEXT-T3/TEXT-T4 like any
typed figure).  No imports from the rest of ``models``: the report holds these.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

MEASURES = ("count", "change")  # this year's count; the change since last year ("增加 5 件，增长 9.1%")


@dataclass(frozen=True)
class Figure:
    quantity: str  # key of the quantity stated, e.g. "requests.new.total" or "appeals.litigation.total"
    measure: str   # one of MEASURES
    value: int     # the count, or for "change" the difference this year − last year
    text: str      # what the text says there ("60"; "增加 5 件，增长 9.1%")
    start: int     # offset in the sub-section's text (Python characters)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def moved(self, offset: int) -> Figure:
        return replace(self, start=self.start + offset)

    def stands_in(self, text: str) -> bool:
        """Whether ``text`` still says this figure where it is anchored."""
        return 0 <= self.start and text[self.start:self.end] == self.text


def edited_region(before: str, after: str) -> tuple[int, int, int]:
    """(start, end in ``before``, end in ``after``) of the one region an edit replaced.

    Any edit can be described so (common prefix and suffix kept); for typing it
    is exactly the keystroke.
    """
    limit = min(len(before), len(after))
    prefix = 0
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return prefix, len(before) - suffix, len(after) - suffix


def follow_edit(figures: tuple[Figure, ...] | list[Figure], before: str, after: str) -> tuple[Figure, ...]:
    """The figures of ``before`` as they stand in ``after`` (any edit, described by what it kept)."""
    if before == after:
        return tuple(figures)
    start, old_end, new_end = edited_region(before, after)
    return follow_replacement(figures, after, start, old_end, new_end - start)


def follow_replacement(figures: tuple[Figure, ...] | list[Figure], after: str, start: int, end: int,
                       length: int) -> tuple[Figure, ...]:
    """The figures once ``[start, end)`` of the text was replaced by ``length`` characters, giving ``after``.

    Figures before the edit stay, those after it move; a figure the edit touches
    is dropped: its characters, or a digit typed right against it (which would
    change the number it reads as).
    """
    new_end = start + length
    shift = new_end - end
    kept = []
    for figure in figures:
        if figure.end < start or (figure.end == start and not _joins(after, start)):
            kept.append(figure)
        elif figure.start > end or (figure.start == end and not _joins(after, new_end - 1)):
            kept.append(figure.moved(shift))
    return tuple(f for f in kept if f.stands_in(after))


def _joins(text: str, at: int) -> bool:
    """Whether the character at ``at`` would run into a number next to it."""
    return 0 <= at < len(text) and (text[at].isdigit() or text[at] in ".．%％")
