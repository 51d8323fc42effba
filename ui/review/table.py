"""The table of reports: one row a file, sortable by any column, filtered by text, level and state."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from importers import FORMAT_NAMES
from models.review import KEY_FIGURES, ReviewEntry
from models.review.figures import format_figure

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ERROR_BACKGROUND = QColor("#f8d7d5")
WARNING_BACKGROUND = QColor("#fcefc7")

COLUMNS = (["机关", "年度", "级别", "读取格式", "错误", "警告", "异常"] + [f.name for f in KEY_FIGURES] + ["文件"])
FIRST_FIGURE = 7

STATES = ("全部报告", "有错误", "有警告或异常", "全部通过", "无法读取")


class ReviewTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.entries: list[ReviewEntry] = []

    def set_entries(self, entries: list[ReviewEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == SORT_ROLE:
            return self._sort_key(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:  # the cell's whole text, whatever the column's width
            text = self._text(entry, column)
            where = entry.error or entry.file
            return f"{COLUMNS[column]}：{text}\n{where}" if text and column != len(COLUMNS) - 1 else where
        if role == Qt.ItemDataRole.BackgroundRole:
            if entry.error or entry.errors:
                return QBrush(ERROR_BACKGROUND)
            if entry.warnings or entry.flags:
                return QBrush(WARNING_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and 1 <= column < len(COLUMNS) - 1 and column not in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, entry: ReviewEntry, column: int) -> str:
        if column == 0:
            return entry.agency or ("无法读取" if entry.error else "（未识别机关名称）")
        if column == len(COLUMNS) - 1:
            return Path(entry.file).name
        if entry.error:
            return ""
        if column == 1:
            return str(entry.year or "")
        if column == 2:
            return entry.level
        if column == 3:
            return FORMAT_NAMES.get(entry.source_format, entry.source_format)
        if column in (4, 5, 6):
            return str((entry.errors, entry.warnings, len(entry.flags))[column - 4])
        figure = KEY_FIGURES[column - FIRST_FIGURE]
        return format_figure(figure, entry.figures.get(figure.key))

    def _sort_key(self, entry: ReviewEntry, column: int):
        if FIRST_FIGURE <= column < FIRST_FIGURE + len(KEY_FIGURES):
            value = entry.figures.get(KEY_FIGURES[column - FIRST_FIGURE].key)
            return -1.0 if value is None else float(value)  # blanks first going up, last going down
        if column == 1:
            return entry.year or 0
        if column in (4, 5, 6):
            return (entry.errors, entry.warnings, len(entry.flags))[column - 4] if entry.readable else -1
        return self._text(entry, column)


class ReviewFilter(QSortFilterProxyModel):
    """Rows whose agency or file contains the text, of the chosen level and state."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ""
        self.level = ""
        self.state = STATES[0]
        self.setSortRole(SORT_ROLE)

    def set_filter(self, text: str | None = None, level: str | None = None, state: str | None = None) -> None:
        changing = hasattr(self, "beginFilterChange")  # Qt 6.10 and later; invalidateFilter() before
        if changing:
            self.beginFilterChange()
        self.text = self.text if text is None else text.strip()
        self.level = self.level if level is None else level
        self.state = self.state if state is None else state
        if changing:
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent) -> bool:
        entry = self._entries()[row]
        if self.text and self.text not in entry.agency and self.text not in Path(entry.file).name:
            return False
        if self.level and entry.level != self.level:
            return False
        return {
            "有错误": entry.readable and entry.errors > 0,
            "有警告或异常": entry.readable and not entry.errors and bool(entry.warnings or entry.flags),
            "全部通过": entry.readable and not (entry.errors or entry.warnings or entry.flags),
            "无法读取": not entry.readable,
        }.get(self.state, True)

    def entry(self, index) -> ReviewEntry | None:
        if not index.isValid():
            return None
        return self._entries()[self.mapToSource(index).row()]

    def _entries(self) -> list[ReviewEntry]:
        model = self.sourceModel()
        return model.entries if isinstance(model, ReviewTableModel) else []
