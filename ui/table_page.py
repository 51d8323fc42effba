"""A table's page: its title, the grid in the official layout and, under table 三, the balance row."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView, QVBoxLayout, QWidget

from models.form import TableDef

from .document import ReportDocument
from .frozen_panes import FrozenPanes
from .grid_view import GridView
from .page_focus import EnterablePage
from .style import title_label
from .table_model import BalanceModel, ReportTableModel


GRID_DESCRIPTION = ("按官方格式排列的表格。Tab、Enter 和方向键在单元格间移动，直接输入数字；"
                    "灰色的合计自动计算。Ctrl+Tab 到下一部分，F1 显示当前单元格的填报说明。")


class TablePage(EnterablePage, QWidget):
    """A table section: its title, the grid and, under table 三, the balance row."""

    def __init__(self, document: ReportDocument, table: TableDef, title: str, parent=None):
        super().__init__(parent)
        self.layout_ = layout = QVBoxLayout(self)
        self._laid_out_size = (-1, -1)
        layout.addWidget(title_label(title))
        self.model = ReportTableModel(document, table, self)
        self.grid = GridView(self.model)
        self.grid.setAccessibleName(f"{table.caption}（{title}）")
        self.grid.setAccessibleDescription(GRID_DESCRIPTION)
        layout.addWidget(self.grid, 1)
        self.setFocusProxy(self.grid)
        self.balance = None
        if table.balance is not None:  # table 三's identity, checked in a row under the grid
            self.balance = BalanceRow(BalanceModel(document, table, self), self.grid)
            layout.addSpacing(6)
            layout.addWidget(self.balance)
        layout.addStretch(0)

    def entry_widget(self) -> GridView:
        self.grid.ensure_current()
        return self.grid

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event):
        super().showEvent(event)
        self._fit()

    def refit(self) -> None:
        """Lay the grid out anew (after a change of font size or of rows shown)."""
        self._laid_out_size = (-1, -1)
        self._fit()

    def _fit(self) -> None:
        """The grid grows up to the table's height (then it scrolls); a short table leaves the rest empty."""
        margins = self.layout_.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        if (width, self.height()) == self._laid_out_size:
            return
        self._laid_out_size = (width, self.height())
        self.grid.relayout(width)
        self.grid.setMaximumHeight(self.grid.content_height() + 2)
        scrolls = self.grid.content_height() > self.height() - 120  # roughly: the page less title and balance row
        self.grid.setMaximumWidth(self.grid.content_width()
                                  + (self.grid.verticalScrollBar().sizeHint().width() if scrolls else 0))


class BalanceRow(QTableView):
    """A plain table lined up under the grid, column for column, scrolling sideways with it.

    As wide as the grid's visible part; its label stays in view like the grid's label columns.
    """

    def __init__(self, model: BalanceModel, grid: GridView):
        super().__init__()
        self.setModel(model)
        self.grid = grid
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(self.SelectionMode.NoSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(self.ScrollMode.ScrollPerPixel)  # the grid's scroll bar counts pixels
        self.setFrameShape(grid.frameShape())  # the same frame as the grid's: its columns start where the grid's do
        self.setSpan(0, 0, 1, model.first_number_col)
        self.setWordWrap(True)
        self.setToolTip(model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole))
        self.setAccessibleName("核对行（不属于报表）")
        self.setAccessibleDescription(self.toolTip())
        self.frozen = FrozenPanes(self, 0, model.first_number_col, [(0, 0, 1, model.first_number_col)])
        grid.horizontalHeader().sectionResized.connect(self._column_resized)
        grid.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        grid.geometry_changed.connect(self._fit_width)

    def updateGeometries(self):
        super().updateGeometries()
        frozen = getattr(self, "frozen", None)
        if frozen is not None:
            frozen.update_geometry()

    def _fit_width(self) -> None:
        """As wide as the grid's visible columns; not a minimum, so the window can still be made narrower."""
        grid = self.grid
        shown = min(grid.content_width() - 2 * grid.frameWidth(), grid.viewport().width())
        self.setMinimumWidth(0)
        self.setMaximumWidth(shown + 2 * self.frameWidth())
        self.horizontalScrollBar().setValue(grid.horizontalScrollBar().value())

    def _column_resized(self, col: int, _old: int, new: int) -> None:
        self.setColumnWidth(col, new)
        height = self.fontMetrics().height() + 14
        self.setRowHeight(0, height)
        self.setFixedHeight(height + 2 * self.frameWidth())
        self._fit_width()
