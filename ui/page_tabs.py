"""The tabs of the report's parts: every title readable in full, however narrow the window.

The official titles are long ("四、政府信息公开行政复议、行政诉讼情况").  When they do not fit
on one line beside the 填报说明 pane, the longest are set on two lines, balanced,
before Qt would hide tabs behind scroll arrows or cut their text.  The window
keeps working with the full titles (``tabText`` returns them); only the bar
shows them broken.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTabBar, QTabWidget, QWidget


def balanced_break(text: str, metrics: QFontMetrics) -> str:
    """``text`` on two lines of nearly equal width; a closing （n） stays whole on the second."""
    end = text.rfind("（") if text.endswith("）") else len(text)
    if end <= 1:
        end = len(text)
    best, best_width = text, metrics.horizontalAdvance(text)
    for at in range(1, end):
        width = max(metrics.horizontalAdvance(text[:at]), metrics.horizontalAdvance(text[at:]))
        if width < best_width:
            best, best_width = f"{text[:at]}\n{text[at:]}", width
    return best


class PageTabBar(QTabBar):
    """Knows whether the clerk is walking the tabs with the keyboard (then the page must not take the keys)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.walking = False
        self.setElideMode(Qt.TextElideMode.ElideNone)

    def tabSizeHint(self, index: int):
        """Qt sizes a tab for one line of text: room for the second line of a broken title."""
        size = super().tabSizeHint(index)
        lines = self.tabText(index).count("\n")
        if lines:
            size.setHeight(size.height() + lines * self.fontMetrics().lineSpacing())
        return size

    def keyPressEvent(self, event) -> None:
        self.walking = True
        try:
            super().keyPressEvent(event)
        finally:
            self.walking = False


class PageTabs(QTabWidget):
    """A ``QTabWidget`` whose titles break onto two lines rather than hide."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabBar(PageTabBar(self))
        self._titles: list[str] = []
        self._fitting = False

    # ------------------------------------------------------------ titles in full

    def addTab(self, widget: QWidget, title: str) -> int:  # type: ignore[override]
        index = super().addTab(widget, title)
        self._titles.insert(index, title)
        self.tabBar().setAccessibleTabName(index, title)
        self.fit_titles()
        return index

    def removeTab(self, index: int) -> None:
        super().removeTab(index)
        if 0 <= index < len(self._titles):
            del self._titles[index]
        self.fit_titles()

    def clear(self) -> None:
        super().clear()
        self._titles.clear()

    def setTabText(self, index: int, title: str) -> None:
        if 0 <= index < len(self._titles):
            self._titles[index] = title
            self.tabBar().setAccessibleTabName(index, title)
        self.fit_titles()

    def tabText(self, index: int) -> str:
        """The full title (the bar may show it on two lines)."""
        return self._titles[index] if 0 <= index < len(self._titles) else super().tabText(index)

    def shown_text(self, index: int) -> str:
        return super().tabText(index)

    # ------------------------------------------------------------ fitting

    @contextmanager
    def titles_changing(self) -> Iterator[None]:
        """Tabs added or retitled one after another (the tabs built anew): fitted once, at the end."""
        self._fitting = True
        try:
            yield
        finally:
            self._fitting = False
            self.fit_titles()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_titles()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self.fit_titles()

    def fit_titles(self) -> None:
        """One line each where all fit; else the widest broken in two, one by one, until they fit."""
        if self._fitting or len(self._titles) != self.count():
            return
        self._fitting = True
        try:
            bar = self.tabBar()
            metrics = bar.fontMetrics()
            overhead = [bar.tabSizeHint(i).width() - max(metrics.horizontalAdvance(line)
                                                         for line in super(PageTabs, self).tabText(i).split("\n"))
                        for i in range(self.count())]
            one_line = [overhead[i] + metrics.horizontalAdvance(t) for i, t in enumerate(self._titles)]
            widths = list(one_line)
            shown = list(self._titles)
            available = self.width() - 2
            for i in sorted(range(len(widths)), key=lambda i: -one_line[i]):
                if sum(widths) <= available:
                    break
                broken = balanced_break(self._titles[i], metrics)  # only where a break is needed: it measures a lot
                two_lines = overhead[i] + max(metrics.horizontalAdvance(line) for line in broken.split("\n"))
                if two_lines < widths[i]:
                    widths[i], shown[i] = two_lines, broken
            for i, text in enumerate(shown):
                if super().tabText(i) != text:
                    super().setTabText(i, text)
        finally:
            self._fitting = False
