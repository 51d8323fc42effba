"""放大 / 缩小 / 实际大小: text and grids larger or smaller, remembered for next time."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from .report_tabs import refit

ZOOM_SETTING = "view/zoom"
SMALLEST, LARGEST = -3, 8  # steps of 10 %


class Zoom:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        self.step = int(str(settings.value(ZOOM_SETTING, 0) or 0))

    @property
    def factor(self) -> float:
        return 1.0 + 0.1 * self.step

    def change(self, step: int) -> None:
        """One step larger (1) or smaller (-1), or back to the actual size (0)."""
        self.step = 0 if step == 0 else max(SMALLEST, min(LARGEST, self.step + step))
        self.settings.setValue(ZOOM_SETTING, self.step)

    def apply(self, widget: QWidget) -> None:
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * self.factor)
        widget.setFont(font)
        for view in widget.findChildren(QAbstractItemView):  # a style sheet stops the font from propagating
            view.setFont(font)
        refit(widget)
