"""显示上年数: last year's value and the change, small, under each number of a grid.

A delegate mix-in: ``class GridDelegate(PriorValuesPainting, CellDelegate)``
keeps the grid's own editing and adds the painting; ``set_comparisons`` turns it
on (with ``models.statistics_text.comparison.compare_cells`` and the model's way
from an index to its cell) and off (``None``).  Rows need ``extra_height`` more
room while it is on.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from models.form import CellRef
from models.statistics_text.comparison import CellComparison

PRIOR_FG = QColor("#6b6b6b")
UP_FG = QColor("#1f5fa8")    # neither colour means good or bad: more applications is not a fault
DOWN_FG = QColor("#8a4b08")
SMALL = 0.75                  # of the grid's font
PADDING = 2

Lookup = Callable[[QModelIndex], "CellComparison | None"]


def small_font(font: QFont) -> QFont:
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(max(6.0, font.pointSizeF() * SMALL))
    else:
        small.setPixelSize(max(8, int(font.pixelSize() * SMALL)))
    return small


def extra_height(font: QFont) -> int:
    """How much taller a row must be to hold the small line."""
    return QFontMetrics(small_font(font)).height() + PADDING


def lookup_for(comparisons: dict[CellRef, CellComparison],
               ref_at: Callable[[QModelIndex], CellRef | None]) -> Lookup:
    """An index → comparison function from ``compare_cells`` and a model's ``ref_at``."""
    return lambda index: comparisons.get(ref_at(index))  # type: ignore[arg-type]


class PriorValuesPainting:
    """Mix into a ``QStyledItemDelegate``: the value in the upper part, "上年 50  +10" small below it."""

    _prior_lookup: Lookup | None = None

    def set_comparisons(self, lookup: Lookup | None) -> None:
        self._prior_lookup = lookup

    @property
    def showing_prior(self) -> bool:
        return self._prior_lookup is not None

    def paint(self, painter, option, index) -> None:
        comparison = self._prior_lookup(index) if self._prior_lookup is not None else None
        if comparison is None:
            super().paint(painter, option, index)  # type: ignore[misc]
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)  # type: ignore[attr-defined]
        text, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)  # background, selection

        small = small_font(opt.font)
        line = QFontMetrics(small).height()
        rect = opt.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        upper = QRect(rect.left(), rect.top(), rect.width(), rect.height() - line)
        lower = QRect(rect.left(), rect.bottom() - line + 1, rect.width(), line)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        color = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if foreground is not None and not selected:
            color = QColor(foreground)
        painter.setFont(opt.font)
        painter.setPen(color)
        painter.drawText(upper, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.setFont(small)
        change = comparison.change_label if comparison.change else ""  # "上年 3" under a 3 says 持平 already
        gap = "  " if change else ""
        width = QFontMetrics(small).horizontalAdvance(comparison.last_label + gap + change)
        x = lower.left() + max(0, (lower.width() - width) // 2)
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText) if selected else PRIOR_FG)
        painter.drawText(QRect(x, lower.top(), lower.right() - x + 1, line),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), comparison.last_label + gap)
        if change:
            x += QFontMetrics(small).horizontalAdvance(comparison.last_label + gap)
            if not selected:
                painter.setPen(UP_FG if change.startswith("+") else DOWN_FG if change.startswith("−") else PRIOR_FG)
            painter.drawText(QRect(x, lower.top(), lower.right() - x + 1, line),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), change)
        painter.restore()
