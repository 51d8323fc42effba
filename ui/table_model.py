"""A table of the form as a Qt model, generic over a ``TableDef``.

Rows and columns are those of the printed table; labels live inside the grid
(Qt's own headers are hidden) and merged cells are ``QTableView`` spans.  The
per-position facts that never change (role, label, alignment, flags) are worked
out once, so painting only looks things up.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from models import guide
from models.checks import Severity
from models.form import CellRef, GridCell, Role, TableDef

from .document import CellMark, ReportDocument

LABEL_BG = QColor("#eef2f7")
INPUT_BG = QColor("#ffffff")
COMPUTED_BG = QColor("#dcdcdc")
MARK_BG = {
    (Severity.ERROR, Role.INPUT): QColor("#ffc4c4"),
    (Severity.ERROR, Role.COMPUTED): QColor("#f2a7a7"),
    (Severity.WARNING, Role.INPUT): QColor("#ffe49a"),
    (Severity.WARNING, Role.COMPUTED): QColor("#e8cf86"),
}
BLANK_BG = {Role.INPUT: QColor("#fff8e1"), Role.COMPUTED: QColor("#dcdcdc")}
COMPUTED_FG = QColor("#303030")
ALIGN_CENTER = int(Qt.AlignmentFlag.AlignCenter)
ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
ALIGN_TOP = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)

FLAGS = {
    Role.LABEL: Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable,
    Role.COMPUTED: Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable,
    Role.INPUT: Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable,
}


ALIGNMENT = {"left": ALIGN_LEFT, "center": ALIGN_CENTER, "top": ALIGN_TOP}


def tooltip_html(title: str, lines: list[str]) -> str:
    body = "<br>".join(escape(line).replace("\n", "<br>") for line in lines)
    return f"<qt><b>{escape(title)}</b><br>{body}</qt>"


class ReportTableModel(QAbstractTableModel):
    """One of tables 二–四 over the document's report."""

    def __init__(self, document: ReportDocument, table: TableDef, parent=None):
        super().__init__(parent)
        self.document = document
        self.table = table
        self.last_edit_accepted = True
        self.last_refusal = ""
        document.refused.connect(self._refused)
        self._top_left: dict[tuple[int, int], GridCell] = {}  # only positions where a cell starts
        for cell in table.cells:
            self._top_left[(cell.row, cell.col)] = cell
        self._alignment = {pos: ALIGNMENT[table.alignment(cell)] for pos, cell in self._top_left.items()}
        self._refs = frozenset(table.refs)
        document.values_changed.connect(self._cells_changed)
        document.marks_changed.connect(self._cells_changed)

    # ------------------------------------------------------------ shape

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.table.n_rows

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.table.n_cols

    def spans(self) -> list[GridCell]:
        return [c for c in self.table.cells if c.rowspan > 1 or c.colspan > 1]

    def cell(self, index: QModelIndex | QPersistentModelIndex) -> GridCell:
        """The cell covering the index (spans included)."""
        return self.table.cell_at(index.row(), index.column())

    def ref_at(self, index) -> CellRef | None:
        return self.cell(index).ref if index.isValid() else None

    def is_input(self, index) -> bool:
        return index.isValid() and self.cell(index).role is Role.INPUT

    def index_of(self, ref: CellRef) -> QModelIndex:
        row, col = self.table.position(ref)
        return self.index(row, col)

    # ------------------------------------------------------------ data

    def flags(self, index):
        cell = self._top_left.get((index.row(), index.column()))
        if cell is None:
            return Qt.ItemFlag.NoItemFlags
        if cell.role is Role.INPUT and self.document.read_only:
            return FLAGS[Role.COMPUTED]  # a report opened read-only: no editor opens (F2, double click)
        return FLAGS[cell.role]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.AccessibleTextRole:  # a merged cell answers for every position it covers
            return self.accessible_name(self.cell(index))
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.accessible_description(self.cell(index))
        cell = self._top_left.get((index.row(), index.column()))
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.EditRole:
            return cell.text if cell.ref is None else self.document.display(cell.ref)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(cell)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment[(cell.row, cell.col)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(cell)
        if role == Qt.ItemDataRole.ForegroundRole and cell.role is Role.COMPUTED:
            return COMPUTED_FG
        return None

    def _background(self, cell: GridCell) -> QColor:
        if cell.ref is None:
            return LABEL_BG
        mark: CellMark | None = self.document.marks.get(cell.ref)
        if mark is None:
            return INPUT_BG if cell.role is Role.INPUT else COMPUTED_BG
        if mark.only_blank:
            return BLANK_BG[cell.role]
        return MARK_BG[(mark.severity, cell.role)]

    def _explanation(self, cell: GridCell) -> tuple[str, list[str]] | None:
        """The cell's name and what to say about it: the checks' findings on a number, then what belongs in
        it (填报说明)."""
        form = self.document.form
        if cell.ref is None:
            topic = guide.topic_for_label(self.table, cell)
            return None if topic is None else (topic.title, [topic.text])
        lines = ["自动计算的合计，不能输入"] if cell.role is Role.COMPUTED else []
        mark = self.document.marks.get(cell.ref)
        if mark is not None:  # what is wrong comes before what belongs there
            lines += [f"{'错误' if mark.severity is Severity.ERROR else '警告'}：{m}" for m in mark.messages]
        lines.append(guide.topic_for_ref(form, cell.ref).text)
        return form.name_of(cell.ref), lines

    def _tooltip(self, cell: GridCell) -> str | None:
        """Rich text, so that Qt wraps the explanation instead of showing one screen-wide line."""
        explanation = self._explanation(cell)
        return None if explanation is None else tooltip_html(*explanation)

    def accessible_name(self, cell: GridCell) -> str:
        """What a screen reader says on a cell: "表三 一、本年新收政府信息公开申请数量 自然人 5".

        The form's own labels of the row and the column (never restated here), then the value.
        """
        if cell.ref is None:
            return cell.text or self.table.caption
        value = self.document.display(cell.ref) or "空白"
        return " ".join((self.table.caption, *self.table.labels_of(cell.ref), value))

    def accessible_description(self, cell: GridCell) -> str:
        """What is wrong with the cell (the findings that mark it) and what belongs in it."""
        explanation = self._explanation(cell)
        if explanation is None:
            return "表格的标题或栏目" if cell.role is Role.LABEL else ""
        lines = explanation[1]
        if cell.role is Role.INPUT and self.document.read_only:
            lines = ["只读"] + lines
        return "\n".join(lines)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        """Not shown (the labels are inside the grid), but read out by screen readers moving along the table:
        a row's labels, a column's headings where they are the same all the way down."""
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if orientation == Qt.Orientation.Vertical:
            return " ".join(self.table.row_labels(section)) or f"第{section + 1}行"
        headings = {self.table.column_labels(c.row, c.col) for c in self.table.cells
                    if c.is_number and c.col == section}
        return " ".join(headings.pop()) if len(headings) == 1 else f"第{section + 1}栏"

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        """An edit from the grid's editor: parsed and applied as one undo step, or refused."""
        if role != Qt.ItemDataRole.EditRole or not self.is_input(index):
            return False
        self.last_refusal = ""
        ref = self.cell(index).ref
        assert ref is not None  # an input cell has its key
        self.last_edit_accepted = self.document.enter_text(ref, str(value))
        return self.last_edit_accepted

    def _refused(self, reason: str) -> None:
        self.last_refusal = reason

    def _cells_changed(self, refs: list[CellRef]) -> None:
        """Repaint just the cells that changed (one rectangle when there are many)."""
        positions = [self.table.position(r) for r in refs if r in self._refs]
        if not positions:
            return
        if len(positions) <= 8:
            for row, col in positions:
                index = self.index(row, col)
                self.dataChanged.emit(index, index)
        else:
            rows = [p[0] for p in positions]
            cols = [p[1] for p in positions]
            self.dataChanged.emit(self.index(min(rows), min(cols)), self.index(max(rows), max(cols)))


BALANCE_LABEL = "核对（不属于报表）：一＋二－（七）－四"
BALANCE_OK_BG = QColor("#e3f4e1")
BALANCE_BAD_BG = QColor("#ffc4c4")


class BalanceModel(QAbstractTableModel):
    """The row under table 三: for each column, the form's balance identity (一 + 二 − （七）总计 − 四), which must be 0."""

    def __init__(self, document: ReportDocument, table: TableDef, parent=None):
        super().__init__(parent)
        assert table.balance is not None
        self.document = document
        self.table = table
        self.identity = table.balance
        self.first_number_col = table.first_number_col
        self._differences = self._compute()
        document.values_changed.connect(self._values_changed)
        document.replaced.connect(self._replaced)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 1

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.table.n_cols

    def flags(self, index):
        return Qt.ItemFlag.ItemIsEnabled

    def column_key(self, col: int) -> str | None:
        i = col - self.first_number_col
        return self.identity.columns[i] if 0 <= i < len(self.identity.columns) else None

    def difference(self, column: str) -> tuple[int | None, str]:
        """(difference, explanation); ``None`` when the column is still blank."""
        stands = self.identity.column(self.table.id, column, self.document.value)
        if stands is None:
            return None, "本列尚未填写"
        verdict = f"{stands.heavier}多 {abs(stands.difference)} 件" if stands.difference else "平衡"
        return stands.difference, (
            f"{self.identity.left_label} = {'+'.join(map(str, stands.left))} = {stands.left_total}\n"
            f"{self.identity.right_label} = {'+'.join(map(str, stands.right))} = {stands.right_total}\n{verdict}")

    def column_heading(self, col: int) -> str:
        """The grid's headings over a column of the balance row ("自然人", "法人或其他组织 商业企业")."""
        key = self.column_key(col)
        if key is None:
            return ""
        row, col = self.table.position(self.identity.refs(self.table.id, key)[0])
        return " ".join(self.table.column_labels(row, col))

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        """Not shown; read out by screen readers along the row, as the grid's."""
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if orientation == Qt.Orientation.Vertical:
            return "核对"
        return self.column_heading(section) or f"第{section + 1}栏"

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        col = index.column()
        key = self.column_key(col)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if key is None:
                return BALANCE_LABEL
            shown = self.data(index) or "未填写"
            return f"核对 {self.column_heading(col)} {shown}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.data(index, Qt.ItemDataRole.ToolTipRole)
        if key is None:
            if col == 0 and role == Qt.ItemDataRole.DisplayRole:
                return BALANCE_LABEL
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return ALIGN_LEFT
            if role == Qt.ItemDataRole.ToolTipRole:
                return "每一列都应为 0：本年新收 + 上年结转 = 办理结果总计 + 结转下年度（此行只作核对，不属于官方报表，不导出）"
            return None
        diff, why = self._differences[key]
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if diff is None else ("0" if diff == 0 else f"{diff:+d}".replace("-", "−"))
        if role == Qt.ItemDataRole.BackgroundRole:
            return None if diff is None else (BALANCE_OK_BG if diff == 0 else BALANCE_BAD_BG)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_CENTER
        if role == Qt.ItemDataRole.ToolTipRole:
            return why
        return None

    def _compute(self) -> dict[str, tuple[int | None, str]]:
        return {key: self.difference(key) for key in self.identity.columns}

    def _replaced(self) -> None:
        self.beginResetModel()
        self._differences = self._compute()
        self.endResetModel()

    def _values_changed(self, refs: list[CellRef]) -> None:
        if not any(r.table == self.table.id for r in refs):
            return
        old, self._differences = self._differences, self._compute()
        changed = [self.first_number_col + i for i, key in enumerate(self.identity.columns)
                   if old[key] != self._differences[key]]
        if changed:
            self.dataChanged.emit(self.index(0, min(changed)), self.index(0, max(changed)))
