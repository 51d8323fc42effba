"""Measures every writer shares, so the DOCX, the PDF and the XLSX agree on where things go.

``fit_table`` gives a table's column widths and its one font size: each number
column is at least as wide as the widest number the report prints in it, so a
number never wraps; the label columns give up the width and wrap.  When even
that does not fit the text width, the whole table is set one step smaller
(never a single cell).  ``common.signature_box`` places the 落款 as GB/T 9704 §7.3.5
lays it out: the date four characters from the right edge, the agency centred
over the date.  ``label_lines`` breaks every label of a table into the lines
all three writers print, by the one rule of ``models.line_breaking``, so a
row is as tall in the DOCX as in the PDF and no line starts with "）".
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from models.line_breaking import balanced_lines, is_wide, text_breaks

from . import common
from .common import Table

Measure = Callable[[str, float], float]   # (text, point size) → width in points

# Half-width characters are at most this wide, in em, in the faces a viewer may put in place of
# 宋体 or Times New Roman (DejaVu's digits are 0.636 em, Noto's and Liberation's 0.5–0.6)
NARROW_EM = 0.64
SIZE_STEP_PT = 0.5
LABEL_MIN_CHARS = 2       # any column keeps room for two characters a line
# a column of row labels keeps at least this share of the width the form gives it: half while the table can
# still be set smaller, less at the smallest size
LABEL_MIN_SHARES = (0.5, 0.3)


def estimate_width(text: str, point_size: float) -> float:
    """Width in points of ``text`` set at ``point_size``, erring on the wide side (no font at hand)."""
    return sum(point_size if is_wide(ch) else point_size * NARROW_EM for ch in text)


@dataclass(frozen=True)
class TableFit:
    font_pt: float
    widths: tuple[float, ...]     # column widths in points, summing to the text width
    fits: bool                    # False: even at the smallest size some number is wider than its column


def fit_table(block: Table, text_width: float = common.TEXT_WIDTH_PT, measure: Measure = estimate_width,
              pad: float = 2 * common.CELL_PAD_X_MM * common.MM_TO_PT, slack: float = 1.0) -> TableFit:
    """Column widths and font size of ``block`` so that every number of the report stays on one line."""
    sizes = []
    size = common.TABLE_PT
    while size >= common.MIN_TABLE_PT - 0.01:
        sizes.append((size, LABEL_MIN_SHARES[0]))
        size -= SIZE_STEP_PT
    sizes += [(sizes[-1][0], share) for share in LABEL_MIN_SHARES[1:]]
    for size, share in sizes:
        minimums = _minimums(block, size, measure, pad + slack, text_width, share)
        if sum(minimums) <= text_width + 0.01:
            break
    fits = sum(minimums) <= text_width + 0.01
    if not fits:
        scale = text_width / sum(minimums)
        return TableFit(size, tuple(m * scale for m in minimums), False)
    return TableFit(size, _proportional(block.table.column_widths, minimums, text_width), True)


LABEL_SLACK_PT = 1.0   # a label's line keeps this much room, so a viewer whose face is a little wider keeps it


def cell_pad() -> float:
    """Left plus right padding of a table cell, in points."""
    return 2 * common.CELL_PAD_X_MM * common.MM_TO_PT


def label_lines(block: Table, fit: TableFit) -> dict[tuple[int, int], tuple[str, ...]]:
    """The printed lines of every label of ``block`` at ``fit``: fewest lines, even, never a "）" first."""
    result = {}
    for cell in block.table.cells:
        text = block.text_of(cell)
        if cell.is_number or not text:
            continue
        width = sum(fit.widths[cell.col:cell.col + cell.colspan]) - cell_pad() - LABEL_SLACK_PT
        lines: list[str] = []
        for part in text.split("\n"):
            lines += balanced_lines(part, width, lambda t: estimate_width(t, fit.font_pt), text_breaks(part),
                                    keep_words=False) or [""]
        result[(cell.row, cell.col)] = tuple(lines)
    return result


def table_line_pt(fit: TableFit) -> float:
    """The exact spacing of a table's lines."""
    return fit.font_pt * common.TABLE_LINE_FACTOR


def row_heights_pt(block: Table, fit: TableFit, lines: dict[tuple[int, int], tuple[str, ...]]) -> list[float]:
    """Each row's height: at least ``MIN_ROW_MM``, tall enough for its labels' lines (a merged label's
    shortfall shared among its rows)."""
    table = block.table
    line = table_line_pt(fit)
    heights = [common.MIN_ROW_MM * common.MM_TO_PT] * table.n_rows
    for cell in sorted(table.cells, key=lambda c: c.rowspan):
        count = len(lines.get((cell.row, cell.col), ())) or (1 if block.text_of(cell) else 0)
        spread(heights, cell.row, cell.rowspan, count * line)
    return heights


def overflow_warning(block: Table, fit: TableFit) -> str | None:
    """A Chinese note when some number of ``block`` cannot stay on one line, else None."""
    if fit.fits:
        return None
    return (f"{block.table.caption}的数字位数过多，整表缩小到 {fit.font_pt:g} 磅仍排不下，个别数字会折成两行，"
            "请核对数字后再打印")


def _minimums(block: Table, size: float, measure: Measure, pad: float, text_width: float,
              label_share: float) -> list[float]:
    table = block.table
    weights = table.column_widths
    number_columns = {cell.col for cell in table.cells if cell.is_number}
    minimums = [LABEL_MIN_CHARS * size + pad] * table.n_cols
    for col in set(range(table.n_cols)) - number_columns:
        # row labels wrapped a character a line would make rows pages tall
        minimums[col] = max(minimums[col], label_share * text_width * weights[col] / sum(weights))
    spanning = []
    for cell in table.cells:
        text = block.text_of(cell)
        if not text:
            continue
        if cell.is_number:
            need = measure(text, size) + pad
        else:
            # a label's widest piece that no break may cut ("（三）": a line never starts with "）")
            need = max(estimate_width(piece, size) for piece in unbreakable_pieces(text)) + pad + LABEL_SLACK_PT
        if cell.colspan == 1:
            minimums[cell.col] = max(minimums[cell.col], need)
        else:
            spanning.append((cell, need))
    for cell, need in spanning:
        spread(minimums, cell.col, cell.colspan, need)
    return minimums


def unbreakable_pieces(text: str) -> list[str]:
    """The pieces of a label between the breaks the 禁则 allow."""
    pieces = []
    for part in text.split("\n"):
        cuts = [0] + sorted(text_breaks(part)) + [len(part)]
        pieces += [part[a:b] for a, b in zip(cuts, cuts[1:]) if part[a:b]]
    return pieces or [text]


def spread(sizes: list[float], start: int, span: int, need: float) -> None:
    """A merged cell that needs more than its columns (or rows) give: the shortfall shared among them equally."""
    short = need - sum(sizes[start:start + span])
    if short > 0:
        for i in range(start, start + span):
            sizes[i] += short / span


def _proportional(weights: tuple[float, ...], minimums: list[float], total: float) -> tuple[float, ...]:
    """Widths as near the form's proportions as the minimums allow."""
    fixed: dict[int, float] = {}
    while True:
        free = [c for c in range(len(weights)) if c not in fixed]
        rest = total - sum(fixed.values())
        weight = sum(weights[c] for c in free)
        shares = {c: rest * weights[c] / weight for c in free}
        under = [c for c in free if shares[c] < minimums[c]]
        if not under:
            break
        for c in under:
            fixed[c] = minimums[c]
    widths = [fixed.get(c, shares.get(c, 0.0)) for c in range(len(weights))]
    return tuple(widths)


# ---------------------------------------------------------------- table 二's group rows

GROUP_ROW_FILL = "C6D9F1"   # the official template's shading of 第二十条第（一）项 and the like


def is_group_row(table, cell) -> bool:
    """A label across the whole width of a table without a column header (表二's "第二十条第（一）项"): the
    official template shades it and sets it flush left."""
    return not cell.is_number and table.header_rows == 0 and cell.colspan == table.n_cols
