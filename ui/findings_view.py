"""The list of check findings: severity icon, rule, place and message; activating one jumps there."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QStyle, QTreeWidgetItem

from models.checks import Finding, Severity
from models.form import FormDef

from .columns import FittedTree

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
SEVERITY_ICON = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


def place_of(form: FormDef, finding: Finding) -> str:
    """Where, in the clerk's words: "一、总体情况", "表三"."""
    if finding.section:
        return form.section(finding.section).title
    tables = dict.fromkeys(c.table for c in finding.cells)
    return "、".join(form.table(t).caption for t in tables)


class FindingsView(FittedTree):
    """级别 and 规则 whole, 位置 whole up to two fifths of the list, 说明 the rest (each cell's tooltip all of it)."""

    finding_activated = Signal(object)  # Finding
    column_caps = {1: 0.3, 2: 0.4}

    def __init__(self, form: FormDef, parent=None):
        super().__init__(parent)
        self.form = form
        self.setColumnCount(4)
        self.setHeaderLabels(["级别", "规则", "位置", "说明"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)  # one line each (full text in the tooltip): cheap to refresh per keystroke
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setStretchLastSection(True)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self.findings: list[Finding] | None = None
        self.icons = {s: self.style().standardIcon(p) for s, p in SEVERITY_ICON.items()}

    def show_findings(self, findings: list[Finding]) -> None:
        if findings == self.findings:
            return
        self.findings = list(findings)
        ordered = sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])
        icons = self.icons
        self.setUpdatesEnabled(False)
        self.clear()
        for finding in ordered:
            item = QTreeWidgetItem([finding.severity.label, finding.rule_name, place_of(self.form, finding),
                                    finding.message])
            item.setIcon(0, icons[finding.severity])
            item.setToolTip(0, finding.severity.label)
            item.setToolTip(1, f"{finding.rule_name}（规则 {finding.rule}）")
            item.setToolTip(2, item.text(2))
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
