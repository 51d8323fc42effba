"""A tab per part of the report (基本信息, then the form's sections); each page is built when first shown.

The tabs show what the document says: a count of errors in a tab's title, the
finding the clerk chose, 显示上年数 under the numbers.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from models.checks import IMPORT, Finding, Severity
from models.form import CellRef

from .document import ReportDocument
from .narrative import BasicInfoPage, SectionEditor
from .page_tabs import PageTabs
from .style import severity_icons

if TYPE_CHECKING:
    from .grid_view import GridView

BASIC_TAB = "basic"


class ReportTabs(PageTabs):
    page_built = Signal(QWidget)            # a page shown for the first time (the window sets its zoom)
    section_shown = Signal(str)             # the tab id now shown
    cell_entered = Signal(str, int, int)    # table id, row, column of a grid's current cell
    status = Signal(str)                    # a grid's message for the status bar

    def __init__(self, document: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)
        self.pages: dict[str, QWidget] = {}
        self.grids: dict[str, GridView] = {}
        self.prior_wanted = False   # 显示上年数 is on (it shows when there is a last year)
        self.showing_prior = False
        self._holders: dict[str, QWidget] = {}
        self._tab_states: dict[str, tuple[int, bool]] = {}
        self._icons: dict[Severity, QIcon] = {}  # asked for when a title first needs one
        self.currentChanged.connect(self._tab_changed)
        document.replaced.connect(self.rebuild)
        document.findings_changed.connect(self.update_titles)
        document.prior_changed.connect(self._refresh_prior)
        document.values_changed.connect(self._values_changed)

    def rebuild(self) -> None:
        """Tabs for the report now in the session; the pages of the last one go."""
        current = self.currentIndex()
        old_pages = [self.widget(i) for i in range(self.count())]
        self.blockSignals(True)
        self.clear()
        self._tab_states.clear()
        for page in old_pages:
            page.deleteLater()
        self.pages.clear()
        self.grids.clear()
        self._holders = {}
        self.showing_prior = self.prior_wanted and self.document.report.prior is not None
        form = self.document.form
        with self.titles_changing():
            for tab_id, title in [(BASIC_TAB, "基本信息")] + [(s.id, s.title) for s in form.sections]:
                holder = QWidget()
                QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
                self._holders[tab_id] = holder
                self.addTab(holder, title)
                self.setTabToolTip(self.count() - 1, title)
        self.blockSignals(False)
        self.setCurrentIndex(max(current, 0))
        self._tab_changed(self.currentIndex())
        if self.document.checked:  # else the first check's findings_changed titles them
            self.update_titles(self.document.findings)

    # ------------------------------------------------------------ pages

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
                table_page = TablePage(document, table, section.title)
                table_page.grid.status.connect(self.status)
                table_page.grid.current_cell_changed.connect(self.cell_entered)
                self.grids[table.id] = table_page.grid
                if self.showing_prior:
                    table_page.grid.show_prior(self._comparisons())
                page = table_page
            else:
                page = SectionEditor(document, section)
        self.pages[tab_id] = page
        self._holders[tab_id].layout().addWidget(page)
        self.page_built.emit(page)
        return page

    def grid(self, table_id: str) -> GridView:
        self.page(self.document.form.table(table_id).section)
        return self.grids[table_id]

    def tab_ids(self) -> list[str]:
        return list(self._holders)

    def current_tab_id(self) -> str:
        return self.tab_ids()[self.currentIndex()]

    def current_section_id(self) -> str | None:
        """The form's section shown; None on 基本信息."""
        tab = self.current_tab_id()
        return None if tab == BASIC_TAB else tab

    def current_page(self) -> QWidget | None:
        index = self.currentIndex()
        return self.pages.get(self.tab_ids()[index]) if 0 <= index < len(self._holders) else None

    def current_section_editor(self) -> SectionEditor | None:
        page = self.current_page()
        return page if isinstance(page, SectionEditor) else None

    def show_page(self, tab_id: str) -> QWidget:
        page = self.page(tab_id)
        self.setCurrentWidget(self._holders[tab_id])
        return page

    def show_section_editor(self, section_id: str) -> SectionEditor:
        page = self.show_page(section_id)
        assert isinstance(page, SectionEditor), section_id
        return page

    def step(self, step: int) -> None:
        self.setCurrentIndex((self.currentIndex() + step) % self.count())

    def _tab_changed(self, index: int) -> None:
        if 0 <= index < len(self._holders):
            tab_id = self.tab_ids()[index]
            self.section_shown.emit(tab_id)
            self.page(tab_id).enter()  # type: ignore[attr-defined]  # the keyboard follows the page shown

    def current_grid(self) -> GridView | None:
        """The grid with the focus, else the grid of the page shown."""
        grids = list(self.grids.values())
        widget = QApplication.focusWidget()
        while widget is not None:
            if widget in grids:
                return widget  # type: ignore[return-value]
            widget = widget.parentWidget()
        return getattr(self.current_page(), "grid", None)

    def current_cell(self) -> tuple[str, int, int] | None:
        """(table id, row, column) of the current cell of the grid on the page shown, if there is one."""
        grid = self.current_grid()
        if grid is None or not grid.currentIndex().isValid() or self.current_page() is not grid.parentWidget():
            return None
        index = grid.currentIndex()
        return grid.table.id, index.row(), index.column()

    def commit_pending(self) -> None:
        """A number still in a cell editor counts as typed."""
        for grid in self.grids.values():
            grid.commit_pending()

    # ------------------------------------------------------------ findings

    def update_titles(self, findings: list[Finding]) -> None:
        """A tab's title counts its errors; a warning shows as its icon."""
        form = self.document.form
        errors: dict[str, int] = {}
        warned: set[str] = set()
        for f in findings:
            if f.rule == IMPORT:
                continue
            tabs = {form.table(c.table).section for c in f.cells} | ({f.section} if f.section else set())
            for tab in tabs:
                if f.severity is Severity.ERROR:
                    errors[tab] = errors.get(tab, 0) + 1
                elif f.severity is Severity.WARNING:
                    warned.add(tab)
        with self.titles_changing():
            for i, section in enumerate(form.sections, start=1):
                n = errors.get(section.id, 0)
                state = (n, section.id in warned)
                if self._tab_states.get(section.id, (0, False)) == state:
                    continue  # a tab bar relayout and repaint only when a title really changes
                self._tab_states[section.id] = state
                self.setTabText(i, f"{section.title}（{n}）" if n else section.title)
                if (n or state[1]) and not self._icons:
                    self._icons = severity_icons(self)
                self.setTabIcon(i, self._icons[Severity.ERROR] if n else self._icons[Severity.WARNING] if state[1]
                                else QIcon())

    def show_finding(self, finding: Finding | None) -> None:
        """Jump to where a finding is: the figure in the text it quotes, the section, or its cells."""
        if finding is None:
            return
        if finding.section and finding.section in self._holders:
            page = self.show_page(finding.section)
            if isinstance(page, SectionEditor):
                quote = finding.quote
                page.show_text(quote.figure if quote else None, quote.subsection if quote else finding.subsection)
                return
        self.show_place(finding.cells, None)

    def show_place(self, cells: tuple[CellRef, ...], section: str | None) -> None:
        """Show a section, or select cells in their grid."""
        if cells:
            table = cells[0].table
            self.show_page(self.document.form.table(table).section)
            grid = self.grids[table]
            grid.select_refs(cells)
            grid.setFocus()
        elif section and section in self._holders:
            self.show_page(section)

    # ------------------------------------------------------------ 显示上年数

    def show_prior(self, wanted: bool) -> None:
        """Last year's number and the change under each number of the tables (when there is a last year)."""
        self.prior_wanted = wanted
        self._refresh_prior()

    def _refresh_prior(self) -> None:
        self.showing_prior = self.prior_wanted and self.document.report.prior is not None
        comparisons = self._comparisons() if self.showing_prior else None
        for grid in self.grids.values():
            grid.show_prior(comparisons)
            refit(grid.parentWidget())

    def _values_changed(self, _refs) -> None:
        if self.showing_prior:
            comparisons = self._comparisons()
            for grid in self.grids.values():
                grid.show_prior(comparisons)

    def _comparisons(self):
        from models.statistics_text.comparison import compare_cells
        return compare_cells(self.document.report)


def refit(page: QWidget | None) -> None:
    """A table page lays its grid out anew (the grids' module is loaded only with the first table shown)."""
    method = getattr(page, "refit", None)
    if callable(method):
        method()
