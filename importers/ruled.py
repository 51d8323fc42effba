"""Tables rebuilt from a PDF's ruled lines: each cell bounded by its borders, each character in its cell.

The borders of a printed table tell what text cannot: which number stands in
which cell, however its label wraps and wherever the number sits vertically.
Ruled lines that touch form a table; their distinct positions cut it into
elementary cells, and two neighbours with no border between them are one
merged cell.  The result is a ``grids.Grid``, the same structure Word and web
tables give, so the same column and row logic reads it.
"""
from __future__ import annotations

import bisect
import statistics
from dataclasses import dataclass, field
from functools import cached_property

from .doubled import single_borders
from .grids import Grid, GridCell, check_size
from .labels import is_blank, is_number_text
from .pdf_content import Glyph, Rule

TOLERANCE = 2.0     # points: double borders, line widths and rounding put one border at slightly different places
MIN_LINES = 2       # a table's cells: at least two columns
SAME_EDGE = 3.0     # points: a table continued on the next page has its columns where they were
SAME_COLUMNS = 0.8  # the share of a part's column lines that the other part of the table has too


@dataclass
class RuledTable:
    """Ruled lines that form one table, and the characters inside it, in one coordinate space (its rules are
    not changed once made: its edges are computed once)."""

    rules: list[Rule]
    glyphs: list[Glyph]
    seams: tuple[float, ...] = ()   # where a page break cut the table (its continuation joined below)
    hanging: set[Glyph] = field(default_factory=set)   # characters below its last rule that belong to it

    @cached_property
    def left(self) -> float:
        return min(r.at if not r.horizontal else r.start for r in self.rules)

    @cached_property
    def right(self) -> float:
        return max(r.at if not r.horizontal else r.end for r in self.rules)

    @cached_property
    def top(self) -> float:
        return min(r.at if r.horizontal else r.start for r in self.rules)

    @cached_property
    def bottom(self) -> float:
        return max(r.at if r.horizontal else r.end for r in self.rules)

    def holds(self, glyph: Glyph) -> bool:
        return (self.left <= glyph.x <= self.right and self.top <= glyph.y <= self.bottom) or glyph in self.hanging

    def take_hanging(self, glyphs: list[Glyph]) -> None:
        """Characters that hang below the last rule, in a column left open there: the text of a tall merged
        label a browser went on printing where the page broke the cell ("三、本年度" / "办理结果"), line under
        line as long as they follow each other.  A line that runs under a closed column, across a column line
        (a label stays in its cell), or in smaller type than the table's (a browser's running foot), is not the
        table's."""
        if not self.glyphs:
            return
        closed = [r for r in self.rules if r.horizontal and abs(r.at - self.bottom) <= TOLERANCE]
        open_sides = [r.at for r in self.rules if not r.horizontal and r.end >= self.bottom - TOLERANCE
                      and self.left + TOLERANCE < r.at < self.right - TOLERANCE]
        size = statistics.median(g.size for g in self.glyphs)
        below = [g for g in glyphs if self.left < g.x < self.right and g.top >= self.bottom - TOLERANCE]
        reach = self.bottom
        for line in text_lines(below):
            if line[0].top > reach + 0.5 * size:
                return
            if any(g.size < 0.8 * size or any(r.start <= g.x <= r.end for r in closed) for g in line) \
                    or any(line[0].left < x < line[-1].right for x in open_sides):
                return
            self.hanging.update(line)
            self.glyphs.extend(line)
            reach = max(g.bottom for g in line)

    def trimmed(self, glyphs: list[Glyph]) -> RuledTable:
        """The table without a sliver above its first or below its last rule where only its outer sides run on
        (a table whose cells are boxed apart, ``cellspacing``, draws its frame round the boxes): an open row
        that no inner line reaches and no character fills is no row."""
        rows = sorted(r.at for r in self.rules if r.horizontal)
        if not rows:
            return self
        inner = [r for r in self.rules if not r.horizontal
                 and min(abs(r.at - self.left), abs(r.at - self.right)) > TOLERANCE]
        top, bottom = self.top, self.bottom
        if rows[0] - top > TOLERANCE and not any(r.start < rows[0] - TOLERANCE for r in inner) \
                and not any(self.left <= g.x <= self.right and top <= g.y < rows[0] for g in glyphs):
            top = rows[0]
        if bottom - rows[-1] > TOLERANCE and not any(r.end > rows[-1] + TOLERANCE for r in inner) \
                and not any(self.left <= g.x <= self.right and rows[-1] < g.y <= bottom for g in glyphs):
            bottom = rows[-1]
        if (top, bottom) == (self.top, self.bottom):
            return self
        rules = [r if r.horizontal else Rule(False, r.at, max(r.start, top), min(r.end, bottom)) for r in self.rules]
        return RuledTable(rules, [])

    def band_text(self, top: float, bottom: float) -> str:
        """The characters printed between two heights, in a fixed order: a band printed again on the next
        page gives the same text however its lines fall (rounding puts a character a line higher or lower)."""
        return "".join(sorted(g.text for g in self.glyphs if top <= g.y <= bottom))

    def row_lines(self) -> list[float]:
        """Where rows begin and end: the horizontal rules, and the top and bottom of the table, which a
        continuation on the next page may leave open (its first row goes on from the page before)."""
        return _positions([r.at for r in self.rules if r.horizontal] + [self.top, self.bottom])

    def column_lines(self) -> list[float]:
        return _positions([r.at for r in self.rules if not r.horizontal] + [self.left, self.right])

    def continued_by(self, other: RuledTable) -> bool:
        """Whether ``other``, at the top of the next page, is this table going on: an edge where it was, and the
        column lines of the part that has fewer among the other's (each part may lack some: where a merged
        label runs on without its rule, where a part holds only rows that span them)."""
        if abs(self.left - other.left) > SAME_EDGE and abs(self.right - other.right) > SAME_EDGE:
            return False
        fewer, more = sorted((self.column_lines(), other.column_lines()), key=len)
        return sum(any(abs(x - y) <= SAME_EDGE for y in more) for x in fewer) >= SAME_COLUMNS * len(fewer)

    def without_repeated_heading(self, first: RuledTable) -> RuledTable:
        """This continuation without the heading rows it repeats from the table's first part (Word's and our
        own PDFs print them again on every page)."""
        mine, theirs = self.row_lines(), first.row_lines()
        cut = None
        # the deepest band that both print alike (a character on a row line may fall in a band above or below
        # in one of them: a shallower band can differ where the whole heading agrees)
        for k in range(1, min(len(mine), len(theirs)) - 1):
            text = self.band_text(mine[0], mine[k])
            if text and text == first.band_text(theirs[0], theirs[k]):
                cut = mine[k]
        if cut is None:
            return self
        rules = [r for r in self.rules if not r.horizontal or r.at >= cut - TOLERANCE]
        rules = [r if r.horizontal or r.start >= cut else Rule(False, r.at, cut, r.end) for r in rules
                 if r.horizontal or r.end > cut + TOLERANCE]
        return RuledTable(rules, [g for g in self.glyphs if g.y > cut])

    def followed_by(self, other: RuledTable) -> RuledTable:
        """This table with ``other`` (its continuation on the next page) joined below it."""
        other = other.without_repeated_heading(self)
        shift = self.bottom - other.top
        rules = [Rule(r.horizontal, r.at + shift, r.start, r.end) if r.horizontal
                 else Rule(False, r.at, r.start + shift, r.end + shift) for r in other.rules]
        glyphs = [Glyph(g.text, g.left, g.right, g.top + shift, g.bottom + shift) for g in other.glyphs]
        seams = (*self.seams, self.bottom, *(seam + shift for seam in other.seams))
        # what hung below this part's last rule stays in it, above the continuation
        mine = [g if g not in self.hanging else
                Glyph(g.text, g.left, g.right, self.bottom - TOLERANCE - g.size, self.bottom - TOLERANCE)
                for g in self.glyphs]
        return RuledTable(self.rules + rules, mine + glyphs, seams)


def merge_rules(rules: list[Rule]) -> list[Rule]:
    """Collinear pieces joined: one border drawn twice, or in pieces cell by cell, becomes one line."""
    merged: list[Rule] = []
    for horizontal in (True, False):
        lines = sorted((r for r in rules if r.horizontal == horizontal), key=lambda r: r.at)
        for group in _clusters(lines, lambda r: r.at):
            at = sum(r.at for r in group) / len(group)
            pieces = sorted(group, key=lambda r: r.start)
            start, end = pieces[0].start, pieces[0].end
            for piece in pieces[1:]:
                if piece.start <= end + TOLERANCE:
                    end = max(end, piece.end)
                else:
                    merged.append(Rule(horizontal, at, start, end))
                    start, end = piece.start, piece.end
            merged.append(Rule(horizontal, at, start, end))
    return merged


def _clusters(items: list, position) -> list[list]:
    """Items sorted by ``position`` split where two neighbours lie more than TOLERANCE apart."""
    groups: list[list] = []
    for item in items:
        if groups and position(item) - position(groups[-1][-1]) <= TOLERANCE:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _touch(h: Rule, v: Rule) -> bool:
    return (h.start - TOLERANCE <= v.at <= h.end + TOLERANCE
            and v.start - TOLERANCE <= h.at <= v.end + TOLERANCE)


def find_tables(rules: list[Rule], glyphs: list[Glyph]) -> list[RuledTable]:
    """The tables of one page, top to bottom: groups of touching horizontal and vertical lines (lines under
    or through text are the text's underline or strike-through, not borders; a border drawn twice, round two
    neighbouring cells, is one)."""
    merged = merge_rules(single_borders(rules, glyphs))
    verticals = [r for r in merged if not r.horizontal]
    lines = [r for r in merged if _spans_cells(r, verticals) or not under_text(r, glyphs)]
    parent = list(range(len(lines)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    horizontal = [i for i, r in enumerate(lines) if r.horizontal]
    vertical = sorted((i for i, r in enumerate(lines) if not r.horizontal), key=lambda i: lines[i].at)
    xs = [lines[i].at for i in vertical]
    for h in horizontal:
        rule = lines[h]
        lo = bisect.bisect_left(xs, rule.start - TOLERANCE)
        hi = bisect.bisect_right(xs, rule.end + TOLERANCE)
        for v in vertical[lo:hi]:
            if _touch(rule, lines[v]):
                parent[root(v)] = root(h)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(lines):
        groups.setdefault(root(i), []).append(rule)
    tables = []
    lone = [rules[0] for rules in groups.values() if len(rules) == 1 and not rules[0].horizontal]
    # two columns at least: a frame drawn round the page or a boxed paragraph is no table (a single row may
    # be the end of a table on the page before)
    found = [RuledTable(group, []) for group in groups.values()]
    found = [t for t in found if len(t.row_lines()) >= 2 and len(t.column_lines()) >= MIN_LINES + 1]
    for table in _parts_joined(found):
        group = table.rules
        side = [v for v in lone if _side_of(v, table)]
        if side:
            table = RuledTable(group + side, [])
        table = table.trimmed(glyphs)
        table.glyphs = [g for g in glyphs if table.holds(g)]
        table.take_hanging([g for g in glyphs if not table.holds(g)])
        tables.append(table)
    return sorted(tables, key=lambda t: t.top)


def _parts_joined(tables: list[RuledTable]) -> list[RuledTable]:
    """Parts of one table whose lines do not meet, joined: a cell drawn without the border on its neighbour's
    side (Word's cell styles with borders apart) leaves the columns left of it a group of lines of their own,
    lying over the rest of the table and sharing its edge.  A table nested in another's cell lies inside it,
    away from its edges, and stays a table of its own."""
    parent = list(range(len(tables)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_left = sorted(range(len(tables)), key=lambda i: tables[i].left)
    for k, a in enumerate(by_left):
        for b in by_left[k + 1:]:
            if tables[b].left >= tables[a].right:
                break
            if _parts_of_one(tables[a], tables[b]):
                parent[root(b)] = root(a)
    parts: dict[int, list[Rule]] = {}
    for i, table in enumerate(tables):
        parts.setdefault(root(i), []).extend(table.rules)
    return [tables[i] if len(rules) == len(tables[i].rules) else RuledTable(rules, []) for i, rules in parts.items()]


def _parts_of_one(a: RuledTable, b: RuledTable) -> bool:
    overlap = (min(a.right, b.right) - max(a.left, b.left) > TOLERANCE
               and min(a.bottom, b.bottom) - max(a.top, b.top) > TOLERANCE)
    shared = sum(abs(x - y) <= TOLERANCE for x, y in ((a.left, b.left), (a.right, b.right), (a.top, b.top),
                                                      (a.bottom, b.bottom)))
    return overlap and shared >= 2


def _side_of(rule: Rule, table: RuledTable) -> bool:
    """Whether a vertical line that meets no other is the table's outer border beside a column no rule crosses
    (a tall merged label going on from the page before): as tall as the table, close beside it."""
    height, width = table.bottom - table.top, table.right - table.left
    beside = table.left - width / 3 < rule.at < table.left - TOLERANCE or \
        table.right + TOLERANCE < rule.at < table.right + width / 3
    return (beside and rule.end - rule.start >= 0.8 * height and rule.start >= table.top - TOLERANCE
            and rule.end <= table.bottom + TOLERANCE
            and (abs(rule.start - table.top) <= TOLERANCE or abs(rule.end - table.bottom) <= TOLERANCE))


def build_grid(table: RuledTable) -> Grid:
    """The table as a grid of cells (a merged cell at every position it covers), with each cell's text; a row
    that a page break cut in two is one row again."""
    lines = merge_rules(table.rules)
    grid, ys = _grid(lines, table.glyphs)
    for seam in table.seams:
        k = min(range(len(ys)), key=lambda i: abs(ys[i] - seam))
        if 0 < k < len(grid) and abs(ys[k] - seam) <= TOLERANCE and split_row(_own_texts(grid, k - 1),
                                                                             _own_texts(grid, k)):
            lines = merge_rules([r for r in lines if not (r.horizontal and abs(r.at - ys[k]) <= TOLERANCE)])
            grid, ys = _grid(lines, table.glyphs)
    return grid


def _grid(lines: list[Rule], glyphs: list[Glyph]) -> tuple[Grid, list[float]]:
    """The grid the lines draw, and the y of each row's top line (and of the bottom line); the table's outer
    edges count where no rule is drawn (an open side, a top the page break left open)."""
    outline = RuledTable(lines, [])
    xs, ys = outline.column_lines(), outline.row_lines()
    rows, columns = len(ys) - 1, len(xs) - 1
    check_size(rows * columns)
    by_x = _by_position([r for r in lines if not r.horizontal], xs)
    by_y = _by_position([r for r in lines if r.horizontal], ys)

    def border(found: dict[int, list[Rule]], index: int, low: float, high: float) -> bool:
        middle = (low + high) / 2
        return any(r.start - TOLERANCE <= middle <= r.end + TOLERANCE for r in found.get(index, ()))

    parent = {(r, c): (r, c) for r in range(rows) for c in range(columns)}

    def root(p: tuple[int, int]) -> tuple[int, int]:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    def join(p: tuple[int, int], q: tuple[int, int]) -> None:
        a, b = root(p), root(q)
        if a != b:
            parent[max(a, b)] = min(a, b)   # the top left position names the cell

    for r in range(rows):
        for c in range(columns):
            if c + 1 < columns and not border(by_x, c + 1, ys[r], ys[r + 1]):
                join((r, c), (r, c + 1))
            if r + 1 < rows and not border(by_y, r + 1, xs[c], xs[c + 1]):
                join((r, c), (r + 1, c))
    texts: dict[tuple[int, int], list[Glyph]] = {}
    for glyph in glyphs:
        # a character hanging below the last rule (``take_hanging``) is the last row's
        r = min(bisect.bisect_right(ys, glyph.y) - 1, rows - 1 if glyph.top <= ys[-1] + TOLERANCE else rows)
        c = bisect.bisect_right(xs, glyph.x) - 1
        if 0 <= r < rows and 0 <= c < columns:
            texts.setdefault(root((r, c)), []).append(glyph)
    cells = {origin: GridCell(cell_text(found), origin) for origin, found in texts.items()}
    grid: Grid = []
    for r in range(rows):
        row = []
        for c in range(columns):
            origin = root((r, c))
            row.append(cells.get(origin) or GridCell("", origin))
        grid.append(row)
    return grid, ys


def _own_texts(grid: Grid, r: int) -> list[str]:
    """The texts of the cells that begin in row ``r`` ("" where a cell runs on from a row above)."""
    return [cell.text if cell.origin[0] == r else "" for cell in grid[r]]


def split_row(above: list[str], below: list[str]) -> bool:
    """Whether the rows either side of a page break are one row the break cut in two (Word and WPS let a row
    break across pages): a label goes on, and no column holds a number on one side and anything on the other."""
    if not any(is_number_text(t) for t in above + below) or all(is_blank(t) for t in below) \
            or all(is_blank(t) for t in above):
        return False   # no numbers to join, or a sliver by a frame drawn round boxed cells that holds nothing
    for a, b in zip(above, below):
        if (is_number_text(a) and not is_blank(b)) or (is_number_text(b) and not is_blank(a)):
            return False
    return True


def _spans_cells(rule: Rule, verticals: list[Rule]) -> bool:
    """Whether a horizontal line runs across more than one cell: it meets three vertical lines or more (its
    two ends and one between).  Such a line is a border however close the text above it stands (a table
    set without padding); an underline stays within its cell."""
    if not rule.horizontal:
        return True
    met = {round(v.at) for v in verticals if rule.start - TOLERANCE <= v.at <= rule.end + TOLERANCE
           and v.start - TOLERANCE <= rule.at <= v.end + TOLERANCE}
    return len(met) >= 3


def under_text(rule: Rule, glyphs: list[Glyph]) -> bool:
    """Whether a horizontal line underlines (or strikes through) a run of text: it lies within the lower part
    of printed characters, which cover most of its length, and it reaches no further than they do.  A
    border under a row is as long as its cells, wider than what they print."""
    if not rule.horizontal:
        return False
    run = [g for g in glyphs if g.top + 0.3 * g.size <= rule.at <= g.bottom + 0.3 * g.size
           and rule.start - 0.5 * g.size <= g.x <= rule.end + 0.5 * g.size]
    if not run:
        return False
    size = max(g.size for g in run)
    left, right = min(g.left for g in run), max(g.right for g in run)
    inked = sum(min(g.right, rule.end) - max(g.left, rule.start) for g in run if g.right > rule.start
                and g.left < rule.end)
    return (inked >= 0.6 * (rule.end - rule.start) and rule.start >= left - size
            and rule.end <= right + size)


def _positions(values: list[float]) -> list[float]:
    return [sum(group) / len(group) for group in _clusters(sorted(values), lambda v: v)]


def _by_position(lines: list[Rule], positions: list[float]) -> dict[int, list[Rule]]:
    found: dict[int, list[Rule]] = {}
    for rule in lines:
        k = min(range(len(positions)), key=lambda i: abs(positions[i] - rule.at))
        found.setdefault(k, []).append(rule)
    return found


def text_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Characters grouped into printed lines, top to bottom, each left to right."""
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.y, g.x)):
        if lines:
            last = lines[-1]
            top = min(g.top for g in last)
            bottom = max(g.bottom for g in last)
            overlap = min(bottom, glyph.bottom) - max(top, glyph.top)
            if overlap >= 0.5 * min(bottom - top, glyph.size):
                last.append(glyph)
                continue
        lines.append([glyph])
    return [sorted(line, key=lambda g: g.left) for line in lines]


def line_text(line: list[Glyph]) -> str:
    """A printed line's text; a gap wider than a third of the type size is a space."""
    parts = []
    previous = None
    for glyph in line:
        if previous is not None and glyph.left - previous.right > 0.3 * max(glyph.size, previous.size):
            parts.append(" ")
        parts.append(glyph.text)
        previous = glyph
    return "".join(parts)


def cell_text(glyphs: list[Glyph]) -> str:
    """A cell's lines joined as one text: a wrapped label runs on, as it does in Word's cell."""
    from .text import join_wrapped
    lines = [line_text(line) for line in text_lines(glyphs)]
    return join_wrapped(lines) if lines else ""
