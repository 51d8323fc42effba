"""Borders drawn twice, once round each of two neighbouring cells, made one line again.

A web page's table in HTML's separated-borders model (``<table border="1">``
without ``cellspacing="0"``, CSS ``border-collapse: separate``) draws every
cell as a box of its own, with a small gap (the cell spacing) between the
boxes and between the boxes and the table's frame: each border between two
cells is printed as two parallel lines.  Read as they are, the gaps would be
rows and columns of their own.

Two parallel lines are one border drawn twice when nothing stands between
them — no character, and no line across the gap (a row of a table in the
collapsed model, however thin, has its cells' sides running through it; a
box's side stops at the box's corner, inside the gap) — and the gap is
narrower than two lines of the page's type (a cell spacing of 10 px around
9-px type is wider than one) — and either both lines or neither are run
across by lines of the other direction (a row line of a collapsed table is
crossed by its column lines; an underline just above it is crossed by
nothing, and the two are no border).  A double border that the lines of the rows run
across (LibreOffice draws ``border="5"`` so) is one border too where its gap
is narrower than half a line of type.  Each such border goes in the middle
of its gap, with the pieces in line with either of its two lines (the box of
a tall merged cell ends where its neighbours' boxes do) and a box's side that
goes on, one gap aside, where the box beside it stops; and a line that ended
at either of the two lines is made to end there too, so that the boxes meet
as the cells of one grid.  Nothing is tuned to a file: the widest gap is
measured in the page's type, and the gaps found on the page say how far apart
the two lines of a border are.
"""
from __future__ import annotations

import bisect
import statistics
from collections.abc import Iterator
from dataclasses import dataclass

from .pdf_content import Glyph, Rule

SAME_LINE = 0.01   # points: pieces this close are one line drawn in pieces, never two lines
IN_LINE = 0.5      # points: pieces this close are in line (the two lines of a border are a line's width apart)
TEXT, SIDES, THROUGH, EMPTY = "text", "sides", "through", "empty"   # what stands between two lines


@dataclass(frozen=True)
class Border:
    """Where a border drawn twice lies: across ``low``–``high`` (the positions of its lines), along
    ``start``–``end``."""

    low: float
    high: float
    start: float
    end: float

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2


class _Lines:
    """The ruled lines of one direction with what stands between them: the characters' centres as (along,
    across) the lines, and the lines of the other direction."""

    def __init__(self, lines: list[Rule], crossing: list[Rule], points: list[tuple[float, float]]) -> None:
        self.lines = lines
        self.order = sorted(range(len(lines)), key=lambda i: lines[i].at)
        self.ats = [lines[i].at for i in self.order]
        self.points = sorted(points, key=lambda p: p[1])
        self.point_ats = [p[1] for p in self.points]
        self.crossers = sorted(crossing, key=lambda r: r.at)
        self.crosser_ats = [r.at for r in self.crossers]
        self.parent = list(range(len(lines)))

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.root(j)] = self.root(i)

    def within(self, i: int, reach: float, *, in_line: bool = False) -> Iterator[int]:
        """The lines after line ``i`` (by position), at most ``reach`` further; ``in_line``: and the other
        pieces at its own position."""
        at = self.lines[i].at
        first = bisect.bisect_left(self.ats, at - SAME_LINE) if in_line else bisect.bisect_right(self.ats, at + SAME_LINE)
        for m in range(first, bisect.bisect_right(self.ats, at + reach)):
            if self.order[m] != i:
                yield self.order[m]

    def between(self, low: float, high: float, start: float, end: float) -> str:
        """What stands in the band between two positions along ``start``–``end``: TEXT (a character), SIDES (a
        line across it that ends at both its lines: the side of a cell between them), THROUGH (only lines that
        go on beyond one of the two: a double border that a row's line runs across or ends at), or EMPTY.
        Only a line that covers the band's middle half is across it: a box's side stops at its corner, inside
        the band."""
        lo, hi = bisect.bisect_right(self.point_ats, low), bisect.bisect_left(self.point_ats, high)
        if any(start < along < end for along, _ in self.points[lo:hi]):
            return TEXT
        width = high - low
        margin = width / 4
        lo = bisect.bisect_left(self.crosser_ats, start - margin)
        hi = bisect.bisect_right(self.crosser_ats, end + margin)
        across = [r for r in self.crossers[lo:hi] if r.start <= low + margin and r.end >= high - margin]
        if any(r.start > low - width and r.end < high + width for r in across):
            return SIDES
        return THROUGH if across else EMPTY

    def beside(self, low: float, high: float, start: float, end: float) -> bool:
        """Whether a line lies strictly between the positions ``low`` and ``high``, somewhere along
        ``start``–``end``."""
        for m in range(bisect.bisect_right(self.ats, low + SAME_LINE), bisect.bisect_left(self.ats, high - SAME_LINE)):
            line = self.lines[self.order[m]]
            if line.start < end and line.end > start:
                return True
        return False

    def crossed(self, i: int, reach: float) -> bool:
        """Whether a line of the other direction runs across line ``i`` (as far as it runs in line, over holes no
        wider than ``reach``) between its ends, going on more than ``reach`` / 2 beyond it on both sides, whole
        or in pieces that meet on it: a collapsed table's row line crossed by its column lines.  A box's sides
        only meet at its corners, and nothing runs across an underline."""
        at, beyond = self.lines[i].at, max(reach / 2, IN_LINE)
        start, end = self.run(i, reach)
        lo = bisect.bisect_right(self.crosser_ats, start + IN_LINE)
        hi = bisect.bisect_left(self.crosser_ats, end - IN_LINE)
        near = self.crossers[lo:hi]
        above = [r.at for r in near if r.start < at - beyond and r.end >= at - IN_LINE]
        below = [r.at for r in near if r.start <= at + IN_LINE and r.end > at + beyond]
        return any(abs(up - down) <= IN_LINE for up in above for down in below)

    def run(self, i: int, hole: float) -> tuple[float, float]:
        """How far line ``i`` runs on in line with itself, over holes no wider than ``hole``."""
        at = self.lines[i].at
        pieces = sorted((self.lines[self.order[m]] for m in range(bisect.bisect_left(self.ats, at - IN_LINE),
                                                                  bisect.bisect_right(self.ats, at + IN_LINE))),
                        key=lambda r: r.start)
        start, end = self.lines[i].start, self.lines[i].end
        runs: list[list[float]] = []
        for piece in pieces:
            if runs and piece.start <= runs[-1][1] + hole:
                runs[-1][1] = max(runs[-1][1], piece.end)
            else:
                runs.append([piece.start, piece.end])
        found = next((r for r in runs if r[0] <= start and end <= r[1]), [start, end])
        return found[0], found[1]

    def pair_gaps(self, type_size: float) -> list[float]:
        """Join each line to the nearest line beside it when the band between them is a gap: no character in it,
        narrower than two lines of type and than the cells either side, shorter than the two run side by side,
        and no cell's sides across it (lines may run through a gap narrower than half a line: a double border);
        the gaps' widths."""
        widths = []
        for i in range(len(self.lines)):
            line = self.lines[i]
            nearest = None
            for j in self.within(i, 2 * type_size):
                other = self.lines[j]
                if nearest is not None and other.at > nearest + SAME_LINE:
                    break
                if max(line.start, other.start) >= min(line.end, other.end):
                    continue
                nearest = other.at
                width = other.at - line.at
                # the band as far as both lines run, across the gaps between boxes: where a merged cell's row
                # has no text in part of it, its lines go on into the part that has
                (start, end), (start_other, end_other) = self.run(i, width), self.run(j, width)
                start, end = max(start, start_other), min(end, end_other)
                if end - start <= width:
                    continue
                if self.beside(line.at - width, line.at, start, end) or \
                        self.beside(other.at, other.at + width, start, end):
                    continue   # wider than a cell beside it: an empty part of the table, not a gap between cells
                found = self.between(line.at, other.at, start, end)
                if found == EMPTY and self.crossed(i, width) != self.crossed(j, width):
                    continue   # a line under text (an underline) above a collapsed table's row line
                if found == EMPTY or (found == THROUGH and width <= type_size / 2):
                    self.join(i, j)
                    widths.append(width)
        return widths

    def join_continued(self, spacing: float) -> None:
        """Join the pieces of a border that a gap interrupts: pieces in line with each other, and a line that
        goes on ``spacing`` aside where another stops (a box beside a taller box), nothing between them."""
        for i in range(len(self.lines)):
            line = self.lines[i]
            for j in self.within(i, spacing, in_line=True):
                other = self.lines[j]
                if max(line.start, other.start) - min(line.end, other.end) > spacing:
                    continue   # not end to end
                if abs(other.at - line.at) <= spacing / 4:
                    if max(line.start, other.start) >= min(line.end, other.end):
                        self.join(i, j)   # one line, a gap across it
                elif max(line.start, other.start) >= min(line.end, other.end) and \
                        self.between(line.at, other.at, min(line.start, other.start),
                                     max(line.end, other.end)) == EMPTY:
                    self.join(i, j)

    def borders(self) -> tuple[dict[int, float], list[Border]]:
        """Where each line drawn twice goes (by its index), and the borders."""
        groups: dict[int, list[int]] = {}
        for i in range(len(self.lines)):
            groups.setdefault(self.root(i), []).append(i)
        moved: dict[int, float] = {}
        found = []
        for members in groups.values():
            ats = [self.lines[i].at for i in members]
            if max(ats) - min(ats) <= SAME_LINE:
                continue
            border = Border(min(ats), max(ats), min(self.lines[i].start for i in members),
                            max(self.lines[i].end for i in members))
            moved.update({i: border.middle for i in members})
            found.append(border)
        return moved, found


def single_borders(rules: list[Rule], glyphs: list[Glyph]) -> list[Rule]:
    """The page's ruled lines with each border drawn twice (round two neighbouring boxes) made one."""
    if not glyphs or not rules:
        return rules
    type_size = statistics.median(g.size for g in glyphs)
    horizontal = [r for r in rules if r.horizontal]
    vertical = [r for r in rules if not r.horizontal]
    rows = _Lines(horizontal, vertical, [(g.x, g.y) for g in glyphs])
    columns = _Lines(vertical, horizontal, [(g.y, g.x) for g in glyphs])
    gaps = rows.pair_gaps(type_size) + columns.pair_gaps(type_size)
    if not gaps:
        return rules
    spacing = max(gaps)   # the cells' boxes stand this far apart (the same all round, in one table)
    rows.join_continued(spacing)
    columns.join_continued(spacing)
    across, along = rows.borders(), columns.borders()
    return _moved(horizontal, across, along) + _moved(vertical, along, across)


def _moved(lines: list[Rule], own: tuple[dict[int, float], list[Border]],
           other: tuple[dict[int, float], list[Border]]) -> list[Rule]:
    """The lines put where their borders go: a line drawn twice in the middle of its gap, an end that stops in
    a border of the other direction (a box's corner) at that border's middle."""
    moved, _ = own
    _, borders = other
    borders = sorted(borders, key=lambda b: b.low)
    lows = [b.low for b in borders]
    widest = max((b.high - b.low for b in borders), default=0.0)

    def end_at(point: float, at: float) -> float:
        # a line ends at the outer edge of the line it meets: up to half a line's width beyond the gap, which
        # is at least the line's width
        for border in borders[bisect.bisect_left(lows, point - 1.5 * widest):
                              bisect.bisect_right(lows, point + widest / 2)]:
            slack = (border.high - border.low) / 2
            if border.low - slack <= point <= border.high + slack and \
                    border.start - slack <= at <= border.end + slack:
                return border.middle
        return point

    result = []
    for i, line in enumerate(lines):
        at = moved.get(i, line.at)
        start, end = end_at(line.start, at), end_at(line.end, at)   # a corner between two gaps: where both go
        result.append(Rule(line.horizontal, at, min(start, end), max(start, end)))
    return result
