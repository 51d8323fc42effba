"""The grid of one table, with a clerk's spreadsheet habits.

Typing on a cell (keyboard or IME) starts editing with that text; Enter and
Tab commit and move to the next input cell (Shift reverses); Delete clears;
Ctrl+C / Ctrl+V exchange tab-separated text with Excel and WPS.  Column widths
follow the form's relative widths and the space available; row heights follow
the wrapped labels.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (QToolTip, QAbstractItemDelegate, QAbstractItemView, QAbstractScrollArea, QApplication, QFrame,
                               QLineEdit, QMenu, QStyledItemDelegate, QTableView)

from models.form import Role

from .prior_values import PriorValuesPainting, extra_height, lookup_for
from .accessible import name_scroll_bars
from .clipboard import PasteError, parse_tsv, plan_fill, plan_paste, to_tsv
from .frozen_panes import FrozenPanes, StickySpans
from .table_model import ReportTableModel

MAX_PX_PER_CHAR = 1.6   # widest a column gets, in CJK character widths per declared character
MIN_PX_PER_CHAR = 0.75  # below this the grid scrolls sideways rather than squeezing labels
CELL_PADDING = 8
NAVIGATION_KEYS = {
    Qt.Key.Key_Return: (1, 0), Qt.Key.Key_Enter: (1, 0), Qt.Key.Key_Tab: (0, 1), Qt.Key.Key_Backtab: (0, -1),
}


def _step(event) -> tuple[int, int] | None:
    """(rows, cols) to move for Enter/Tab with or without Shift."""
    step = NAVIGATION_KEYS.get(event.key())
    if step is None or event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        return None
    if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and event.key() != Qt.Key.Key_Backtab:
        step = (-step[0], -step[1])
    return step


class CellDelegate(StickySpans, PriorValuesPainting, QStyledItemDelegate):
    """A frameless line editor; Enter and Tab are handed to the view, which commits and moves.

    With 显示上年数 on, each number shows last year's value and the change under it.
    """

    navigate = Signal(QLineEdit, int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.start_text: str | None = None  # text to start editing with, instead of the old value
        self.editor: QLineEdit | None = None

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.editor = editor
        editor.destroyed.connect(self._forget)
        return editor

    def _forget(self, *_):
        self.editor = None

    def setEditorData(self, editor, index):
        if self.start_text is not None:
            editor.setText(self.start_text)
            self.start_text = None
        else:
            editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.selectAll()

    def eventFilter(self, editor, event):
        if event.type() == QEvent.Type.KeyPress:
            step = _step(event)
            if step is not None:
                self.navigate.emit(editor, *step)
                return True
        return super().eventFilter(editor, event)


def label_columns(table) -> int:
    """The columns before the first number column: they name the rows."""
    return min(c.col for c in table.cells if c.is_number)


class GridView(QTableView):
    """A ``ReportTableModel`` shown as the printed table."""

    status = Signal(str)  # a message for the status bar
    current_ref_changed = Signal(object)  # the current cell's CellRef, or None on a label
    current_cell_changed = Signal(str, int, int)  # table id, row and column of the current cell (labels too)
    geometry_changed = Signal()  # the visible part moved or resized (the balance row follows)

    def __init__(self, model: ReportTableModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.table = model.table
        self.document = model.document
        self.delegate = CellDelegate(self)
        self.delegate.navigate.connect(self._commit_and_move)
        self.setItemDelegate(self.delegate)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QFrame.Shape.Box)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fcf"))
        self.setPalette(palette)
        # the only style sheet: the grid lines of a printed form are dark (the style's are nearly white)
        self.setStyleSheet("QTableView { gridline-color: #808080; }")
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        for cell in model.spans():
            self.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)
        # header rows and label columns stay in view, as Excel's frozen panes
        self.frozen = FrozenPanes(self, self.table.header_rows, label_columns(self.table),
                                  [(c.row, c.col, c.rowspan, c.colspan) for c in model.spans()])
        name_scroll_bars(self, self.table.caption)
        self.selectionModel().currentChanged.connect(self._current_changed)
        first = self.first_input()
        if first.isValid():
            self.setCurrentIndex(first)

    @property
    def grid_model(self) -> ReportTableModel:
        return self.model()  # type: ignore[return-value]  # set in __init__, never replaced

    # ------------------------------------------------------------ layout

    def char_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("中")

    def relayout(self, available: int | None = None) -> None:
        """Column widths from the form's relative widths and the space there is; row heights from wrapped text.

        ``available`` is the width the page offers (the grid's own width by default).
        """
        widths = self.table.column_widths
        char = self.char_width()
        if available is None:
            available = self.width()
        available -= 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()
        per_char = min(available / sum(widths), char * MAX_PX_PER_CHAR)
        per_char = max(per_char, char * MIN_PX_PER_CHAR)
        for col, w in enumerate(widths):
            self.setColumnWidth(col, int(w * per_char))
        self._fit_rows()

    def _needed_height(self, cell) -> int:
        width = sum(self.columnWidth(c) for c in range(cell.col, cell.col + cell.colspan)) - CELL_PADDING
        text = cell.text if cell.ref is None else "0"
        rect = self.fontMetrics().boundingRect(QRect(0, 0, max(width, 10), 100000),
                                               int(Qt.TextFlag.TextWordWrap), text)
        return rect.height() + CELL_PADDING

    def _fit_rows(self) -> None:
        base = self.fontMetrics().height() + CELL_PADDING + 4
        heights = [base] * self.table.n_rows
        prior = extra_height(self.font()) if self.delegate.showing_prior else 0
        for cell in self.table.cells:
            if cell.rowspan == 1:
                needed = self._needed_height(cell) + (prior if cell.is_number else 0)
                heights[cell.row] = max(heights[cell.row], needed)
        for cell in self.table.cells:  # a tall merged label stretches the rows it covers
            if cell.rowspan > 1:
                rows = range(cell.row, cell.row + cell.rowspan)
                short = self._needed_height(cell) - sum(heights[r] for r in rows)
                if short > 0:
                    for r in rows:
                        heights[r] += -(-short // cell.rowspan)
        for row, h in enumerate(heights):
            self.setRowHeight(row, h)

    def show_prior(self, comparisons) -> None:
        """显示上年数: ``compare_cells`` of the report (None to hide); rows grow to hold the second line."""
        lookup = lookup_for(comparisons, self.grid_model.ref_at) if comparisons is not None else None
        changed = (lookup is None) != (not self.delegate.showing_prior)
        self.delegate.set_comparisons(lookup)
        if changed:
            self._fit_rows()
        self.viewport().update()

    def content_height(self) -> int:
        return sum(self.rowHeight(r) for r in range(self.table.n_rows)) + 2 * self.frameWidth()

    def content_width(self) -> int:
        return sum(self.columnWidth(c) for c in range(self.table.n_cols)) + 2 * self.frameWidth()

    # ------------------------------------------------------------ navigation

    def first_input(self) -> QModelIndex:
        for row in range(self.table.n_rows):
            for col in range(self.table.n_cols):
                cell = self.table.cell_at(row, col)
                if cell.role is Role.INPUT:
                    return self.model().index(cell.row, cell.col)
        return QModelIndex()

    def next_input(self, index: QModelIndex, rows: int, cols: int) -> QModelIndex:
        """The next input cell from ``index`` going down/up (rows) or right/left (cols).

        Past the end of a column, Enter carries on at the top of the next column;
        past the end of a row, Tab carries on at the next row (reversed with Shift).
        """
        n_rows, n_cols = self.table.n_rows, self.table.n_cols
        here = self.table.cell_at(index.row(), index.column())
        if rows:
            order = [(r, c) for c in range(n_cols) for r in range(n_rows)]
        else:
            order = [(r, c) for r in range(n_rows) for c in range(n_cols)]
        step = rows or cols
        i = order.index((index.row(), index.column())) + step
        while 0 <= i < len(order):
            r, c = order[i]
            cell = self.table.cell_at(r, c)
            if cell.role is Role.INPUT and cell is not here:
                return self.model().index(cell.row, cell.col)
            i += step
        return index

    def updateGeometries(self):
        super().updateGeometries()
        frozen = getattr(self, "frozen", None)
        if frozen is not None:
            frozen.update_geometry()
            self.geometry_changed.emit()

    def changeEvent(self, event):
        super().changeEvent(event)
        frozen = getattr(self, "frozen", None)
        if frozen is not None and event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange,
                                                   QEvent.Type.StyleChange):
            frozen.copy_look()

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible):
        frozen = getattr(self, "frozen", None)
        if frozen is None:
            super().scrollTo(index, hint)
        else:  # nothing hidden under the headers that stay in view
            frozen.scroll_to(index, lambda: super(GridView, self).scrollTo(index, hint))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.current_ref_changed.emit(None)
            return
        cell = self.grid_model.cell(current)
        self.current_ref_changed.emit(cell.ref)
        self.current_cell_changed.emit(self.table.id, cell.row, cell.col)

    def ensure_current(self) -> None:
        """A current cell to type into (the first input unless the clerk chose another), in view."""
        if not self.currentIndex().isValid():
            self.setCurrentIndex(self.first_input())
        self.scrollTo(self.currentIndex())

    def move_to(self, index: QModelIndex) -> None:
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def _commit_and_move(self, editor: QLineEdit, rows: int, cols: int) -> None:
        """Enter/Tab: commit and move on; a refused entry keeps the editor open with what was typed."""
        index = self.currentIndex()
        self.commitData(editor)
        if not self.grid_model.last_edit_accepted:
            editor.selectAll()
            self.show_refusal(editor)
            return
        QToolTip.hideText()
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.move_to(self.next_input(index, rows, cols))

    def show_refusal(self, editor: QLineEdit) -> None:
        """The reason beside the cell, where the eyes are (the status bar says it too)."""
        reason = self.grid_model.last_refusal
        if reason:
            QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), reason, editor)

    def commit_pending(self) -> None:
        """Commit a number still being typed (before saving, exporting or closing)."""
        editor = self.delegate.editor
        if editor is not None and self.state() == QAbstractItemView.State.EditingState:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    # ------------------------------------------------------------ focus

    # Qt repaints the whole viewport whenever the view gains or loses focus.  Opening and closing a
    # cell editor moves the focus to it and back on every entry; the editor covers the only cell whose
    # look depends on that, so these hops repaint just that cell (a whole-grid repaint costs a frame).
    def focusOutEvent(self, event):
        if QApplication.focusWidget() is not None and QApplication.focusWidget() is self.delegate.editor:
            self._focus_hop = True
            QAbstractScrollArea.focusOutEvent(self, event)
            self.viewport().update(self.visualRect(self.currentIndex()))
            return
        self._focus_hop = False
        super().focusOutEvent(event)

    def focusInEvent(self, event):
        if getattr(self, "_focus_hop", False) and event.reason() == Qt.FocusReason.OtherFocusReason:
            self._focus_hop = False
            QAbstractScrollArea.focusInEvent(self, event)
            self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
            self.viewport().update(self.visualRect(self.currentIndex()))
            return
        self._focus_hop = False
        super().focusInEvent(event)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)  # IME text may start an entry

    # ------------------------------------------------------------ typing

    def start_editing(self, text: str) -> QLineEdit | None:
        """Open the editor on the current cell with ``text`` in place of the old value."""
        index = self.currentIndex()
        if self.document.refuse_if_read_only():
            return None
        if not self.grid_model.is_input(index):
            ref = self.grid_model.ref_at(index)
            self.status.emit("这是自动计算的合计，不能输入" if ref is not None else "这是表格的标题或栏目，不能输入")
            return None
        self.delegate.start_text = text
        if not self.edit(index, QAbstractItemView.EditTrigger.AllEditTriggers, None):  # type: ignore[call-overload]
            self.delegate.start_text = None
            return None
        editor = self.delegate.editor
        editor.deselect()  # what comes next is typed after the first character, not over it
        editor.end(False)
        return editor

    def event(self, event):
        # Tab must move between cells rather than leave the grid
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def keyPressEvent(self, event):
        if self.state() == QAbstractItemView.State.EditingState:
            return super().keyPressEvent(event)
        if event.matches(QKeySequence.StandardKey.Copy):
            return self.copy_selection()
        if event.matches(QKeySequence.StandardKey.Paste):
            return self.paste()
        if event.matches(QKeySequence.StandardKey.Cut):
            self.copy_selection()
            return self.clear_selection()
        if event.key() == Qt.Key.Key_Delete and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return self.clear_selection()
        if event.key() == Qt.Key.Key_Backspace:
            self.start_editing("")
            return
        step = _step(event)
        if step is not None:
            return self.move_to(self.next_input(self.currentIndex(), *step))
        text = event.text()
        if text and text.isprintable() and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
            self.start_editing(text)
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event):
        """IME text on a selected cell opens the editor and lands in it (first character kept)."""
        if self.state() != QAbstractItemView.State.EditingState and (event.commitString() or event.preeditString()):
            editor = self.start_editing("")
            if editor is not None:
                QApplication.sendEvent(editor, event)
            event.accept()
            return
        super().inputMethodEvent(event)

    def contextMenuEvent(self, event):
        menu = QMenu(self)
        menu.addAction("剪切", lambda: (self.copy_selection(), self.clear_selection()))
        menu.addAction("复制", self.copy_selection)
        menu.addAction("粘贴", self.paste)
        menu.addAction("清除", self.clear_selection)
        menu.addSeparator()
        fill = menu.addAction("空白填0（全部三张表）")
        fill.triggered.connect(self._fill_blanks_with_zero)
        menu.exec(event.globalPos())

    def _fill_blanks_with_zero(self) -> None:
        filled = self.document.fill_blanks_with_zero()
        if not self.document.read_only:
            self.status.emit(f"已把 {filled} 个空白单元格填为 0（可撤销）")

    # ------------------------------------------------------------ clipboard

    def _selected_block(self) -> tuple[int, int, int, int] | None:
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return None
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        bottom = max(i.row() + self.rowSpan(i.row(), i.column()) - 1 for i in indexes)
        right = max(i.column() + self.columnSpan(i.row(), i.column()) - 1 for i in indexes)
        return min(rows), min(cols), bottom, right

    def copy_selection(self) -> None:
        block = self._selected_block()
        if block is None:
            return
        top, left, bottom, right = block
        model = self.grid_model
        rows = [[model.data(model.index(r, c)) or "" for c in range(left, right + 1)] for r in range(top, bottom + 1)]
        QGuiApplication.clipboard().setText(to_tsv(rows))
        self.status.emit(f"已复制 {bottom - top + 1} 行 × {right - left + 1} 列")

    def selected_inputs(self):
        model = self.grid_model
        indexes = self.selectedIndexes() or [self.currentIndex()]
        return [model.ref_at(i) for i in indexes if model.is_input(i)]

    def clear_selection(self) -> None:
        refs = self.selected_inputs()
        if not refs:
            self.status.emit("所选单元格中没有可清除的数字（合计自动计算）")
            return
        if self.document.set_values([(ref, None) for ref in refs], f"清除 {len(refs)} 个单元格"):
            self.status.emit(f"已清除 {len(refs)} 个单元格")

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text:
            self.status.emit("剪贴板中没有文字")
            return
        rows = parse_tsv(text)
        form = self.document.form
        try:
            refs = self.selected_inputs()
            if len(rows) == 1 and len(rows[0]) == 1 and len(refs) > 1:
                pairs = plan_fill(form, refs, rows[0][0])
                note = ""
            else:
                index = self.currentIndex()
                plan = plan_paste(form, self.table, index.row(), index.column(), rows)
                pairs = plan.pairs
                notes = []
                if plan.skipped:
                    notes.append(f"{plan.skipped} 个落在标题或合计上的值已跳过")
                if plan.outside:
                    notes.append(f"{plan.outside} 个超出表格的值已忽略")
                note = "；".join(notes)
        except PasteError as e:
            self.status.emit(str(e))
            return
        if not pairs:
            self.status.emit("粘贴位置没有可填写的单元格" + (f"（{note}）" if note else ""))
            return
        if not self.document.set_values(pairs, f"粘贴 {len(pairs)} 个单元格"):
            return
        self._select_refs([ref for ref, _ in pairs])
        self.status.emit(f"已粘贴 {len(pairs)} 个单元格" + (f"；{note}" if note else ""))

    def _select_refs(self, refs) -> None:
        model = self.grid_model
        selection = QItemSelection()
        for ref in refs:
            index = model.index_of(ref)
            selection.select(index, index)
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def select_refs(self, refs) -> None:
        """Show the given cells: the first becomes current, all are selected."""
        refs = [r for r in refs if r.table == self.table.id]
        if not refs:
            return
        first = self.grid_model.index_of(refs[0])
        self.setCurrentIndex(first)
        self._select_refs(refs)
        self.scrollTo(first)
