"""Borders printed twice, round cells boxed apart, made one line; lines that only look like it left alone.

No PDF here: the ruled lines are written as a browser draws them (HTML's separated borders: each cell a box
of its own, the boxes ``spacing`` apart, a frame round them), the characters in the cells' middles.
"""
import pytest

from importers.doubled import single_borders
from importers.pdf_content import Glyph, Rule
from importers.ruled import build_grid, find_tables

TYPE = 10.0   # points: the characters' size
LINE = 0.75   # points: a 1-px border


def glyph(text, x, y):
    return Glyph(text, x - TYPE / 2, x + TYPE / 2, y - TYPE / 2, y + TYPE / 2)


def h(y, x0, x1):
    return Rule(True, y, x0, x1)


def v(x, y0, y1):
    return Rule(False, x, y0, y1)


def box(left, top, right, bottom):
    """A box's four sides, each reaching the outer edge of the sides it meets (as browsers draw them)."""
    half = LINE / 2
    return [h(top, left - half, right + half), h(bottom, left - half, right + half),
            v(left, top - half, bottom + half), v(right, top - half, bottom + half)]


# a table of three columns and three rows: a heading over the two number columns, a label spanning two rows
XS, YS = (0.0, 120.0, 180.0, 240.0), (0.0, 24.0, 48.0, 72.0)
CELLS = [((0, 0, 1, 1), "项目"), ((0, 1, 1, 3), "数量"), ((1, 0, 3, 1), "三"), ((1, 1, 2, 2), "5"),
         ((1, 2, 2, 3), "6"), ((2, 1, 3, 2), "7"), ((2, 2, 3, 3), "8")]
EXPECTED = [["项目", "数量", "数量"], ["三", "5", "6"], ["三", "7", "8"]]


def boxed_apart(spacing, frame=True, cells=CELLS, ys=YS):
    """The table's rules, each cell boxed on its own ``spacing`` from its neighbours (the rows' borders at
    ``ys``), and its characters."""
    inset = (spacing + LINE) / 2
    rules, glyphs = [], []
    for (r0, c0, r1, c1), text in cells:
        rules += box(XS[c0] + inset, ys[r0] + inset, XS[c1] - inset, ys[r1] - inset)
        x, y = (XS[c0] + XS[c1]) / 2, (ys[r0] + ys[r1]) / 2
        glyphs += [glyph(t, x + (k - len(text) / 2) * TYPE, y) for k, t in enumerate(text)]
    if frame:
        rules += box(XS[0] - inset, ys[0] - inset, XS[-1] + inset, ys[-1] + inset)
    return rules, glyphs


def grid_texts(rules, glyphs):
    table, = find_tables(rules, glyphs)
    return [[cell.text for cell in row] for row in build_grid(table)]


@pytest.mark.parametrize("spacing", [0.0, 0.75, 1.5, 3.0, 7.5, 15.0])   # 0–10 px, and 20 px round 10-pt type
@pytest.mark.parametrize("frame", [True, False])
def test_cells_boxed_apart_are_the_cells_of_one_grid(spacing, frame):
    # the boxes at least as tall as the gaps between them (a gap wider than the cells beside it is empty table)
    ys = YS if spacing < TYPE else tuple(2 * y for y in YS)
    rules, glyphs = boxed_apart(spacing, frame, ys=ys)
    assert grid_texts(rules, glyphs) == EXPECTED


def test_each_border_goes_in_the_middle_of_its_gap_and_the_boxes_meet_there():
    rules, glyphs = boxed_apart(3.0, frame=True)
    lines = single_borders(rules, glyphs)
    assert sorted({round(r.at, 3) for r in lines if not r.horizontal}) == list(XS)
    assert sorted({round(r.at, 3) for r in lines if r.horizontal}) == list(YS)
    inner = [r for r in lines if r.horizontal and r.at == YS[1]]
    assert min(r.start for r in inner) == XS[0] and max(r.end for r in inner) == XS[-1]


def collapsed(extra=()):
    """The same table with its borders collapsed, each cell's sides drawn on their own (a browser's way)."""
    rules = [h(y, XS[c], XS[c + 1]) for y in YS for c in range(3)] + list(extra)
    rules += [v(x, YS[r], YS[r + 1]) for x in (XS[0], XS[-1]) for r in range(3)]
    rules += [v(XS[1], YS[r], YS[r + 1]) for r in range(3)] + [v(XS[2], YS[r], YS[r + 1]) for r in (1, 2)]
    glyphs = [glyph("项", 60, 12), glyph("三", 60, 48), glyph("5", 150, 36), glyph("8", 210, 60)]
    return rules, glyphs


def positions(rules):
    return sorted((r.horizontal, round(r.at, 3), round(r.start, 3), round(r.end, 3)) for r in rules)


def test_a_collapsed_table_is_left_as_drawn():
    """Empty cells (6, 7) and the heading's empty part over the number columns: their lines have nothing between
    them, but cells' sides cross the empty cells, and the heading's lines run on into the cell that holds 项."""
    rules, glyphs = collapsed()
    assert positions(single_borders(rules, glyphs)) == positions(rules)


def test_a_thin_empty_row_of_a_collapsed_table_is_left_as_drawn():
    thin = [h(y, XS[0], XS[-1]) for y in (80.0, 83.0)] + [v(x, 80.0, 83.0) for x in XS]
    rules, glyphs = collapsed(thin)
    assert positions(single_borders(rules, glyphs)) == positions(rules)


def test_an_empty_corner_wider_than_the_cells_beside_it_is_no_gap():
    """Beside a short box in the last row, under a tall box that ends a row early, the table is empty: a band
    between two lines with nothing in it, but wider than the cell below it."""
    cells = [((0, 0, 2, 1), "三"), ((0, 1, 1, 3), "一"), ((1, 1, 2, 3), "七"), ((2, 0, 3, 3), "四")]
    spacing = 7.5
    rules, glyphs = boxed_apart(spacing, frame=False, cells=cells)
    inset = (spacing + LINE) / 2
    # the tall box stops a row early, as Chromium draws a rowspan that a page break cut
    rules = [r for r in rules if not (r.horizontal and r.at == YS[2] - inset and r.end < XS[1])]
    rules = [Rule(r.horizontal, r.at, r.start, YS[1] - inset + LINE / 2) if not r.horizontal and r.at in (
        XS[0] + inset, XS[1] - inset) and r.end > YS[1] else r for r in rules]
    rules += [h(YS[1] - inset, XS[0] + inset - LINE / 2, XS[1] - inset + LINE / 2)]
    lines = single_borders(rules, glyphs)
    rows = sorted({round(r.at, 3) for r in lines if r.horizontal})
    assert YS[2] in rows and YS[1] in rows   # the last two rows kept apart, the empty corner not taken for a gap


def test_a_box_beside_a_taller_box_meets_its_neighbours_on_one_line():
    """Where a tall box on the left ends, the box below-right goes on a gap aside: one column line."""
    cells = [((0, 0, 2, 1), "三"), ((0, 1, 1, 3), "一"), ((1, 1, 2, 3), "二"), ((2, 1, 3, 3), "七"),
             ((2, 0, 3, 1), "")]
    rules, glyphs = boxed_apart(7.5, frame=True, cells=cells)
    inset = (7.5 + LINE) / 2
    rules = [r for r in rules if not (r.start >= YS[2] and not r.horizontal and r.at < XS[1])
             and not (r.horizontal and r.at > YS[2] and r.end < XS[1])]   # no box in the corner
    lines = single_borders(rules, glyphs)
    # no cell of these divides the columns at XS[2]
    assert sorted({round(r.at, 3) for r in lines if not r.horizontal}) == [XS[0], XS[1], XS[3]]
    assert {XS[1] - inset, XS[1] + inset}.isdisjoint(r.at for r in lines if not r.horizontal)


def test_a_double_border_that_rows_are_ruled_across_is_one():
    """LibreOffice prints ``border="5"`` as two lines 2.5 pt apart that the rows' lines run across (or end at)."""
    rules = [h(y, -2.5, 240) for y in YS] + [v(x, 0, 72) for x in (-2.5, 0.0, 120.0, 122.5, 240.0)]
    glyphs = [glyph("甲", 60, 12), glyph("1", 180, 12), glyph("乙", 60, 36), glyph("2", 180, 36)]
    lines = single_borders(rules, glyphs)
    assert sorted({r.at for r in lines if not r.horizontal}) == [-1.25, 121.25, 240.0]


def test_a_narrow_empty_column_whose_sides_end_at_its_lines_stays():
    """The same lines, but the rows' lines stop at the two: a narrow column of empty cells, not a border."""
    rules = [h(y, 0, 120) for y in YS] + [h(y, 122.5, 240) for y in YS] + [h(y, 120, 122.5) for y in YS]
    rules += [v(x, 0, 72) for x in (0.0, 120.0, 122.5, 240.0)]
    glyphs = [glyph("甲", 60, 12), glyph("1", 180, 12)]
    assert positions(single_borders(rules, glyphs)) == positions(rules)


def test_an_underline_just_above_a_row_line_is_left_as_drawn():
    """LibreOffice underlines a label's last line a little above the row's line: two parallel lines with nothing
    between them, but the row's line is crossed by the columns' lines and the underline is not."""
    rules, glyphs = collapsed()
    bottom = YS[1]   # the label 项 (centred at 12, its foot at 17) underlined 2.8 pt above the row's line
    underline = h(bottom - 2.8, 55, 65)
    rules = [*rules, underline, v(XS[1] + 30, YS[0], YS[2])]   # a column line running across the row's line
    assert positions(single_borders(rules, glyphs)) == positions(rules)
