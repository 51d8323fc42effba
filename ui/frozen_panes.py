"""Frozen panes for a table view: its header rows and label columns stay in view while the rest scrolls.

As in Excel, and as in Qt's "Frozen Column" example: still copies of the view (sharing its model and
selection) are laid over the top rows, the left columns and their corner.  A pane is shown only while
the view is scrolled in the direction it stays still in; unscrolled, the view itself shows those cells.
The view keeps the keyboard, the editing and the scrolling; the panes only draw, take clicks, show
tooltips and pass the mouse wheel on.  The host calls ``update_geometry`` from its ``updateGeometries``
and ``copy_look`` when its font changes (no event filter: a Python filter on a widget being torn down at
exit crashes PySide).
"""
from __future__ import annotations

from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QModelIndex, QObject, QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView

TOP, LEFT, CORNER = "top", "left", "corner"


class FrozenPane(QTableView):
    """One still part of ``host``: it follows the host's scrolling only along the free direction."""

    def __init__(self, host: QTableView, kind: str):
        super().__init__(host)
        self.host = host
        self.kind = kind
        self.setObjectName(f"frozen_{kind}")
        self.setModel(host.model())
        self.setSelectionModel(host.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAutoScroll(False)  # what is in view is the host's decision
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(host.selectionMode())
        self.setWordWrap(host.wordWrap())
        self.setTextElideMode(host.textElideMode())
        self.setShowGrid(host.showGrid())
        self.copy_look()
        self.hide()

    def copy_look(self) -> None:
        self.setFont(self.host.font())
        self.setPalette(self.host.palette())
        self.setStyleSheet(self.host.styleSheet())

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible):
        pass  # a click on a pane must not scroll it away from its rows or columns

    def wheelEvent(self, event):
        self.host.wheelEvent(event)

    def mousePressEvent(self, event):
        super().mousePressEvent(event)
        self.host.setFocus(Qt.FocusReason.MouseFocusReason)

    def mouseMoveEvent(self, event):
        if event.buttons() != Qt.MouseButton.NoButton:
            return  # a drag out of the pane would select by the pane's unscrolled rows, not the ones shown
        super().mouseMoveEvent(event)

    def contextMenuEvent(self, event):
        self.host.contextMenuEvent(event)


class FrozenPanes(QObject):
    """Keeps ``rows`` leading rows and ``cols`` leading columns of ``host`` in view."""

    def __init__(self, host: QTableView, rows: int, cols: int, spans: Iterable[tuple[int, int, int, int]] = ()):
        super().__init__(host)
        self.host = host
        self.rows = rows
        self.cols = cols
        self.panes: dict[str, FrozenPane] = {}
        kinds = ([TOP] if rows else []) + ([LEFT] if cols else []) + ([CORNER] if rows and cols else [])
        for kind in (LEFT, TOP, CORNER):  # stacking order: the corner lies over both
            if kind in kinds:
                self.panes[kind] = FrozenPane(host, kind)
        self.set_spans(spans)
        host.horizontalHeader().sectionResized.connect(self._column_resized)
        host.verticalHeader().sectionResized.connect(self._row_resized)
        host.horizontalScrollBar().valueChanged.connect(self._scrolled)
        host.verticalScrollBar().valueChanged.connect(self._scrolled)
        host.horizontalScrollBar().rangeChanged.connect(self._scrolled)
        host.verticalScrollBar().rangeChanged.connect(self._scrolled)
        for col in range(host.model().columnCount()):
            self._column_resized(col, 0, host.columnWidth(col))
        for row in range(host.model().rowCount()):
            self._row_resized(row, 0, host.rowHeight(row))

    def _live_panes(self) -> dict[str, FrozenPane]:
        """The panes still there: while the host is torn down its scroll bars still signal."""
        if not shiboken6.isValid(self.host):
            return {}
        return {kind: pane for kind, pane in self.panes.items() if shiboken6.isValid(pane)}

    def pane(self, kind: str) -> FrozenPane | None:
        return self.panes.get(kind)

    def set_spans(self, spans: Iterable[tuple[int, int, int, int]]) -> None:
        """The host's merged cells, cut at the pane's edge (a heading across the table stays readable)."""
        for row, col, rowspan, colspan in spans:
            for kind, pane in self.panes.items():
                last_row = self.rows if kind in (TOP, CORNER) else row + rowspan
                last_col = self.cols if kind in (LEFT, CORNER) else col + colspan
                height, width = min(row + rowspan, last_row) - row, min(col + colspan, last_col) - col
                if height >= 1 and width >= 1 and (height > 1 or width > 1):
                    pane.setSpan(row, col, height, width)

    # ------------------------------------------------------------ sizes

    def frozen_height(self) -> int:
        return sum(self.host.rowHeight(r) for r in range(self.rows))

    def frozen_width(self) -> int:
        return sum(self.host.columnWidth(c) for c in range(self.cols))

    def _column_resized(self, col: int, _old: int, new: int) -> None:
        for pane in self._live_panes().values():
            pane.setColumnWidth(col, new)
        if col < self.cols:
            self.update_geometry()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        for pane in self._live_panes().values():
            pane.setRowHeight(row, new)
        if row < self.rows:
            self.update_geometry()

    def update_geometry(self) -> None:
        panes = self._live_panes()
        if not panes:
            return
        viewport = self.host.viewport().geometry()
        height = min(self.frozen_height(), viewport.height())
        width = min(self.frozen_width(), viewport.width())
        boxes = {
            TOP: QRect(viewport.x(), viewport.y(), viewport.width(), height),
            LEFT: QRect(viewport.x(), viewport.y(), width, viewport.height()),
            CORNER: QRect(viewport.x(), viewport.y(), width, height),
        }
        for kind, pane in panes.items():
            pane.setGeometry(boxes[kind])
        self._scrolled()

    # ------------------------------------------------------------ scrolling

    def _scrolled(self, *_args) -> None:
        panes = self._live_panes()
        if not panes:
            return
        h = self.host.horizontalScrollBar().value()
        v = self.host.verticalScrollBar().value()
        top, left, corner = panes.get(TOP), panes.get(LEFT), panes.get(CORNER)
        if top is not None:
            top.horizontalScrollBar().setValue(h)
            top.verticalScrollBar().setValue(0)
            top.setVisible(v > 0)
        if left is not None:
            left.verticalScrollBar().setValue(v)
            left.horizontalScrollBar().setValue(0)
            left.setVisible(h > 0)
        if corner is not None:
            corner.setVisible(h > 0 and v > 0)

    def scroll_to(self, index: QModelIndex, scroll) -> None:
        """The host's ``scrollTo``: ``scroll`` is the plain one.

        A frozen row is always in view vertically and a frozen column sideways, so the view does not
        move that way for them (a click on the header does not jump to the top); other cells are brought
        out from under the panes.
        """
        if not index.isValid():
            return
        in_rows, in_cols = index.row() < self.rows, index.column() < self.cols
        if in_rows and in_cols:
            return
        hbar, vbar = self.host.horizontalScrollBar(), self.host.verticalScrollBar()
        h, v = hbar.value(), vbar.value()
        scroll()
        if in_rows:
            vbar.setValue(v)
        if in_cols:
            hbar.setValue(h)
        self.uncover(index)

    def uncover(self, index: QModelIndex) -> None:
        """Scroll so that a cell outside the frozen rows and columns is not hidden under them.

        A cell taller or wider than the free part of the view is left where it is once part of it shows.
        """
        if not index.isValid():
            return
        host = self.host
        rect = host.visualRect(index)
        viewport = host.viewport().rect()
        if index.row() >= self.rows and self.rows:
            band = min(self.frozen_height(), viewport.height())
            free = viewport.height() - band
            if rect.top() < band and (rect.height() <= free or rect.bottom() < band):
                bar = host.verticalScrollBar()
                bar.setValue(bar.value() - (band - rect.top()))
        if index.column() >= self.cols and self.cols:
            band = min(self.frozen_width(), viewport.width())
            free = viewport.width() - band
            if rect.left() < band and (rect.width() <= free or rect.right() < band):
                bar = host.horizontalScrollBar()
                bar.setValue(bar.value() - (band - rect.left()))

    def copy_look(self) -> None:
        """After the host's font, palette or style sheet changed (zoom)."""
        for pane in self._live_panes().values():
            pane.copy_look()
