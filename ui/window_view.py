"""The window's view and help: 填报说明, 关于, 显示上年数, zoom.

A mixin of ``MainWindow``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox, QWidget

from models import about

if TYPE_CHECKING:
    from .main_window import MainWindow

BASIC_TAB = "basic"


def refit(page: QWidget | None) -> None:
    """A table page lays its grid out anew (the grids' module is loaded only with the first table shown)."""
    method = getattr(page, "refit", None)
    if callable(method):
        method()


class ViewActions:
    """查看 and 帮助, for ``MainWindow``."""

    def about(self: MainWindow) -> None:
        QMessageBox.about(self, "关于", f"{about.APP_NAME}\n版本 {about.VERSION}\n\n表格格式：{about.FORM_EDITION}\n"
                                      "按官方格式填报、校验（勾稽关系）并导出 Word、Excel 和 PDF；全部在本机完成，不需联网。")

    def show_guide(self: MainWindow) -> None:
        from .guide_dialog import GuideDialog
        dialog = GuideDialog(self.session.form, self)
        page = self._tab_ids()[self.tabs.currentIndex()]
        if page != BASIC_TAB:
            dialog.show_section(page)
        dialog.exec()

    def show_help(self: MainWindow) -> None:
        """F1: the 填报说明 of where the clerk is."""
        self.help_pane.show()
        self.help_pane.raise_()
        grid = self.current_grid()
        if grid is not None and grid.currentIndex().isValid() and self.current_page() is grid.parentWidget():
            index = grid.currentIndex()
            self.help_pane.show_for_cell(grid.table.id, index.row(), index.column())
        else:
            self.help_pane.show_for_section(self._tab_ids()[self.tabs.currentIndex()])

    # ------------------------------------------------------------ 显示上年数 and zoom

    def _comparisons(self: MainWindow):
        from models.statistics_text.comparison import compare_cells
        return compare_cells(self.session.report) if self.session.report.prior is not None else None

    def toggle_prior_values(self: MainWindow) -> None:
        on = self.prior_values_action.isChecked() and self.session.report.prior is not None
        comparisons = self._comparisons() if on else None
        for grid in self.grids.values():
            grid.show_prior(comparisons)
            refit(grid.parentWidget())
        self.settings.setValue("view/prior_values", self.prior_values_action.isChecked())

    def _prior_changed(self: MainWindow) -> None:
        self.prior_values_action.setEnabled(self.session.report.prior is not None)
        self.toggle_prior_values()

    def _refresh_prior_values(self: MainWindow, _refs) -> None:
        if self.prior_values_action.isChecked() and self.session.report.prior is not None:
            comparisons = self._comparisons()
            for grid in self.grids.values():
                grid.show_prior(comparisons)

    def zoom(self: MainWindow, step: int) -> None:
        """Ctrl+= / Ctrl+- / Ctrl+0: text and grids larger or smaller, remembered for next time."""
        self.zoom_step = 0 if step == 0 else max(-3, min(8, self.zoom_step + step))
        self.settings.setValue("view/zoom", self.zoom_step)
        for page in self.pages.values():
            self._apply_zoom(page)
        self._apply_zoom(self.findings_view)
        self.show_status(f"显示比例 {self.zoom_factor():.0%}")

    def zoom_factor(self: MainWindow) -> float:
        return 1.0 + 0.1 * self.zoom_step

    def _apply_zoom(self: MainWindow, widget: QWidget) -> None:
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * self.zoom_factor())
        widget.setFont(font)
        for view in widget.findChildren(QAbstractItemView):  # a style sheet stops the font from propagating
            view.setFont(font)
        refit(widget)

    def eventFilter(self: MainWindow, watched, event):
        if (event.type() == QEvent.Type.Wheel and event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and isinstance(watched, QWidget) and watched.window() is self):
            self.zoom(1 if event.angleDelta().y() > 0 else -1)
            return True
        return super().eventFilter(watched, event)
