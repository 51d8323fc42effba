"""Lists whose short columns show their text whole, at any zoom: widths measured on the text, not fixed in code.

Used by the 检查结果 list and the 审查台's list of a report's findings: 级别, 规则 and 位置 as wide as
their widest text (up to a share of the list), the last column (说明) taking the rest.  Whatever a cap
still cuts is in the cell's tooltip.
"""
from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTreeWidget

HEADER_EXTRA = 12  # the header's own margins and sort arrow room


def cell_width(tree: QTreeWidget, text: str, with_icon: bool) -> int:
    """What a cell needs to show ``text`` whole: the text, the style's margins and, if any, the icon."""
    from PySide6.QtWidgets import QStyle  # its enums are built on first use: with the first rows, not at start-up
    style = tree.style()
    margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1)
    icon = tree.iconSize().width() if tree.iconSize().isValid() else \
        style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, tree)
    widest = max((tree.fontMetrics().horizontalAdvance(line) for line in text.split("\n")), default=0)
    return widest + margin + (icon + 2 * margin if with_icon else 0) + 2


def fit_tree_columns(tree: QTreeWidget, caps: Mapping[int, float] | None = None) -> None:
    """Every column but the last as wide as its widest text, header included; at most ``caps[col]`` of the
    list's width (a fraction) where given.  The last column stretches over what is left."""
    caps = caps or {}
    header = tree.header()
    columns = tree.columnCount()
    header_item = tree.headerItem()
    room = max(tree.viewport().width(), 1)
    for col in range(columns - 1):
        needed = tree.fontMetrics().horizontalAdvance(header_item.text(col)) + HEADER_EXTRA
        for row in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(row)
            needed = max(needed, cell_width(tree, item.text(col), not item.icon(col).isNull()))
        if col in caps:
            needed = min(needed, max(int(room * caps[col]), tree.fontMetrics().horizontalAdvance("中") * 6))
        if header.sectionSize(col) != needed:
            header.resizeSection(col, needed)


class FittedTree(QTreeWidget):
    """A list whose columns follow their text: after ``fit_columns``, a font change (zoom) and a resize."""

    column_caps: Mapping[int, float] = {}

    def fit_columns(self) -> None:
        fit_tree_columns(self, self.column_caps)

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_columns()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self.topLevelItemCount():  # an empty list (the window's, until the first check) keeps Qt's widths
            self.fit_columns()
