"""Frozen headers: table 三's header rows and label columns stay in view while the rest scrolls."""
from __future__ import annotations

import pytest

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from models.form import CellRef


@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    def unexpected(box, *args):
        raise AssertionError(f"unexpected dialog: {box.text()}")
    monkeypatch.setattr(QMessageBox, "exec", unexpected)


def requests_grid(window, width=1366, height=768):
    window.resize(width, height)
    window.show_page("requests")
    grid = window.grid("requests")
    grid.setFocus()
    grid.setCurrentIndex(grid.grid_model.index_of(CellRef("requests", "new.natural_person")))
    QApplication.processEvents()
    return grid


def key(widget, k, modifiers=Qt.KeyboardModifier.NoModifier, times=1):
    for _ in range(times):
        QTest.keyClick(widget, k, modifiers)
    QApplication.processEvents()


def band(grid, kind: str) -> QRect:
    """The part of the grid the frozen pane of ``kind`` covers, in the grid's coordinates."""
    viewport = grid.viewport().geometry()
    if kind == "top":
        return QRect(viewport.x(), viewport.y(), viewport.width(), grid.frozen.frozen_height())
    return QRect(viewport.x(), viewport.y(), grid.frozen.frozen_width(), viewport.height())


def test_header_rows_stay_in_view_at_the_last_row_at_1366x768(window):
    grid = requests_grid(window)
    header = grid.grab(band(grid, "top")).toImage()
    assert grid.verticalScrollBar().maximum() > 0, "table 三 should not fit at 1366×768"
    key(grid, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert grid.grid_model.ref_at(grid.currentIndex()) == CellRef("requests", "carried_forward.total")
    assert grid.verticalScrollBar().value() == grid.verticalScrollBar().maximum() > 0
    top = grid.frozen.pane("top")
    assert top.isVisible() and top.geometry() == band(grid, "top")
    # the three header rows read exactly as they do unscrolled, spans included
    assert grid.grab(band(grid, "top")).toImage() == header
    applicants = top.model().index(0, 3)  # 申请人情况, over seven columns
    assert top.visualRect(applicants).size() == grid.visualRect(applicants).size()
    assert top.visualRect(applicants).width() > 6 * grid.columnWidth(3)
    # the last row is in view below them
    last = grid.visualRect(grid.currentIndex())
    assert last.top() >= top.height() and last.bottom() < grid.viewport().height()


def test_moving_up_never_hides_a_cell_under_the_header(window):
    grid = requests_grid(window)
    key(grid, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    for _ in range(grid.table.n_rows - grid.table.header_rows - 1):
        key(grid, Qt.Key.Key_Up)
        rect = grid.visualRect(grid.currentIndex())
        assert rect.top() >= grid.frozen.frozen_height() or grid.verticalScrollBar().value() == 0
    assert grid.grid_model.ref_at(grid.currentIndex()) == CellRef("requests", "new.total")
    assert not grid.frozen.pane("top").isVisible()  # back at the top: the grid shows its own header


def test_typing_goes_on_as_before_when_scrolled(window):
    grid = requests_grid(window)
    grid.setCurrentIndex(grid.grid_model.index_of(CellRef("requests", "other_other.natural_person")))
    key(grid, Qt.Key.Key_4)
    key(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.document.report.values[CellRef("requests", "other_other.natural_person")] == 4
    assert grid.grid_model.ref_at(grid.currentIndex()) == CellRef("requests", "carried_forward.natural_person")
    assert grid.hasFocus()


def test_label_columns_stay_in_view_when_scrolled_sideways_and_the_balance_row_follows(window):
    grid = requests_grid(window, width=640)
    labels = grid.grab(band(grid, "left")).toImage()
    assert grid.horizontalScrollBar().maximum() > 0, "table 三 should scroll sideways at 640 px"
    key(grid, Qt.Key.Key_End)  # to the last column of the row
    assert grid.horizontalScrollBar().value() > 0 and grid.verticalScrollBar().value() == 0
    left = grid.frozen.pane("left")
    assert left.isVisible() and left.geometry() == band(grid, "left")
    assert grid.grab(band(grid, "left")).toImage() == labels
    balance = window.page("requests").balance
    assert balance.frozen.pane("left").isVisible()
    for col in range(3, 10):  # each number of the balance row under its column
        in_grid = grid.viewport().mapToGlobal(grid.visualRect(grid.grid_model.index(4, col)).topLeft()).x()
        in_row = balance.viewport().mapToGlobal(balance.visualRect(balance.model().index(0, col)).topLeft()).x()
        assert in_grid == in_row
    assert balance.width() <= grid.width()
    # both ways scrolled: the corner stays too
    key(grid, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert grid.frozen.pane("corner").isVisible()


def test_wheel_on_the_header_scrolls_the_grid_and_the_header_stays(window):
    grid = requests_grid(window)
    key(grid, Qt.Key.Key_Down, times=18)
    top = grid.frozen.pane("top")
    assert top.isVisible()
    before = grid.verticalScrollBar().value()
    pos = QPointF(top.viewport().rect().center())
    wheel = QWheelEvent(pos, QPointF(top.viewport().mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(top.viewport(), wheel)
    assert grid.verticalScrollBar().value() > before
    assert top.verticalScrollBar().value() == 0


def test_a_click_on_a_frozen_label_selects_it_and_keeps_the_keyboard_in_the_grid(window):
    grid = requests_grid(window)
    key(grid, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    top = grid.frozen.pane("top")
    value = grid.verticalScrollBar().value()
    model = grid.grid_model
    QTest.mouseClick(top.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     top.visualRect(model.index(1, 3)).center())
    assert grid.currentIndex() == model.index(1, 3)  # 自然人
    assert grid.hasFocus() and grid.verticalScrollBar().value() == value


def test_table_four_freezes_its_header_and_table_two_its_labels(window):
    four = window.grid("appeals")
    two = window.grid("active")
    assert set(four.frozen.panes) == {"top"}
    assert set(two.frozen.panes) == {"left"}


def test_a_drag_from_the_frozen_header_does_not_select_hidden_rows(window):
    grid = requests_grid(window)
    key(grid, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    top = grid.frozen.pane("top")
    start = top.visualRect(top.model().index(1, 3)).center()
    QTest.mousePress(top.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(top.viewport(), start + QPoint(0, 200))
    QTest.mouseRelease(top.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(0, 200))
    assert {(i.row(), i.column()) for i in grid.selectedIndexes()} == {(1, 3)}


def has_text(image) -> bool:
    """Dark pixels (text), beyond the label's light background and the grey grid lines."""
    return any(image.pixelColor(x, y).lightness() < 100 for x in range(image.width()) for y in range(image.height()))


def test_a_tall_merged_label_stays_readable_beside_the_rows_it_names(window):
    grid = requests_grid(window)
    grid.move_to(grid.grid_model.index_of(CellRef("requests", "other_other.natural_person")))
    QApplication.processEvents()
    assert grid.verticalScrollBar().value() > 0
    results = grid.model().index(grid.table.header_rows + 2, 0)  # 三、本年度办理结果, 22 rows tall
    assert grid.rowSpan(results.row(), 0) == 22
    span = grid.visualRect(results)
    band = grid.frozen.band_height()
    assert span.top() < band  # its top, where the text stood, is scrolled away under the header
    shown = span.intersected(grid.viewport().rect().adjusted(0, band, 0, 0)).adjusted(3, 3, -3, -3)
    assert shown.height() > 100
    image = grid.viewport().grab(shown).toImage()
    assert has_text(image), "三、本年度办理结果 scrolled away with the top of its cell"
