"""The shape of a report form: sections, tables and their cells.

The classes here describe a form; the 2021 form itself is declared in
``models.form_2021``.  Every consumer (grid, checks, exporters, importers)
reads these objects, so no table layout is written twice.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

# The keys of every table a form declares (table id → keys), filled as the tables are built.
_DECLARED: dict[str, set[str]] = {}


class _Cell(NamedTuple):
    table: str
    key: str


class CellRef(_Cell):
    """A number of the report: the table it lives in and its stable key.

    ``key`` is ``"rules.issued"`` in table 二, ``"new.natural_person"`` in
    table 三 and ``"review.upheld"`` in table 四 (row, then column).  A key no
    declared table has raises ``KeyError`` at once: a misspelt cell is never
    a silently blank one.
    """

    __slots__ = ()

    def __new__(cls, table: str, key: str) -> CellRef:
        if key not in _DECLARED.get(table, ()):
            raise KeyError(f"表格 {table} 没有单元格 {key}")
        return _Cell.__new__(cls, table, key)

    @classmethod
    def declare(cls, table: str, key: str) -> CellRef:
        """A cell of a table being declared (only the form's builders, before the table exists)."""
        return _Cell.__new__(cls, table, key)

    def __reduce__(self):
        return CellRef.declare, (self.table, self.key)

    def __str__(self) -> str:
        return f"{self.table}.{self.key}"

    @property
    def row(self) -> str:
        return self.key.rsplit(".", 1)[0] if "." in self.key else self.key

    @property
    def column(self) -> str:
        return self.key.rsplit(".", 1)[1] if "." in self.key else ""


class Role(Enum):
    LABEL = "label"        # printed text (headers and row labels)
    INPUT = "input"        # a number the clerk enters
    COMPUTED = "computed"  # a total, derived from other cells


class NumberKind(Enum):
    COUNT = "count"      # integer 0..999,999,999
    DECIMAL = "decimal"  # non-negative decimal kept as typed (fees, 万元)


@dataclass(frozen=True)
class GridCell:
    """One cell of a table as printed: its top-left position and spans."""

    row: int
    col: int
    role: Role
    text: str = ""
    ref: CellRef | None = None
    rowspan: int = 1
    colspan: int = 1
    header: bool = False  # part of the column header (repeated on each page)

    @property
    def is_number(self) -> bool:
        return self.role is not Role.LABEL


PLACE_SEPARATOR = " · "  # between a cell's row and column labels: "一、本年新收政府信息公开申请数量 · 自然人"


@dataclass(frozen=True)
class NumberDef:
    ref: CellRef
    kind: NumberKind
    row_label: str     # the row as a person names it: "规章", "一、本年新收政府信息公开申请数量"
    column_label: str  # the column: "本年制发件数", "自然人"

    @property
    def name(self) -> str:
        """The cell within its table, in words: "规章 · 本年制发件数"."""
        return f"{self.row_label}{PLACE_SEPARATOR}{self.column_label}"


@dataclass(frozen=True)
class ComputedDef:
    """A total: the sum of ``terms`` (which may themselves be computed)."""

    ref: CellRef
    terms: tuple[CellRef, ...]
    row_label: str
    column_label: str

    @property
    def name(self) -> str:
        return f"{self.row_label}{PLACE_SEPARATOR}{self.column_label}"


@dataclass(frozen=True)
class Balance:
    """An identity that holds in every number column: sum of ``left`` rows = sum of ``right`` rows.

    Table 三 prints it in its corner cell (一 + 二 = （七）总计 + 四); the check
    T3-BAL and the window's 核对 row both read it from here.
    """

    left: tuple[str, ...]    # row keys
    right: tuple[str, ...]
    columns: tuple[str, ...]  # column keys, in printed order
    left_label: str           # "一+二"
    right_label: str          # "（七）总计+四"

    def refs(self, table: str, column: str) -> tuple[CellRef, ...]:
        """The cells of one column: the left rows, then the right rows."""
        return tuple(CellRef(table, f"{row}.{column}") for row in self.left + self.right)

    def column(self, table: str, column: str, value: Callable[[CellRef], object]) -> ColumnBalance | None:
        """How one column stands, reading each cell through ``value``; ``None`` while the column is blank.

        A blank cell (or anything but a count) weighs 0 beside filled ones.
        """
        values = [value(ref) for ref in self.refs(table, column)]
        if all(v is None for v in values):
            return None
        counts = tuple(v if isinstance(v, int) else 0 for v in values)
        return ColumnBalance(self, column, counts[:len(self.left)], counts[len(self.left):])


@dataclass(frozen=True)
class ColumnBalance:
    """One column of a balance identity as the numbers stand: the counts on each side."""

    identity: Balance
    column: str
    left: tuple[int, ...]
    right: tuple[int, ...]

    @property
    def left_total(self) -> int:
        return sum(self.left)

    @property
    def right_total(self) -> int:
        return sum(self.right)

    @property
    def difference(self) -> int:
        """Left minus right: 0 when the column balances."""
        return self.left_total - self.right_total

    @property
    def heavier(self) -> str:
        """The label of the side that holds more ("一+二"); "" when balanced."""
        if self.difference == 0:
            return ""
        return self.identity.left_label if self.difference > 0 else self.identity.right_label


TALL_SPAN = 10  # rows: a label spanning more sits at the top, or it would fall below the first screen


@dataclass(frozen=True)
class TableDef:
    id: str
    section: str          # id of the section that holds it
    caption: str          # e.g. "表三"
    n_rows: int
    n_cols: int
    cells: tuple[GridCell, ...]
    header_rows: int      # leading rows that form the column header
    column_widths: tuple[float, ...]  # relative widths, in characters
    inputs: tuple[NumberDef, ...] = ()
    computed: tuple[ComputedDef, ...] = ()  # in dependency order
    balance: Balance | None = None
    _grid: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        grid = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    if (r, c) in grid:
                        raise ValueError(f"{self.id}: overlapping cells at {(r, c)}")
                    grid[(r, c)] = cell
        missing = [(r, c) for r in range(self.n_rows) for c in range(self.n_cols) if (r, c) not in grid]
        if missing:
            raise ValueError(f"{self.id}: uncovered grid positions {missing[:5]}")
        self._grid.update(grid)
        _DECLARED.setdefault(self.id, set()).update(c.ref.key for c in self.cells if c.ref is not None)

    def row_label(self, row: str) -> str:
        """A row's label as a person names it ("二、上年结转政府信息公开申请数量"); KeyError for no such row."""
        for d in self.inputs + self.computed:
            if d.ref.row == row:
                return d.row_label
        raise KeyError(f"{self.caption}没有行 {row}")

    def column_label(self, column: str) -> str:
        """A column's label ("自然人", "结果维持"); KeyError for no such column."""
        for d in self.inputs + self.computed:
            if d.ref.column == column:
                return d.column_label
        raise KeyError(f"{self.caption}没有列 {column}")

    def cell_at(self, row: int, col: int) -> GridCell:
        """The cell covering (row, col), spans included."""
        return self._grid[(row, col)]

    def position(self, ref: CellRef) -> tuple[int, int]:
        return self._positions()[ref]

    def _positions(self) -> dict[CellRef, tuple[int, int]]:
        cached = self._grid.get("positions")
        if cached is None:
            cached = {c.ref: (c.row, c.col) for c in self.cells if c.ref is not None}
            self._grid["positions"] = cached
        return cached

    @property
    def refs(self) -> tuple[CellRef, ...]:
        return tuple(d.ref for d in self.inputs) + tuple(d.ref for d in self.computed)

    @property
    def first_number_col(self) -> int:
        return min(c.col for c in self.cells if c.is_number)

    def row_labels(self, row: int) -> tuple[str, ...]:
        """The labels that name a row, left to right ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密")."""
        labels: list[GridCell] = []
        for col in range(self.first_number_col):
            cell = self.cell_at(row, col)
            if cell.role is Role.LABEL and cell.text and not cell.header and cell not in labels:
                labels.append(cell)
        return tuple(c.text for c in labels)

    def column_labels(self, row: int, col: int) -> tuple[str, ...]:
        """The headings over a cell, top to bottom ("行政诉讼", "未经复议直接起诉", "结果维持").

        The labels straight above it in its column, up to the numbers of the block above; a heading over
        every number column ("申请人情况", "第二十条第（一）项") names no column and is left out, unless
        nothing nearer does ("本年收费金额（单位：万元）").
        """
        first, found = self.first_number_col, False
        headings: list[GridCell] = []
        for r in range(row - 1, -1, -1):
            cell = self.cell_at(r, col)
            if cell.is_number:
                if found:
                    break
                continue
            found = True
            over_all = cell.col <= first and cell.col + cell.colspan >= self.n_cols
            if cell.text and not (over_all and headings) and cell not in headings:
                headings.append(cell)
        return tuple(c.text for c in reversed(headings))

    def labels_of(self, ref: CellRef) -> tuple[str, ...]:
        """A number's name in the printed table's own words: its row's labels, then its column's headings."""
        row, col = self.position(ref)
        return self.row_labels(row) + self.column_labels(row, col)

    def alignment(self, cell: GridCell) -> str:
        """How a cell's text sits, on the screen and in every exported file: "left" for a row label,
        "top" for a tall merged label, else "center".

        A row label is a label one row high with numbers to its right, outside
        the column header, or a group's label across the whole width of a table
        without a column header (表二's "第二十条第（一）项", flush left in the
        official template); headings and numbers are centred.
        """
        if cell.role is not Role.LABEL:
            return "center"
        if cell.rowspan > TALL_SPAN:
            return "top"
        if self.header_rows == 0 and cell.colspan == self.n_cols:
            return "left"
        has_numbers = any(self.cell_at(cell.row, c).is_number for c in range(cell.col + cell.colspan, self.n_cols))
        return "left" if has_numbers and cell.rowspan == 1 and not cell.header else "center"


@dataclass(frozen=True)
class SectionDef:
    id: str
    numeral: str       # 一 … 六
    title: str         # verbatim, e.g. "一、总体情况"
    kind: str          # "narrative" or "table"
    default_subheads: tuple[str, ...] = ()
    hint: str = ""
    restructurable: bool = False  # the clerk may add, remove and move its sub-heads


@dataclass(frozen=True)
class FormDef:
    id: str
    name: str
    sections: tuple[SectionDef, ...]
    tables: tuple[TableDef, ...]
    _index: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for table in self.tables:
            definitions: tuple[NumberDef | ComputedDef, ...] = table.inputs + table.computed
            for d in definitions:
                self._index[d.ref] = d

    def section(self, section_id: str) -> SectionDef:
        return next(s for s in self.sections if s.id == section_id)

    def table(self, table_id: str) -> TableDef:
        return next(t for t in self.tables if t.id == table_id)

    @property
    def narrative_sections(self) -> tuple[SectionDef, ...]:
        return tuple(s for s in self.sections if s.kind == "narrative")

    @property
    def inputs(self) -> tuple[NumberDef, ...]:
        return tuple(d for t in self.tables for d in t.inputs)

    @property
    def computed(self) -> tuple[ComputedDef, ...]:
        return tuple(d for t in self.tables for d in t.computed)

    def ref(self, table: str, key: str) -> CellRef:
        """The cell ``table.key``; KeyError at once when the form has no such cell.

        Code outside the form names cells through this, so a misspelt key fails
        when its module is imported (at start-up), never silently at run time.
        """
        ref = CellRef(table, key)
        if ref not in self._index:
            raise KeyError(f"表格 {table} 没有单元格 {key}")
        return ref

    def definition(self, ref: CellRef) -> NumberDef | ComputedDef:
        return self._index[ref]

    def is_input(self, ref: CellRef) -> bool:
        return isinstance(self._index.get(ref), NumberDef)

    def name_of(self, ref: CellRef) -> str:
        """The cell in words, wherever a person reads it: "表三 一、本年新收政府信息公开申请数量 · 自然人"."""
        table = self.table(ref.table)
        return f"{table.caption} {self._index[ref].name}"
