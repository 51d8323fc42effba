"""The shape of a report form: sections, tables and their cells.

The classes here describe a form; the 2021 form itself is declared in
``models.form_2021``.  Every consumer (grid, checks, exporters, importers)
reads these objects, so no table layout is written twice.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple


class CellRef(NamedTuple):
    """A number of the report: the table it lives in and its stable key.

    ``key`` is ``"rules.issued"`` in table 二, ``"new.natural_person"`` in
    table 三 and ``"review.upheld"`` in table 四 (row, then column).
    """

    table: str
    key: str

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


@dataclass(frozen=True)
class NumberDef:
    ref: CellRef
    kind: NumberKind
    name: str  # a short Chinese name for messages, e.g. "规章 本年制发件数"


@dataclass(frozen=True)
class ComputedDef:
    """A total: the sum of ``terms`` (which may themselves be computed)."""

    ref: CellRef
    terms: tuple[CellRef, ...]
    name: str


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
        """A Chinese name of the cell for messages: "表三 一、本年新收 / 自然人"."""
        table = self.table(ref.table)
        return f"{table.caption} {self._index[ref].name}"
