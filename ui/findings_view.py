"""The list of check findings: severity icon, rule, place and message; activating one jumps there."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QAbstractItemView, QTreeWidgetItem

from models.checks import Finding, Severity
from models.checks.presentation import HEADINGS, rule_description, shown
from models.form import FormDef

from .columns import FittedTree
from .style import severity_icons


class FindingsView(FittedTree):
    """级别 and 规则 whole, 位置 whole up to two fifths of the list, 说明 the rest (each cell's tooltip all of it)."""

    finding_activated = Signal(object)  # Finding
    column_caps = {1: 0.3, 2: 0.4}

    def __init__(self, form: FormDef, parent=None):
        super().__init__(parent)
        self.form = form
        self.setColumnCount(4)
        self.setHeaderLabels(list(HEADINGS))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)  # one line each (full text in the tooltip): cheap to refresh per keystroke
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setStretchLastSection(True)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self.findings: list[Finding] | None = None
        self._icons: dict[Severity, QIcon] = {}

    @property
    def icons(self) -> dict[Severity, QIcon]:
        if not self._icons:
            self._icons = severity_icons(self)
        return self._icons

    def show_findings(self, findings: list[Finding]) -> None:
        if findings == self.findings:
            return
        self.findings = list(findings)
        ordered = sorted(findings, key=lambda f: f.severity.rank)
        icons = self.icons
        self.setUpdatesEnabled(False)
        self.clear()
        for finding in ordered:
            words = shown(finding, self.form)
            item = QTreeWidgetItem(list(words))
            item.setIcon(0, icons[finding.severity])
            item.setToolTip(0, finding.severity.label)
            item.setToolTip(1, rule_description(finding.rule))
            item.setToolTip(2, words.place)
            item.setToolTip(3, finding.message)
            item.setData(0, Qt.ItemDataRole.UserRole, finding)
            self.addTopLevelItem(item)
        if not findings:
            item = QTreeWidgetItem(["通过", "", "", "全部检查通过，没有错误或警告"])
            item.setIcon(0, self.icons[Severity.INFO])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addTopLevelItem(item)
        self.fit_columns()
        self.setUpdatesEnabled(True)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, Qt.ItemDataRole.UserRole)
        if finding is not None:
            self.finding_activated.emit(finding)
