"""Small charts drawn with QPainter (PySide6-Essentials has no QtCharts): a figure over the years, a place among peers."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from models.review import KeyFigure, Quartiles
from models.review.figures import format_figure

BAR = QColor("#8fb0d8")
CURRENT = QColor("#2f6db5")
FLAGGED = QColor("#b3261e")
BAND = QColor("#dde7f3")
TEXT = QColor("#333333")
AXIS = QColor("#999999")


class TrendChart(QWidget):
    """One key figure of the same agency, a bar a year; the year being looked at darker, a flagged jump red."""

    def __init__(self, figure: KeyFigure, points: list[tuple[int, float | int | None]], current_year: int | None,
                 flagged: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.figure, self.points, self.current_year, self.flagged = figure, points, current_year, flagged
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("；".join(f"{y} 年 {format_figure(figure, v)}" for y, v in points))

    def sizeHint(self) -> QSize:
        return QSize(180, 120)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 120)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.setPen(TEXT)
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft, self.figure.name)
        plot = QRectF(4, line * 2 + 2, self.width() - 8, self.height() - line * 4 - 4)
        painter.setPen(QPen(AXIS))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        if not self.points:
            return
        values = [v for _, v in self.points if v is not None]
        top = max(values, default=0) or 1
        slot = plot.width() / len(self.points)
        for i, (year, value) in enumerate(self.points):
            x = plot.left() + i * slot
            if value is not None:
                height = plot.height() * value / top
                bar = QRectF(x + slot * 0.2, plot.bottom() - height, slot * 0.6, height)
                color = CURRENT if year == self.current_year else BAR
                if year == self.current_year and self.flagged:
                    color = FLAGGED
                painter.fillRect(bar, color)
            painter.setPen(TEXT)
            painter.drawText(QRectF(x, plot.top() - line - 2, slot, line), Qt.AlignmentFlag.AlignHCenter,
                             format_figure(self.figure, value))
            painter.drawText(QRectF(x, plot.bottom() + 2, slot, line), Qt.AlignmentFlag.AlignHCenter, str(year))


class PeerChart(QWidget):
    """The peers' P25–P75 as a band, their median as a line, this report's figure as a dot (red when flagged)."""

    def __init__(self, figure: KeyFigure, value: float | int | None, quartiles: Quartiles | None,
                 flagged: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.figure, self.value, self.quartiles, self.flagged = figure, value, quartiles, flagged
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(320, self.fontMetrics().height() * 2 + 10)

    def caption(self) -> str:
        q, f = self.quartiles, self.figure
        value = format_figure(f, self.value)
        if q is None or q.count < 2:
            return f"{f.name} {value}（同级同年没有其他报告，无从比较）"
        return (f"{f.name} {value}　同级 {q.count} 份：P25 {format_figure(f, q.p25)}，P50 {format_figure(f, q.p50)}，"
                f"P75 {format_figure(f, q.p75)}")

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = painter.fontMetrics().height()
        painter.setPen(FLAGGED if self.flagged else TEXT)
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft, self.caption())
        q = self.quartiles
        if q is None or q.count < 2 or self.value is None:
            return
        if self.figure.rate:
            low, high = 0.0, 1.0
        else:
            low, high = 0.0, max(q.p75 * 1.5, float(self.value), 1.0)
        track = QRectF(6, line + 4, self.width() - 12, line * 0.7)

        def x(v: float) -> float:
            return track.left() + track.width() * (min(max(v, low), high) - low) / (high - low)

        painter.setPen(QPen(AXIS))
        painter.drawLine(QPointF(track.left(), track.center().y()), QPointF(track.right(), track.center().y()))
        painter.fillRect(QRectF(x(q.p25), track.top(), max(x(q.p75) - x(q.p25), 2), track.height()), BAND)
        painter.setPen(QPen(CURRENT, 2))
        painter.drawLine(QPointF(x(q.p50), track.top()), QPointF(x(q.p50), track.bottom()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(FLAGGED if self.flagged else CURRENT)
        painter.drawEllipse(QPointF(x(float(self.value)), track.center().y()), track.height() / 2, track.height() / 2)
