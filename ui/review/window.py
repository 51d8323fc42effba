"""The 审查台 window: choose a folder, watch it being read, sort and filter the reports, look at one, save.

``open_review_window(parent, open_report)`` shows it; double-clicking a
report (or one of its findings) calls ``open_report(path, finding, prior, profile)``,
with the finding (``ReviewFinding``; the report's first one for a row, or None),
last year's file the review checked it against (or None) and the review's 本地要求,
so that the main window can open the file read-only at that finding, with the
review's findings.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMainWindow, QMessageBox, QProgressBar, QPushButton, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from exporters.common import ExportError
from models.profile import Profile
from models.review import ReviewEntry, ReviewFinding, ReviewResult

from ui.screen_fit import RemembersSize, keep_on_screen, settings_of

from .page import ReportPage
from .table import STATES, ReviewFilter, ReviewTableModel
from ..workflow_runner import run_workflow
from .thread import ReviewThread, SaveThread

OpenReport = Callable[[str, "ReviewFinding | None", "str | None", "Profile | None"], None]


class ReviewWindow(RemembersSize, QMainWindow):
    size_key = "reviewWindow"

    def __init__(self, open_report: OpenReport | None = None, parent=None, jobs: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("批量审查")
        self.open_report = open_report
        self.jobs = jobs
        self.result: ReviewResult | None = None
        self.paths: list[str] = []
        self.profile: Profile | None = None   # the 本地要求 chosen for the folder (the toolbar's chooser sets it)
        self.reviewed_with: Profile | None = None  # the 本地要求 the result shown was checked against
        self.worker: ReviewThread | None = None
        self.saver: SaveThread | None = None
        self._build()
        self.restore_size(1200, 800)

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        bar = self.addToolBar("审查")
        bar.setMovable(False)
        self.open_folder_action = self._action(bar, "打开文件夹…", self.choose_folder)
        self.add_files_action = self._action(bar, "选择文件…", self.choose_files)
        self.again_action = self._action(bar, "重新审查", lambda: self.start_review(self.paths))
        bar.addSeparator()
        self.save_xlsx_action = self._action(bar, "保存审查结果（Excel）…", self.choose_workbook)
        self.save_pdf_action = self._action(bar, "保存审查清单（PDF）…", self.choose_checklist)
        bar.addSeparator()
        self.profile_chooser = self._profile_chooser()
        bar.addWidget(self.profile_chooser)

        central = QWidget()
        layout = QVBoxLayout(central)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("按机关名称或文件名筛选")
        self.search.setClearButtonEnabled(True)
        self.level_box = QComboBox()
        self.state_box = QComboBox()
        self.state_box.addItems(list(STATES))
        filters.addWidget(QLabel("筛选："))
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel("级别"))
        filters.addWidget(self.level_box, 1)
        filters.addWidget(QLabel("状态"))
        filters.addWidget(self.state_box, 1)
        layout.addLayout(filters)

        self.model = ReviewTableModel(self)
        self.proxy = ReviewFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setToolTip("双击打开报告并定位到第一个问题")
        self.page = ReportPage()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.page)
        splitter.setSizes([360, 440])
        layout.addWidget(splitter, 1)

        status = QHBoxLayout()
        self.status = QLabel("选择一个文件夹开始审查：其中的草稿、Word、Excel、网页、文本和 PDF 报告都会被读取和检查。")
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        status.addWidget(self.status, 1)
        status.addWidget(self.progress)
        status.addWidget(self.cancel_button)
        layout.addLayout(status)
        self.setCentralWidget(central)

        self.search.textChanged.connect(lambda text: self.proxy.set_filter(text=text))
        self.level_box.currentIndexChanged.connect(lambda _: self.proxy.set_filter(level=self.level_box.currentData()))
        self.state_box.currentTextChanged.connect(lambda state: self.proxy.set_filter(state=state))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(self._double_clicked)
        self.page.finding_activated.connect(self._open)
        self._update_actions()

    def _profile_chooser(self):
        """The folder's 本地要求, remembered with the main window's settings (none of its own without one)."""
        from ui.local_requirements import ProfileChooser
        settings = settings_of(self.parentWidget())
        chooser = ProfileChooser(settings if settings is not None else QSettings(QSettings.Scope.UserScope, "gkbg-review"))
        self.profile = chooser.profile
        chooser.changed.connect(self._profile_chosen)
        return chooser

    def _profile_chosen(self, profile: Profile | None) -> None:
        self.profile = profile
        if self.paths:
            self.start_review(self.paths)   # the findings shown are always those of the requirements named

    def _action(self, bar, text: str, slot) -> QAction:
        action = bar.addAction(text)
        action.triggered.connect(slot)
        return action

    def _update_actions(self) -> None:
        running = self.worker is not None or self.saver is not None
        has_result = self.result is not None and bool(self.result.entries)
        for action in (self.open_folder_action, self.add_files_action):
            action.setEnabled(not running)
        self.again_action.setEnabled(not running and bool(self.paths))
        self.save_xlsx_action.setEnabled(not running and has_result)
        self.save_pdf_action.setEnabled(not running and has_result)

    # ------------------------------------------------------------ reviewing

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择要审查的文件夹")
        if folder:
            self.start_review([folder])

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "选择要审查的报告", "",
                                                "报告 (*.json *.docx *.xlsx *.txt *.html *.htm *.pdf);;所有文件 (*)")
        if files:
            self.start_review(files)

    def start_review(self, paths: list[str]) -> None:
        if self.worker is not None or not paths:
            return
        self.paths = [str(p) for p in paths]
        self.worker = ReviewThread(self.paths, self.jobs, self, self.profile)
        self.worker.progressed.connect(self._progressed)
        self.worker.reviewed.connect(self._reviewed)
        self.worker.failed.connect(self._failed)
        self.worker.was_cancelled.connect(self._cancelled)
        self.worker.finished.connect(self._thread_finished)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.status.setText("正在查找报告文件…")
        self._update_actions()
        self.worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("正在取消…")

    def _progressed(self, phase: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(f"{phase}：{done}/{total}")

    def _reviewed(self, result: ReviewResult) -> None:
        if self.worker is not None:  # a report opened from this result is checked against the same 本地要求
            self.reviewed_with = self.worker.profile
        self.set_result(result)

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        QMessageBox.warning(self, "批量审查", message)

    def _cancelled(self) -> None:
        self.status.setText("审查已取消，未显示结果。")

    def _thread_finished(self) -> None:
        if self.worker is not None:
            self.worker.deleteLater()
        self.worker = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._update_actions()

    def set_result(self, result: ReviewResult) -> None:
        self.result = result
        self.model.set_entries(result.entries)
        levels = sorted({e.level for e in result.entries if e.level})
        self.level_box.blockSignals(True)
        self.level_box.clear()
        self.level_box.addItem("全部级别", "")
        for level in levels:
            self.level_box.addItem(level, level)
        self.level_box.blockSignals(False)
        self.proxy.set_filter(level="")
        self.table.resizeColumnsToContents()
        readable = result.readable
        with_errors = sum(1 for e in readable if e.errors)
        unreadable = len(result.entries) - len(readable)
        self.status.setText(f"共 {len(result.entries)} 个文件：读取 {len(readable)} 份，其中 {with_errors} 份有错误"
                            + (f"，{unreadable} 个无法读取" if unreadable else "") + "。双击一行打开报告。")
        if self.proxy.rowCount():
            self.table.selectRow(0)
        else:
            self.page.show_entry(None, None)

    # ------------------------------------------------------------ a report

    def _current_changed(self, current: QModelIndex, _previous=None) -> None:
        self.page.show_entry(self.proxy.entry(current), self.result)

    def _double_clicked(self, index: QModelIndex) -> None:
        entry = self.proxy.entry(index)
        if entry is not None:
            self._open(entry, entry.first_finding)

    def _open(self, entry: ReviewEntry, finding: ReviewFinding | None) -> None:
        if not entry.readable:
            QMessageBox.information(self, "批量审查", f"{Path(entry.file).name} 无法读取：{entry.error}")
            return
        if self.open_report is not None:
            self.open_report(entry.file, finding, entry.prior_file, self.reviewed_with)

    # ------------------------------------------------------------ saving

    def choose_workbook(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "保存审查结果", "审查结果.xlsx", "Excel 工作簿 (*.xlsx)")
        if path:
            self.save_workbook(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def choose_checklist(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "保存审查清单", "审查清单.pdf", "PDF 文件 (*.pdf)")
        if path:
            self.save_checklist(path if path.lower().endswith(".pdf") else path + ".pdf")

    def save_workbook(self, path: str) -> None:
        """Write the workbook on a thread of its own; the status line says when it is done."""
        from exporters.review_xlsx import write_review_xlsx
        if self.result is None or self.saver is not None:
            return
        self.saver = SaveThread(write_review_xlsx, self.result, path, self)
        self.saver.saved.connect(lambda target: self.status.setText(f"已保存审查结果：{target}"))
        self.saver.failed.connect(self._save_failed)
        self.saver.finished.connect(self._save_finished)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.status.setText(f"正在保存审查结果：{path}…")
        self._update_actions()
        self.saver.start()

    def _save_failed(self, message: str) -> None:
        self.status.setText(f"保存失败：{message}")
        QMessageBox.warning(self, "保存失败", message)

    def _save_finished(self) -> None:
        if self.saver is not None:
            self.saver.deleteLater()
        self.saver = None
        self.progress.setVisible(False)
        self._update_actions()

    def save_checklist(self, path: str) -> bool:
        """Write the PDF 审查清单 (quick even for a large folder: only what has findings is listed at length)."""
        from exporters.review_pdf import write_review_pdf
        result = self.result
        if result is None:
            return False
        if run_workflow(self, lambda: write_review_pdf(result, path), failure=f"无法保存审查清单 {path}",
                        explained=(ExportError,)) is None:
            return False
        self.status.setText(f"已保存审查清单：{path}")
        return True

    def closeEvent(self, event) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()
        if self.saver is not None:
            self.saver.wait()  # a half-written workbook is never left behind, but the write must end first
        super().closeEvent(event)


def open_review_window(parent, open_report_callback: OpenReport | None) -> ReviewWindow:
    """Show the 审查台 as a window of its own (kept alive by its parent); the caller may start a review on it."""
    window = ReviewWindow(open_report_callback, parent)
    window.setWindowFlag(Qt.WindowType.Window, True)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    window.show()
    keep_on_screen(window)
    window.raise_()
    window.activateWindow()
    return window
