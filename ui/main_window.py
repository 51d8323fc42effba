"""The main window: the report's tabs, the findings and 填报说明 docks, the status line, menus and toolbar.

Wiring only: the menus and the toolbar are built from the declared actions
(``ui.actions.declared``), whose functions ask the clerk what a workflow needs
and leave the doing to the session (``app.session``); the window shows what the
session says.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QToolBar, QWidget

from app.session import Session, recovery
from models.checks import Finding
from models.report import Report

from .actions import declared, files
from .actions.model import WindowActions
from .actions.model import Window
from .document import ReportDocument
from .findings_view import FindingsView
from .help_pane import HelpPane
from .recent_files import RecentFiles
from .report_tabs import ReportTabs
from .screen_fit import fitted_size
from .style import ERROR_COLOR, OK_COLOR, WARNING_COLOR, set_text_color
from .zoom import Zoom

if TYPE_CHECKING:
    from .grid_view import GridView

RECOVERY_DELAY_MS = 1_500  # a recovery copy this soon after a change: a crash loses at most this much typing
STATUS_MS = 10_000


class MainWindow(Window):
    def __init__(self, settings: QSettings, data_dir: Path | str, report: Report | None = None,
                 path: str | None = None):
        super().__init__()
        self.settings = settings
        self.recent = RecentFiles(settings)
        self.data_dir = Path(data_dir)
        self.recovery = recovery.RecoveryStore(self.data_dir)
        self.session = Session(report, path)
        # the first check runs once the report is painted (``paintEvent``): the clerk sees the window sooner
        self.document = ReportDocument(self.session, self, check_now=False)
        self._painted = False
        self.review_window = None
        self.zoom_level = Zoom(settings)
        self.setAcceptDrops(True)

        self.tabs = ReportTabs(self.document)
        self.setCentralWidget(self.tabs)
        self.findings_view = FindingsView(self.session.form)
        self.findings_view.finding_activated.connect(self.tabs.show_finding)
        self.findings_dock = QDockWidget("检查结果", self)
        self.findings_dock.setObjectName("findingsDock")
        self.findings_dock.setWidget(self.findings_view)
        self.findings_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                       | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                                       | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)
        self.help_pane = HelpPane(self.session.form, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.help_pane)
        self.help_pane.hide()
        self.summary = QLabel()
        self.statusBar().addPermanentWidget(self.summary)
        toolbar = QToolBar(declared.TOOLBAR_TITLE)
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.setMovable(False)
        self.menu_actions = WindowActions(self, declared.entries(), declared.MENUS, toolbar, declared.TOOLBAR)
        self.addToolBar(toolbar)
        self.tabs.show_prior(self.menu_actions["view.prior_values"].isChecked())

        self.tabs.page_built.connect(self._page_built)
        self.tabs.section_shown.connect(self.help_pane.show_for_section)
        self.tabs.cell_entered.connect(self.help_pane.show_for_cell)
        self.tabs.status.connect(self.show_status)
        self.document.findings_changed.connect(self._findings_changed)
        self.document.modified_changed.connect(self.update_title)
        self.document.history_changed.connect(self.menu_actions.refresh)
        self.document.prior_changed.connect(self.menu_actions.refresh)
        self.document.refused.connect(self._show_refusal)
        self.document.values_changed.connect(self._clear_refusal)
        self.document.replaced.connect(self.update_title)
        self._refusal_shown = False

        self.recovery_timer = QTimer(self)
        self.recovery_timer.setSingleShot(True)
        self.recovery_timer.setInterval(RECOVERY_DELAY_MS)
        self.recovery_timer.timeout.connect(self.write_recovery)
        self.document.history_changed.connect(self._schedule_recovery)
        self._restore_window()
        files.restore_local_requirements(self)
        self.tabs.rebuild()
        self.update_title()
        if self.zoom_level.step:
            self.zoom_level.apply(self.findings_view)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._after_first_paint)  # not after the window has gone

    def _after_first_paint(self) -> None:
        """What the first screen can do without: the findings come a moment after the report."""
        if not self.document.checked:
            self.document.recheck()
        QApplication.instance().installEventFilter(self)  # Ctrl + wheel zooms wherever the pointer is

    # ------------------------------------------------------------ what the actions and tests reach

    def page(self, tab_id: str) -> QWidget:
        return self.tabs.page(tab_id)

    def show_page(self, tab_id: str) -> QWidget:
        return self.tabs.show_page(tab_id)

    def grid(self, table_id: str) -> GridView:
        return self.tabs.grid(table_id)

    def commit_pending_edits(self) -> None:
        """A number still in a cell editor counts as typed: commit it before saving, exporting or undoing."""
        self.tabs.commit_pending()
        self.document.recheck()

    def open_path(self, path: str, ask: bool = True) -> bool:
        return files.open_path(self, path, ask)

    def update_title(self, *_) -> None:
        self.setWindowTitle(files.window_title(self))
        self.setWindowModified(self.session.modified)

    def show_status(self, message: str) -> None:
        self._refusal_shown = False
        self.statusBar().showMessage(message, STATUS_MS)

    def _show_refusal(self, message: str) -> None:
        self.show_status(message)
        self._refusal_shown = True

    def _clear_refusal(self, _refs) -> None:
        """The next good entry takes the complaint about the last bad one away."""
        if self._refusal_shown:
            self.statusBar().clearMessage()
            self._refusal_shown = False

    def _findings_changed(self, findings: list[Finding]) -> None:
        self.findings_view.show_findings(findings)
        errors, warnings = self.document.counts()
        if errors or warnings:
            parts = [f"{errors} 个错误" if errors else "", f"{warnings} 个警告" if warnings else ""]
            text, color = "检查：" + "，".join(p for p in parts if p), ERROR_COLOR if errors else WARNING_COLOR
        else:
            text, color = "检查：全部通过", OK_COLOR
        if text != self.summary.text():
            self.summary.setText(text)
            set_text_color(self.summary, color)

    # ------------------------------------------------------------ zoom

    def zoom(self, step: int) -> None:
        self.zoom_level.change(step)
        for page in self.tabs.pages.values():
            self.zoom_level.apply(page)
        self.zoom_level.apply(self.findings_view)
        self.show_status(f"显示比例 {self.zoom_level.factor:.0%}")

    def _page_built(self, page: QWidget) -> None:
        if self.zoom_level.step:
            self.zoom_level.apply(page)

    def eventFilter(self, watched, event):
        if (event.type() == QEvent.Type.Wheel and event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and isinstance(watched, QWidget) and watched.window() is self):
            self.zoom(1 if event.angleDelta().y() > 0 else -1)
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ recovery copies

    def _schedule_recovery(self) -> None:
        """After a change, once: not restarted by every keystroke, so steady typing is saved every 1.5 s."""
        if self.session.modified and not self.recovery_timer.isActive():
            self.recovery_timer.start()

    def write_recovery(self) -> None:
        if not self.session.modified:
            return
        try:  # a number still in a cell editor is left alone: closing the editor would interrupt the typing
            self.recovery.write(self.session.report, self.path, self.session.disk_digest)
        except OSError as e:
            self.show_status(f"无法写入恢复副本（{e}）；请尽快保存")

    def offer_recovery(self) -> bool:
        """At start: the copies crashed windows left behind, each offered as the session assesses it."""
        from .recovery_dialog import offer_copies
        return offer_copies(self)

    def maybe_save(self) -> bool:
        return files.maybe_save(self)

    # ------------------------------------------------------------ files dropped, window state

    def dragEnterEvent(self, event):
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event):
        event.acceptProposedAction()
        files.dropped(self, event.mimeData().urls()[0].toLocalFile())

    def _restore_window(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            state = self.settings.value("window/state")
            if isinstance(state, QByteArray):
                self.restoreState(state)
            return
        self.resize(fitted_size(self, QSize(1366, 860)))
        self.resizeDocks([self.findings_dock], [190], Qt.Orientation.Vertical)  # seven or eight findings in view

    def closeEvent(self, event):
        if not files.maybe_save(self):
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.recovery.close()
        self.session.release()
        self.document.close()
        event.accept()
