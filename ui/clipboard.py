"""Copy and paste between a table of the form and a spreadsheet (tab-separated text).

A pasted block lands cell for cell from the current cell, as it would in
Excel: whatever falls on a label, a total or the hidden part of a merged cell
is skipped, so a block copied from the official table in Excel or WPS (labels,
总计 column and （七）总计 row included) fills exactly the input cells.  The
paste is all or nothing: every value that is not a number is named with its
cell and nothing changes.
"""
from __future__ import annotations

from dataclasses import dataclass

from models.form import CellRef, FormDef, Role, TableDef
from models.numbers import NumberError, Value, parse_value, quoted_entry


class PasteError(ValueError):
    """A paste that is refused as a whole; ``str()`` names every bad cell in Chinese."""


@dataclass
class PastePlan:
    pairs: list[tuple[CellRef, Value]]  # the input cells to set
    skipped: int                         # values that fell on labels or totals
    outside: int                         # values beyond the edge of the table


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of cells from Excel/WPS clipboard text (CRLF or LF, trailing newline, quoted cells)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    rows: list[list[str]] = [[]]
    i = 0
    while True:
        cell, i = _read_cell(text, i)
        rows[-1].append(cell)
        if i >= len(text):
            return rows
        if text[i] == "\n":
            rows.append([])
        i += 1


def _read_cell(text: str, i: int) -> tuple[str, int]:
    """One cell starting at ``i`` and the position of the separator after it."""
    if text.startswith('"', i):
        # Excel quotes a cell holding a tab, newline or quote: "a""b" is a"b
        chars, j = [], i + 1
        while j < len(text):
            if text[j] == '"':
                if text.startswith('"', j + 1):
                    chars.append('"')
                    j += 2
                    continue
                if j + 1 == len(text) or text[j + 1] in "\t\n":
                    return "".join(chars), j + 1
                break
            chars.append(text[j])
            j += 1
        # not a well-formed quoted cell: the quote is part of the text
    end = i
    while end < len(text) and text[end] not in "\t\n":
        end += 1
    return text[i:end], end


def to_tsv(rows: list[list[str]]) -> str:
    """Clipboard text for a block of cells; cells with a tab, newline or quote are quoted as Excel does."""
    def quote(cell: str) -> str:
        if any(ch in cell for ch in '\t\n"'):
            return '"' + cell.replace('"', '""') + '"'
        return cell
    return "".join("\t".join(quote(c) for c in row) + "\n" for row in rows)


def plan_paste(form: FormDef, table: TableDef, start_row: int, start_col: int,
               rows: list[list[str]]) -> PastePlan:
    """The values a paste at (start_row, start_col) would set; PasteError if any is not acceptable."""
    pairs: list[tuple[CellRef, Value]] = []
    bad: list[str] = []
    skipped = outside = 0
    for i, values in enumerate(rows):
        for j, text in enumerate(values):
            r, c = start_row + i, start_col + j
            if r >= table.n_rows or c >= table.n_cols:
                outside += bool(text.strip())
                continue
            cell = table.cell_at(r, c)
            ref = cell.ref
            if ref is None or cell.role is not Role.INPUT or (cell.row, cell.col) != (r, c):
                skipped += bool(text.strip())
                continue
            try:
                pairs.append((ref, parse_value(text, form.definition(ref).kind)))  # type: ignore[union-attr]
            except NumberError as e:
                bad.append(f"{form.name_of(ref)} 的{quoted_entry(text)}{e}")
    if bad:
        raise PasteError(refusal(bad, "整块粘贴均未修改"))
    return PastePlan(pairs, skipped, outside)


def refusal(bad: list[str], outcome: str) -> str:
    """Every bad cell of a refused paste, in one message."""
    if len(bad) == 1:
        return f"粘贴未执行：{bad[0]}（{outcome}）"
    return f"粘贴未执行，有 {len(bad)} 个值不能接受（{outcome}）：" + "；".join(bad)


def plan_fill(form: FormDef, refs: list[CellRef], text: str) -> list[tuple[CellRef, Value]]:
    """One copied value pasted over a selection of several cells: every selected input gets it."""
    pairs, bad = [], []
    for ref in refs:
        try:
            pairs.append((ref, parse_value(text, form.definition(ref).kind)))  # type: ignore[union-attr]
        except NumberError as e:
            bad.append(f"{form.name_of(ref)} 的{quoted_entry(text)}{e}")
    if bad:
        raise PasteError(refusal(bad, "均未修改"))
    return pairs
