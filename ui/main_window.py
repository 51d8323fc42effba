"""The main window: a tab per part of the report, the findings dock, files and recovery."""
from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (QApplication, QDockWidget, QFileDialog, QLabel, QLineEdit, QMainWindow, QMessageBox,
                               QStyle, QTabWidget, QTextEdit, QToolBar, QVBoxLayout, QWidget)

from models import draft
from models.checks import Finding, Severity
from models.report import Report

from . import recovery
from .document import ReportDocument
from .findings_view import FindingsView
from .narrative import BasicInfoPage, SectionEditor
from .style import ERROR_COLOR, OK_COLOR, WARNING_COLOR, set_text_color

if TYPE_CHECKING:
    from .grid_view import GridView

APP_TITLE = "政府信息公开工作年度报告"
RECOVERY_INTERVAL_MS = 30_000
MAX_RECENT = 8
DRAFT_FILTER = "报告草稿 (*.gkbg.json *.json)"
IMPORT_FILTER = "报告文件 (*.json *.docx *.xlsx *.txt *.html *.htm *.pdf);;所有文件 (*)"
STATUS_MS = 10_000
BASIC_TAB = "basic"
PRINTED_TOTAL_RULES = ("T3-ROW", "T3-SUM", "T4-TOT")


def printed_total_notes(report: Report) -> list[Finding]:
    """The published report's wrong printed totals, as import notes (a new draft computes its own)."""
    from models.checks import run_checks
    return [Finding("IMPORT", Severity.WARNING, f"原报告{f.message}（新草稿中合计按各项重新计算）", f.cells)
            for f in run_checks(report) if f.rule in PRINTED_TOTAL_RULES]


EXPORTS = (  # (module under exporters/, writer function, menu text, file filter, suffix)
    ("docx", "write_docx", "导出 Word…", "Word 文档 (*.docx)", ".docx"),
    ("xlsx", "write_xlsx", "导出 Excel…", "Excel 工作簿 (*.xlsx)", ".xlsx"),
    ("pdf", "write_pdf", "导出 PDF…", "PDF 文件 (*.pdf)", ".pdf"),
)
QUOTED_FIGURE = re.compile(r"写[^0-9，。]*?(\d[\d,]*)\s*件")


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings, data_dir: Path, report: Report | None = None,
                 path: str | None = None):
        super().__init__()
        self.settings = settings
        self.data_dir = Path(data_dir)
        self.recovery = recovery.RecoveryStore(self.data_dir)
        self.path: str | None = None
        self.document: ReportDocument | None = None
        self.pages: dict[str, QWidget] = {}
        self.grids: dict[str, GridView] = {}
        self.import_notes: list[Finding] = []
        self._tab_states: dict[str, tuple[int, bool]] = {}
        self._icons = {"error": self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                       "warning": self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        self.setAcceptDrops(True)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._holders: dict[str, QWidget] = {}
        self.setCentralWidget(self.tabs)
        self.findings_view = FindingsView(Report().form)
        self.findings_view.finding_activated.connect(self.show_finding)
        self.dock = QDockWidget("检查结果", self)
        self.dock.setObjectName("findingsDock")
        self.dock.setWidget(self.findings_view)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.summary = QLabel()
        self.statusBar().addPermanentWidget(self.summary)
        self._build_actions()
        self._build_menus()

        self.recovery_timer = QTimer(self)
        self.recovery_timer.setInterval(RECOVERY_INTERVAL_MS)
        self.recovery_timer.timeout.connect(self.write_recovery)
        self.recovery_timer.start()
        self._restore_window()
        self.set_document(ReportDocument(report), path)

    # ------------------------------------------------------------ building

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _=False: slot())
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.new_action = self._action("新建(&N)", self.new_report, K.New, "新建一份空白报告")
        self.open_action = self._action("打开(&O)…", self.open_dialog, K.Open, "打开已保存的报告草稿")
        self.save_action = self._action("保存(&S)", self.save, K.Save, "保存报告草稿")
        self.save_as_action = self._action("另存为(&A)…", self.save_as, K.SaveAs, "把报告草稿保存到另一个文件")
        self.import_prior_action = self._action("导入上年报告(&P)…", self.import_prior,
                                                tip="导入上年的报告，用于核对上年结转、现行有效件数和重复率")
        self.import_new_action = self._action("从已发布报告新建(&I)…", self.import_as_new,
                                              tip="读取已发布的报告（或导出的文件），作为新报告的起点")
        self.export_actions = []
        for module, func, text, file_filter, suffix in EXPORTS:
            action = self._action(text, lambda m=module, f=func, ff=file_filter, s=suffix: self.export(m, f, ff, s))
            self.export_actions.append(action)
        self.preview_action = self._action("打印预览(&V)…", self.print_preview, K.Print, "预览并打印报告")
        self.quit_action = self._action("退出(&X)", self.close, K.Quit)
        self.undo_action = self._action("撤销(&U)", self.undo, K.Undo)
        self.redo_action = self._action("重做(&R)", self.redo, K.Redo)
        self.cut_action = self._action("剪切(&T)", lambda: self._route("cut"), K.Cut)
        self.copy_action = self._action("复制(&C)", lambda: self._route("copy"), K.Copy)
        self.paste_action = self._action("粘贴(&P)", lambda: self._route("paste"), K.Paste)
        self.clear_action = self._action("清除所选单元格（Del）", lambda: self._route("clear"))
        self.fill_zero_action = self._action("空白填0(&Z)", self.fill_blanks_with_zero,
                                             tip="把三张表中所有空白的单元格填为 0（可撤销）")
        self.about_action = self._action("关于(&A)", self.about)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("文件(&F)")
        menu.addActions([self.new_action, self.open_action])
        self.recent_menu = menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        menu.addSeparator()
        menu.addActions([self.save_action, self.save_as_action])
        menu.addSeparator()
        menu.addActions([self.import_prior_action, self.import_new_action])
        menu.addSeparator()
        menu.addActions(self.export_actions)
        menu.addAction(self.preview_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        edit = self.menuBar().addMenu("编辑(&E)")
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addActions([self.cut_action, self.copy_action, self.paste_action, self.clear_action])
        edit.addSeparator()
        edit.addAction(self.fill_zero_action)
        view = self.menuBar().addMenu("查看(&V)")
        toggle = self.dock.toggleViewAction()
        toggle.setText("检查结果")
        view.addAction(toggle)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        help_menu.addAction(self.about_action)
        bar = QToolBar("常用")
        bar.setObjectName("mainToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setMovable(False)
        bar.addActions([self.new_action, self.open_action, self.save_action])
        bar.addSeparator()
        bar.addActions([self.undo_action, self.redo_action])
        bar.addSeparator()
        bar.addAction(self.fill_zero_action)
        if self.export_actions:
            bar.addSeparator()
            bar.addActions(self.export_actions)
        self.addToolBar(bar)

    def set_document(self, document: ReportDocument, path: str | None) -> None:
        """Show a report: every page is built anew from it."""
        old = self.document
        self.document = document
        self.path = path
        self.import_notes = []
        document.setParent(self)
        document.findings_changed.connect(self._findings_changed)
        document.modified_changed.connect(self._update_title)
        document.refused.connect(self.show_status)
        document.undo_stack.indexChanged.connect(self._update_undo_texts)
        current = self.tabs.currentIndex()
        old_pages = [self.tabs.widget(i) for i in range(self.tabs.count())]
        self.tabs.blockSignals(True)
        self.tabs.clear()
        self._tab_states.clear()
        for page in old_pages:
            page.deleteLater()
        self.pages.clear()
        self.grids.clear()
        self._holders = {}
        for tab_id, title in [(BASIC_TAB, "基本信息")] + [(s.id, s.title) for s in document.form.sections]:
            # a page is built when first shown: start-up builds only the page in view
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._holders[tab_id] = holder
            self.tabs.addTab(holder, title)
            self.tabs.setTabToolTip(self.tabs.count() - 1, title)
        self.tabs.blockSignals(False)
        self.tabs.setCurrentIndex(max(current, 0))
        self.page(self._tab_ids()[self.tabs.currentIndex()])
        if old is not None:
            old.retire()
        self._findings_changed(document.findings)
        self._update_title()
        self._update_undo_texts()

    def _tab_ids(self) -> list[str]:
        return list(self._holders)

    def page(self, tab_id: str) -> QWidget:
        """The page of a tab ("basic" or a section id), built on first use."""
        page = self.pages.get(tab_id)
        if page is not None:
            return page
        document = self.document
        if tab_id == BASIC_TAB:
            page = BasicInfoPage(document)
        else:
            section = document.form.section(tab_id)
            if section.kind == "table":
                from .table_page import TablePage  # the grids' modules load with the first table shown
                table = next(t for t in document.form.tables if t.section == section.id)
                page = TablePage(document, table, section.title)
                page.grid.status.connect(self.show_status)
                self.grids[table.id] = page.grid
            else:
                page = SectionEditor(document, section)
        self.pages[tab_id] = page
        self._holders[tab_id].layout().addWidget(page)
        return page

    def grid(self, table_id: str) -> GridView:
        self.page(self.document.form.table(table_id).section)
        return self.grids[table_id]

    def tab_index(self, tab_id: str) -> int:
        return self._tab_ids().index(tab_id)

    def show_page(self, tab_id: str) -> QWidget:
        page = self.page(tab_id)
        self.tabs.setCurrentWidget(self._holders[tab_id])
        return page

    def _tab_changed(self, index: int) -> None:
        if 0 <= index < len(self._holders):
            self.page(self._tab_ids()[index])

    # ------------------------------------------------------------ findings

    def _findings_changed(self, findings: list[Finding]) -> None:
        self.findings_view.show_findings(self.import_notes + findings)
        errors, warnings = self.document.counts()
        if errors or warnings:
            parts = [f"{errors} 个错误" if errors else "", f"{warnings} 个警告" if warnings else ""]
            text, color = "检查：" + "，".join(p for p in parts if p), ERROR_COLOR if errors else WARNING_COLOR
        else:
            text, color = "检查：全部通过", OK_COLOR
        if text != self.summary.text():
            self.summary.setText(text)
            set_text_color(self.summary, color)
        self._update_tab_titles(findings)

    def _tabs_of(self, finding: Finding) -> set[str]:
        form = self.document.form
        tabs = {form.table(c.table).section for c in finding.cells}
        if finding.section:
            tabs.add(finding.section)
        return tabs

    def _update_tab_titles(self, findings: list[Finding]) -> None:
        errors: dict[str, int] = {}
        warned: set[str] = set()
        for f in findings:
            for tab in self._tabs_of(f):
                if f.severity is Severity.ERROR:
                    errors[tab] = errors.get(tab, 0) + 1
                elif f.severity is Severity.WARNING:
                    warned.add(tab)
        for i, section in enumerate(self.document.form.sections, start=1):
            n = errors.get(section.id, 0)
            state = (n, section.id in warned)
            if self._tab_states.get(section.id) == state and self.tabs.tabText(i).startswith(section.title):
                continue  # a tab bar relayout and repaint only when a title really changes
            self._tab_states[section.id] = state
            self.tabs.setTabText(i, f"{section.title}（{n}）" if n else section.title)
            self.tabs.setTabIcon(i, self._icons["error"] if n else self._icons["warning"] if state[1] else QIcon())

    def show_finding(self, finding: Finding | None) -> None:
        """Jump to where a finding is: the text it is about, or its cells."""
        if finding is None:
            return
        if finding.section and finding.section in self._holders:
            page = self.show_page(finding.section)
            if isinstance(page, SectionEditor):
                quoted = QUOTED_FIGURE.search(finding.message)
                page.show_text(quoted.group(1) if quoted else None)
                return
        if finding.cells:
            table = finding.cells[0].table
            self.show_page(self.document.form.table(table).section)
            grid = self.grids[table]
            grid.select_refs(finding.cells)
            grid.setFocus()

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MS)

    # ------------------------------------------------------------ editing

    def current_grid(self) -> GridView | None:
        grids = list(self.grids.values())
        widget = QApplication.focusWidget()
        while widget is not None:
            if widget in grids:
                return widget
            widget = widget.parentWidget()
        return getattr(self.current_page(), "grid", None)

    def current_page(self) -> QWidget | None:
        index = self.tabs.currentIndex()
        return self.pages.get(self._tab_ids()[index]) if 0 <= index < len(self._holders) else None

    def _focused_text_editor(self):
        widget = QApplication.focusWidget()
        if isinstance(widget, (QLineEdit, QTextEdit)):
            return widget
        return None

    def _route(self, what: str) -> None:
        """Cut/copy/paste/clear act on the focused text box, else on the current grid."""
        editor = self._focused_text_editor()
        if editor is not None and what != "clear":
            getattr(editor, what)()
            return
        grid = self.current_grid()
        if grid is None:
            return
        {"cut": lambda: (grid.copy_selection(), grid.clear_selection()), "copy": grid.copy_selection,
         "paste": grid.paste, "clear": grid.clear_selection}[what]()

    def undo(self) -> None:
        editor = self._focused_text_editor()
        if editor is not None:
            editor.undo()
            return
        self.document.undo_stack.undo()

    def redo(self) -> None:
        editor = self._focused_text_editor()
        if editor is not None:
            editor.redo()
            return
        self.document.undo_stack.redo()

    def _update_undo_texts(self, *_) -> None:
        if not shiboken6.isValid(self.document):
            return  # the window is being torn down
        stack = self.document.undo_stack
        self.undo_action.setStatusTip(f"撤销：{stack.undoText()}" if stack.canUndo() else "没有可撤销的表格操作")
        self.redo_action.setStatusTip(f"重做：{stack.redoText()}" if stack.canRedo() else "没有可重做的表格操作")

    def fill_blanks_with_zero(self) -> None:
        self.commit_pending_edits()
        n = self.document.fill_blanks_with_zero()
        self.show_status(f"已把 {n} 个空白单元格填为 0（可撤销）" if n else "没有空白单元格")

    def commit_pending_edits(self) -> None:
        """A number still in a cell editor counts as typed: commit it before saving or exporting."""
        for grid in self.grids.values():
            grid.commit_pending()
        if self.document is not None:
            self.document.recheck()

    # ------------------------------------------------------------ files

    def display_name(self) -> str:
        return Path(self.path).name if self.path else "未命名报告"

    def _update_title(self, *_) -> None:
        self.setWindowTitle(f"{self.display_name()}[*] — {APP_TITLE}")
        self.setWindowModified(self.document.modified)

    def maybe_save(self) -> bool:
        """Ask 保存 / 不保存 / 取消 when there are unsaved changes; True when it is fine to go on."""
        self.commit_pending_edits()
        if not self.document.modified:
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE,
                          f"“{self.display_name()}”有尚未保存的修改。\n是否保存？",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Save).setText("保存")
        box.button(QMessageBox.StandardButton.Discard).setText("不保存")
        box.button(QMessageBox.StandardButton.Cancel).setText("取消")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_report(self) -> None:
        if not self.maybe_save():
            return
        self.recovery.discard()
        self.set_document(ReportDocument(Report()), None)
        self.tabs.setCurrentIndex(0)
        self.show_status("已新建空白报告")

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, "打开报告草稿", self._last_dir(), DRAFT_FILTER)
        if path:
            self.open_path(path, ask=False)

    def open_path(self, path: str, ask: bool = True) -> bool:
        """Open a draft; a file that cannot be read leaves the current report as it was."""
        if ask and not self.maybe_save():
            return False
        try:
            report = draft.load(path)
        except draft.DraftError as e:
            QMessageBox.warning(self, "无法打开", f"无法打开 {path}：\n{e}")
            return False
        self.recovery.discard()
        self.set_document(ReportDocument(report), str(Path(path).resolve()))
        self.add_recent(self.path)
        self.show_status(f"已打开 {self.path}")
        return True

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        suggested = str(Path(self._last_dir()) / self._suggested_name(draft.DRAFT_SUFFIX))
        path, _ = QFileDialog.getSaveFileName(self, "另存为", suggested, DRAFT_FILTER)
        if not path:
            return False
        if not path.lower().endswith(".json"):
            path += draft.DRAFT_SUFFIX
        return self._save_to(path)

    def _save_to(self, path: str) -> bool:
        self.commit_pending_edits()
        try:
            draft.save(self.document.report, path)
        except draft.DraftError as e:
            QMessageBox.critical(self, "保存失败", f"{e}\n\n报告仍在窗口中，可换一个位置“另存为”。")
            return False
        self.path = str(Path(path).resolve())
        self.document.mark_saved()
        self.recovery.discard()
        self.add_recent(self.path)
        self._update_title()
        self.show_status(f"已保存到 {self.path}")
        return True

    def _suggested_name(self, suffix: str) -> str:
        if self.path and suffix == draft.DRAFT_SUFFIX:
            return Path(self.path).name
        report = self.document.report
        name = f"{report.agency}{report.year}年政府信息公开工作年度报告"
        name = re.sub(r'[\\/:*?"<>|]', "_", name)
        return name + suffix

    def _last_dir(self) -> str:
        if self.path:
            return str(Path(self.path).parent)
        return str(self.settings.value("files/last_dir", str(Path.home())))

    # ------------------------------------------------------------ recent files

    def recent_files(self) -> list[str]:
        value = self.settings.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if isinstance(v, str)]

    def add_recent(self, path: str) -> None:
        files = [path] + [p for p in self.recent_files() if p != path]
        self.settings.setValue("files/recent", files[:MAX_RECENT])
        self.settings.setValue("files/last_dir", str(Path(path).parent))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)
            return
        for i, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{i} {Path(path).name}    {Path(path).parent}")
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("清除列表").triggered.connect(lambda: self.settings.setValue("files/recent", []))

    def _open_recent(self, path: str) -> None:
        if not Path(path).exists():
            QMessageBox.warning(self, "文件不存在", f"找不到 {path}，已从“最近打开”中移除。")
            self.settings.setValue("files/recent", [p for p in self.recent_files() if p != path])
            return
        self.open_path(path)

    # ------------------------------------------------------------ import and export

    def import_prior(self) -> None:
        """Keep last year's report beside the draft; offer to carry its open requests and sub-heads over."""
        from importers import SourceError, carry_over, read_report
        from .carry_over_dialog import CarryOverDialog
        path, _ = QFileDialog.getOpenFileName(self, "导入上年报告", self._last_dir(), IMPORT_FILTER)
        if not path:
            return
        try:
            prior = read_report(path).report
        except SourceError as e:
            QMessageBox.warning(self, "无法导入", f"无法读取 {path}：\n{e}")
            return
        report = self.document.report
        offer = carry_over.plan(report, prior)
        dialog = CarryOverDialog(prior, offer, self)
        if dialog.exec() != CarryOverDialog.DialogCode.Accepted:
            return
        applied = carry_over.apply_prior(report, prior, carry_requests=False,
                                         copy_subheads=dialog.subheads.isChecked())
        if dialog.carry.isChecked() and offer.carried_over:
            # through the undo stack, like any grid edit, so the grid shows it and 撤销 takes it back
            self.document.set_values(list(offer.carried_over.items()), f"按 {prior.year} 年报告填入上年结转")
            applied.messages.append(f"表三“二、上年结转”已按 {prior.year} 年报告填入（可撤销）")
        for section_id in applied.sections:
            page = self.pages.get(section_id)
            if isinstance(page, SectionEditor):
                page.rebuild()
        self.document.text_edited()
        self.document.recheck()
        if BASIC_TAB in self.pages:
            self.pages[BASIC_TAB].refresh()
        self.show_status("；".join(applied.messages))

    def import_as_new(self, path: str | None = None) -> None:
        from importers import SourceError, read_report
        if not self.maybe_save():
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "从已发布报告新建", self._last_dir(), IMPORT_FILTER)
            if not path:
                return
        try:
            result = read_report(path)
        except SourceError as e:
            QMessageBox.warning(self, "无法导入", f"无法读取 {path}：\n{e}")
            return
        self.recovery.discard()
        report = result.report
        notes = list(result.notes) + printed_total_notes(report)
        report.stated.clear()  # the new draft's totals are computed; the printed ones stay in the notes
        document = ReportDocument(report)
        self.set_document(document, None)
        document.mark_unsaved()
        self.import_notes = notes
        self._findings_changed(document.findings)
        self.show_status(f"已从 {Path(path).name} 新建报告" + (f"，导入说明 {len(result.notes)} 条见“检查结果”"
                                                            if result.notes else "") + "；请另存为草稿")

    def export(self, module: str, func: str, file_filter: str, suffix: str) -> None:
        self.commit_pending_edits()
        errors, _warnings = self.document.counts()
        if errors:
            first = next(f for f in self.document.findings if f.severity is Severity.ERROR)
            answer = QMessageBox.question(
                self, "报告有错误", f"检查发现 {errors} 个错误，例如：\n{first.message}\n\n仍要导出吗？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        blanks = self.document.report.blank_inputs()
        if blanks:
            box = QMessageBox(QMessageBox.Icon.Question, "有空白单元格",
                              f"表格中还有 {len(blanks)} 个空白单元格，官方做法是填 0。", parent=self)
            fill = box.addButton("先空白填0再导出", QMessageBox.ButtonRole.AcceptRole)
            keep = box.addButton("保留空白导出", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is fill:
                self.fill_blanks_with_zero()
            elif box.clickedButton() is not keep:
                return
        suggested = str(Path(self._last_dir()) / self._suggested_name(suffix))
        path, _ = QFileDialog.getSaveFileName(self, "导出", suggested, file_filter)
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        writer = getattr(importlib.import_module(f"exporters.{module}"), func)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = writer(self.document.report, path)
        except Exception as e:  # an exporter's failure must not cost the clerk the open report
            QApplication.restoreOverrideCursor()
            QMessageBox.critical(self, "导出失败", f"无法导出到 {path}：\n{e}")
            return
        QApplication.restoreOverrideCursor()
        self.show_status(f"已导出到 {path}")
        summary = getattr(result, "summary", None)
        if callable(summary) and (getattr(result, "substitutions", None) or getattr(result, "warnings", None)):
            QMessageBox.information(self, "导出完成", summary())

    def print_preview(self) -> None:
        self.commit_pending_edits()
        from .print_preview import show_print_preview  # Qt's print support loads only when asked for
        show_print_preview(self.document.report, self)

    def about(self) -> None:
        QMessageBox.about(self, "关于", f"{APP_TITLE}\n按国办公开办函〔2021〕30号格式填报、校验和导出。")

    # ------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event):
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event):
        path = event.mimeData().urls()[0].toLocalFile()
        event.acceptProposedAction()
        # let the drop finish before any dialog opens
        QTimer.singleShot(0, lambda: self.open_dropped(path))

    def open_dropped(self, path: str) -> None:
        if path.lower().endswith(".json"):
            self.open_path(path)
        else:
            self.import_as_new(path)

    # ------------------------------------------------------------ recovery

    def write_recovery(self) -> None:
        if self.document is None or not self.document.modified:
            return
        try:  # a number still in a cell editor is left alone: closing the editor would interrupt the typing
            self.recovery.write(self.document.report, self.path)
        except OSError as e:
            self.show_status(f"无法写入恢复副本（{e}）；请尽快保存")

    def offer_recovery(self) -> bool:
        """At start: offer the copy a crashed window left behind.  True when one was restored."""
        found = recovery.orphans(self.data_dir)
        if not found:
            return False
        orphan, others = found[0], found[1:]
        for other in others:
            other.lock.unlock()  # offered at a later start
        source = orphan.source or "尚未保存的新报告"
        box = QMessageBox(QMessageBox.Icon.Question, "恢复未保存的工作",
                          f"上次程序没有正常关闭。发现 {orphan.saved_at} 自动保存的恢复副本：\n{source}\n\n是否恢复？",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText("恢复")
        box.button(QMessageBox.StandardButton.No).setText("不恢复")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        if box.exec() != QMessageBox.StandardButton.Yes:
            orphan.set_aside()
            self.show_status("已放弃恢复副本（仍保留一份：recovery-discarded.gkbg.json）")
            return False
        try:
            report = orphan.load()
        except draft.DraftError as e:
            orphan.lock.unlock()
            QMessageBox.warning(self, "无法恢复", f"恢复副本无法读取：{e}\n文件仍保留在 {orphan.draft_path}")
            return False
        if not self.maybe_save():
            orphan.lock.unlock()
            return False
        self.set_document(ReportDocument(report), orphan.source)
        self.document.mark_unsaved()
        self.write_recovery()  # our own copy first, then the old one can go
        orphan.remove()
        self.show_status("已恢复上次未保存的工作；请保存")
        return True

    # ------------------------------------------------------------ window state

    def _restore_window(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            state = self.settings.value("window/state")
            if isinstance(state, QByteArray):
                self.restoreState(state)
            return
        screen = QApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.resize(min(1366, area.width()), min(860, area.height()))
        self.resizeDocks([self.dock], [120], Qt.Orientation.Vertical)

    def closeEvent(self, event):
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.recovery.close()
        event.accept()
