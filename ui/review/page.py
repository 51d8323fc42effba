"""A report's page: its findings, its key figures over the years in the folder, its place among the peers."""
from __future__ import annotations


from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QGridLayout, QLabel, QScrollArea, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from importers import FORMAT_NAMES
from models.checks.presentation import HEADINGS, rule_description, shown
from models.review import KEY_FIGURES, ReviewEntry, ReviewFinding, ReviewResult
from ui.style import ERROR_COLOR, WARNING_COLOR, hint_label, set_text_color, sub_title_label, title_label
from ui.columns import FittedTree

from .charts import PeerChart, TrendChart


class ReportPage(QScrollArea):
    finding_activated = Signal(object, object)   # ReviewEntry, ReviewFinding

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.entry: ReviewEntry | None = None
        self.show_entry(None, None)

    def show_entry(self, entry: ReviewEntry | None, result: ReviewResult | None) -> None:
        self.entry = entry
        body = QWidget()
        layout = QVBoxLayout(body)
        if entry is None or result is None:
            layout.addWidget(hint_label("在上方的表中选一份报告，这里显示它的问题、历年关键数据和在同级中的位置。"))
            layout.addStretch()
            self.setWidget(body)
            return
        layout.addWidget(title_label(entry.title))
        meta = [f"文件：{entry.file}"]
        if entry.readable:
            meta += [f"读取格式：{FORMAT_NAMES.get(entry.source_format, entry.source_format)}",
                     f"级别：{entry.level or '未能从机关名称识别'}"]
            meta.append(entry.pairing or "文件夹中没有该机关上一年的报告，未做跨年核对")
        layout.addWidget(hint_label("　".join(meta)))
        if entry.error:
            reason = QLabel(f"无法读取：{entry.error}")
            reason.setWordWrap(True)
            set_text_color(reason, ERROR_COLOR)
            layout.addWidget(reason)
            layout.addStretch()
            self.setWidget(body)
            return
        for flag in entry.flags:
            label = QLabel(f"异常：{flag.message}")
            label.setWordWrap(True)
            set_text_color(label, WARNING_COLOR)
            layout.addWidget(label)
        layout.addWidget(sub_title_label(f"问题（{entry.errors} 个错误，{entry.warnings} 个警告）——双击打开报告并定位"))
        layout.addWidget(self._findings(entry))
        layout.addWidget(sub_title_label("历年关键数据（本文件夹中该机关的报告）"))
        layout.addLayout(self._trends(entry, result))
        layout.addWidget(sub_title_label(f"同级比较（{entry.level or '级别未识别'}，{entry.year} 年）"))
        peers = result.peers_of(entry)
        flagged = {f.figure for f in entry.flags if f.kind in ("low", "high")}
        for figure in KEY_FIGURES:
            layout.addWidget(PeerChart(figure, entry.figures.get(figure.key), peers.get(figure.key),
                                       figure.key in flagged))
        layout.addStretch()
        self.setWidget(body)

    def _findings(self, entry: ReviewEntry) -> FittedTree:
        tree = FittedTree()
        tree.column_caps = {1: 0.3, 2: 0.3}
        tree.setHeaderLabels(list(HEADINGS))
        tree.setRootIsDecorated(False)
        tree.setWordWrap(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        ordered = sorted(entry.findings, key=lambda f: f.rank)
        for finding in ordered:
            words = shown(finding)
            item = QTreeWidgetItem(list(words))
            item.setToolTip(1, rule_description(finding.rule))
            item.setToolTip(2, words.place)
            item.setToolTip(3, words.message)
            item.setToolTip(0, words.severity)
            color = {"error": ERROR_COLOR, "warning": WARNING_COLOR}.get(finding.severity)
            if color is not None:
                item.setForeground(0, color)
            item.setData(0, 256, finding)
            tree.addTopLevelItem(item)
        tree.fit_columns()
        tree.setMinimumHeight(min(12, max(3, len(ordered) + 1)) * tree.fontMetrics().height() * 2)
        tree.itemDoubleClicked.connect(lambda item, _: self._activated(item.data(0, 256)))
        self.findings_tree = tree
        return tree

    def _activated(self, finding: ReviewFinding | None) -> None:
        if self.entry is not None:
            self.finding_activated.emit(self.entry, finding)

    def _trends(self, entry: ReviewEntry, result: ReviewResult) -> QGridLayout:
        grid = QGridLayout()
        history = result.history(entry)
        jumps = {f.figure for f in entry.flags if f.kind == "jump"}
        for i, figure in enumerate(KEY_FIGURES):
            points = [(e.year, e.figures.get(figure.key)) for e in history if e.year is not None]
            grid.addWidget(TrendChart(figure, points, entry.year, figure.key in jumps), i // 3, i % 3)
        return grid
