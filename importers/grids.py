"""Tables with a real cell structure (web pages, Word, Excel, tab-separated text) as ``TableSource``s.

A grid is the table expanded to its full width: every position holds the
cell that covers it, so a merged cell appears at each position it spans with
the same ``origin``.  Columns are identified by their headings (自然人,
商业企业 …, 结果维持 …) where the structure is trustworthy, and rows by their
labels, never by fixed positions: hand-made documents add, drop and merge cells.
"""
from __future__ import annotations

from dataclasses import dataclass

from models.form_2021 import ACTIVE_BLOCKS, REQUEST_COLUMNS, REQUEST_ROWS

from .labels import coverage, is_blank, is_number_text, key
from .record import SourceError
from .tables import PACKED, SLOTS, Cell, Row, TableSource, appeal_refs

MAX_SPAN = 100            # a rowspan/colspan beyond any real table is a malformed (or hostile) file
MAX_GRID_CELLS = 100_000  # positions of one table; table 三 has 280


@dataclass(frozen=True)
class GridCell:
    text: str
    origin: tuple[int, int]


Grid = list[list[GridCell]]


def expand(rows: list[list[tuple[str, int, int]]]) -> Grid:
    """A grid from rows of (text, rowspan, colspan), as HTML writes tables."""
    placed: dict[tuple[int, int], GridCell] = {}
    height = len(rows)
    for r, cells in enumerate(rows):
        c = 0
        for text, rowspan, colspan in cells:
            while (r, c) in placed:
                c += 1
            rowspan = max(1, min(rowspan, MAX_SPAN, height - r))
            colspan = max(1, min(colspan, MAX_SPAN))
            check_size(len(placed) + rowspan * colspan)
            cell = GridCell(text, (r, c))
            for dr in range(rowspan):
                for dc in range(colspan):
                    placed.setdefault((r + dr, c + dc), cell)
            c += colspan
    width = max((c for _, c in placed), default=-1) + 1
    check_size(width * height)
    return [[placed.get((r, c), GridCell("", (r, c))) for c in range(width)] for r in range(height)]


def check_size(positions: int) -> None:
    if positions > MAX_GRID_CELLS:
        raise SourceError(f"文件中的表格异常庞大（超过 {MAX_GRID_CELLS} 个单元格），不像是年度报告，已拒绝读取")


def plain(rows: list[list[str]]) -> Grid:
    """A grid of cells without spans (tab-separated text)."""
    return [[GridCell(text, (r, c)) for c, text in enumerate(cells)] for r, cells in enumerate(rows)]


def grid_text(grid: Grid) -> str:
    seen, parts = set(), []
    for row in grid:
        for cell in row:
            if cell.origin not in seen:
                seen.add(cell.origin)
                parts.append(cell.text)
    return key("".join(parts))


def classify(grid: Grid) -> str | None:
    """Which of tables 二–四 a grid is, by what it says."""
    text = grid_text(grid)
    if any(word in text for word in ("本年新收", "申请人情况", "上年结转", "本年度办理结果")):
        return "requests"
    if "复议" in text and "诉讼" in text:
        return "appeals"
    if any(word in text for word in ("第二十条", "行政许可", "行政处罚", "规范性文件", "行政事业性收费")):
        return "active"
    return None


# labels that identify rows of each table, for telling a data row from a heading row
_ROW_LABELS = {
    "active": [label for block in ACTIVE_BLOCKS for label, _ in block.rows] + ["规范性文件", "其他对外管理服务事项",
                                                                               "政府集中采购"],
    "requests": [r.c or r.b or r.a for r in REQUEST_ROWS] + ["（六）其他处理"],
    "appeals": [],
}


def source(grid: Grid, table: str, *, structured: bool = True) -> TableSource:
    """The rows of a grid.  ``structured``: spans are real (web page, Word, Excel), so columns can be found
    by their headings; copied text loses merges, so its numbers are read in order after the label."""
    if structured and table == "requests":
        found = _request_source(grid)
        if found is not None:
            return found
    if structured and table == "appeals":
        found = _appeal_source(grid)
        if found is not None:
            return found
    return _packed_source(grid, table, cut_at_width=not structured)


def _distinct(row: list[GridCell]) -> list[GridCell]:
    """The cells of a row, each once, left to right (a cell merged down from above included)."""
    cells, seen = [], set()
    for cell in row:
        if cell.origin not in seen:
            seen.add(cell.origin)
            cells.append(cell)
    return cells


def _is_label(text: str) -> bool:
    return not is_blank(text) and not is_number_text(text)


def _packed_source(grid: Grid, table: str, *, cut_at_width: bool) -> TableSource:
    """Numbers in order after each row's label.  ``cut_at_width``: copied text whose rows all stop at the
    same number of cells lost the cells beyond (a row that reaches the width may be cut off)."""
    width = max((len(row) for row in grid), default=0)
    rows: list = []
    header: list = []
    for r, row in enumerate(grid):
        cells = _distinct(row)
        last_label = max((i for i, c in enumerate(cells) if _is_label(c.text)), default=-1)
        labels = [c.text for c in cells[:last_label + 1] if not is_blank(c.text)]
        numbers = [Cell(c.text.strip() if c.origin[0] == r else "") for c in cells[last_label + 1:]]
        label = " ".join(labels)
        has_number = any(is_number_text(c.text) for c in numbers)
        if has_number or (numbers and any(coverage(l, label) >= 0.6 for l in _ROW_LABELS[table])):
            rows.append(Row(label, numbers, where=f"第 {len(rows) + 1} 个数据行",
                            truncated=cut_at_width and len(row) == width and len(numbers) > 0))
        else:
            header.append(label)
    return TableSource(table, rows, " ".join(header), PACKED)


# ---------------------------------------------------------------- table 三 by its column headings

# the words that tell table 三's columns by their headings, checked in this order: "其他" also stands in
# "法人或其他组织" above every organisation column; a column's slot is its place in the form
_REQUEST_WORDS = (("natural_person", ("自然人",)), ("commercial", ("商业",)), ("research", ("科研",)),
                  ("nonprofit", ("公益",)), ("legal_service", ("法律服务",)), ("total", ("总计", "合计")),
                  ("other", ("其他",)))
_REQUEST_SLOT = {column: k for k, (column, _) in enumerate(REQUEST_COLUMNS)}
REQUEST_HEADINGS = tuple((_REQUEST_SLOT[column], words) for column, words in _REQUEST_WORDS)


def _request_source(grid: Grid) -> TableSource | None:
    body = next((r for r, row in enumerate(grid)
                 if coverage("本年新收政府信息公开申请数量", "".join(c.text for c in _distinct(row))) >= 0.6), None)
    if not body:
        return None
    slots = _column_slots(grid, body, REQUEST_HEADINGS)
    if slots is None or not {_REQUEST_SLOT[c] for c, _ in REQUEST_COLUMNS[:-1]} <= set(slots.values()):
        return None
    first = min(slots)
    rows = []
    for r in range(body, len(grid)):
        row = grid[r]
        labels, cells, seen = [], [], set()
        for c, cell in enumerate(row):
            if c in slots:
                if cell.origin == (r, c):
                    cells.append(Cell(cell.text.strip(), slot=slots[c]))
                elif cell.origin[1] == c:
                    cells.append(Cell("", slot=slots[c]))   # merged down from the row above
            elif c < first and cell.origin not in seen and not is_blank(cell.text):
                labels.append(cell.text)
            seen.add(cell.origin)
        if cells:
            rows.append(Row(" ".join(labels), cells, where=f"第 {r + 1} 行"))
    header = " ".join(c.text for row in grid[:body] for c in _distinct(row))
    return TableSource("requests", rows, header, SLOTS, total_column=_REQUEST_SLOT["total"] in slots.values())


def _column_slots(grid: Grid, body: int, headings) -> dict[int, int] | None:
    """Grid column → the form's column, from the heading cells above ``body``; ``None`` if ambiguous."""
    slots: dict[int, int] = {}
    width = max(len(row) for row in grid)
    for c in range(width):
        texts, seen = [], set()
        for row in grid[:body]:
            if c < len(row) and row[c].origin not in seen:
                seen.add(row[c].origin)
                texts.append(row[c].text)
        text = key("".join(texts))
        slot = next((s for s, words in headings if any(w in text for w in words)), None)
        if slot is not None:
            if slot in slots.values():
                return None
            slots[c] = slot
    return slots


# ---------------------------------------------------------------- table 四 by its column headings

# the words that tell table 四's groups and items by their headings, checked in this order ("复议后起诉" also
# says 复议); a column's slot is its cell's place in the form
_APPEAL_GROUP_WORDS = (("litigation_after_review", ("复议后起诉",)), ("litigation_direct", ("未经复议", "直接起诉")),
                       ("review", ("行政复议",)))
_APPEAL_ITEM_WORDS = (("upheld", ("维持",)), ("corrected", ("纠正",)), ("pending", ("尚未", "审结")),
                      ("total", ("总计", "合计")), ("other", ("其他",)))
_APPEAL_SLOT = {ref.key: k for k, ref in enumerate(appeal_refs())}


def _appeal_slot(text: str) -> int | None:
    group = next((g for g, words in _APPEAL_GROUP_WORDS if any(w in text for w in words)), None)
    item = next((i for i, words in _APPEAL_ITEM_WORDS if any(w in text for w in words)), None)
    return _APPEAL_SLOT[f"{group}.{item}"] if group and item else None


def _appeal_source(grid: Grid) -> TableSource | None:
    data = [r for r, row in enumerate(grid) if not any(_is_label(c.text) for c in row)]
    if not data or data[0] == 0:
        return None
    body = data[0]
    width = len(_APPEAL_SLOT)
    slots: dict[int, int] = {}
    for c in range(max(len(row) for row in grid)):
        texts, seen = [], set()
        for row in grid[:body]:
            if c < len(row) and row[c].origin not in seen:
                seen.add(row[c].origin)
                texts.append(row[c].text)
        slot = _appeal_slot(key("".join(texts)))
        if slot is not None:
            if slot in slots.values():
                return None
            slots[c] = slot
    if len(slots) != width:
        return None
    rows = []
    for r in data:
        cells = [Cell(grid[r][c].text.strip(), slot=s) for c, s in slots.items()
                 if c < len(grid[r]) and grid[r][c].origin == (r, c)]
        if cells:
            rows.append(Row("", cells, where=f"第 {r + 1} 行"))
    header = " ".join(c.text for row in grid[:body] for c in _distinct(row))
    return TableSource("appeals", rows, header, SLOTS)
