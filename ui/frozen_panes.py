"""Frozen panes for a table view: its header rows and label columns stay in view while the rest scrolls.

As in Excel, and as in Qt's "Frozen Column" example: still copies of the view (sharing its model and
selection) are laid over the top rows, the left columns and their corner.  A pane is shown only while
the view is scrolled in the direction it stays still in; unscrolled, the view itself shows those cells.
The view keeps the keyboard, the editing and the scrolling; the panes only draw, take clicks, show
tooltips and pass the mouse wheel on.  The host calls ``update_geometry`` from its ``updateGeometries``
and ``copy_look`` when its font changes (no event filter: a Python filter on a widget being torn down at
exit crashes PySide).

Two things keep the labels readable however far the view is scrolled or zoomed: a merged label keeps its
text in the part of it that shows (``StickySpans``: 三、本年度办理结果 stays beside the rows it names), and
the band of header rows takes at most a third of the view, keeping the rows nearest the numbers (自然人,
商业企业 …) when all of them would leave too little room for the rows being typed into (zoomed in, or a
short window); the view then never scrolls above that band, so the rows left out of it stay out of view.
"""
from __future__ import annotations

from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QModelIndex, QObject, QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QStyledItemDelegate, QStyleOptionViewItem, QTableView

TOP, LEFT, CORNER = "top", "left", "corner"
MAX_BAND_SHARE = 1 / 3  # of the view's height, for the header rows that stay in view


class StickySpans:
    """Mix into a ``QStyledItemDelegate``: a merged cell partly scrolled out draws its text in the part shown."""

    def paint(self, painter, option, index) -> None:
        view = option.widget
        if isinstance(view, QTableView) and (view.rowSpan(index.row(), index.column()) > 1
                                             or view.columnSpan(index.row(), index.column()) > 1):
            shown = option.rect.intersected(free_area(view, index))
            if shown.isValid() and shown != option.rect:
                option = QStyleOptionViewItem(option)
                option.rect = shown
        super().paint(painter, option, index)  # type: ignore[misc]


def free_area(view: QTableView, index: QModelIndex) -> QRect:
    """The part of a view's viewport where ``index`` can be seen: not under a pane laid over it."""
    panes = view.frozen_panes if isinstance(view, FrozenPane) else getattr(view, "frozen", None)
    area = view.viewport().rect()
    if not isinstance(panes, FrozenPanes):
        return area
    return panes.free_area(view, index.row(), index.column(), area)


class StickySpanDelegate(StickySpans, QStyledItemDelegate):
    pass


class FrozenPane(QTableView):
    """One still part of ``host``: it follows the host's scrolling only along the free direction."""

    def __init__(self, host: QTableView, kind: str, frozen_panes: FrozenPanes):
        super().__init__(host)
        self.host = host
        self.kind = kind
        self.frozen_panes = frozen_panes
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
        self.setItemDelegate(StickySpanDelegate(self))
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
        self.spans: list[tuple[int, int, int, int]] = []
        self._floor = 0  # the scroll position the header band last kept the view at (or above)
        kinds = ([TOP] if rows else []) + ([LEFT] if cols else []) + ([CORNER] if rows and cols else [])
        for kind in (LEFT, TOP, CORNER):  # stacking order: the corner lies over both
            if kind in kinds:
                self.panes[kind] = FrozenPane(host, kind, self)
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
        self.spans = list(spans)
        for row, col, rowspan, colspan in self.spans:
            for kind, pane in self.panes.items():
                last_row = self.rows if kind in (TOP, CORNER) else row + rowspan
                last_col = self.cols if kind in (LEFT, CORNER) else col + colspan
                height, width = min(row + rowspan, last_row) - row, min(col + colspan, last_col) - col
                if height >= 1 and width >= 1 and (height > 1 or width > 1):
                    pane.setSpan(row, col, height, width)

    # ------------------------------------------------------------ sizes

    def frozen_height(self) -> int:
        return sum(self.host.rowHeight(r) for r in range(self.rows))

    def band_first_row(self) -> int:
        """The first header row kept in view: all of them, unless they would fill more than a third of the view
        (zoomed, or a short window) — then the rows nearest the numbers, at least the last."""
        room = self.host.viewport().height() * MAX_BAND_SHARE
        first, height = self.rows, 0
        while first > 0 and height + self.host.rowHeight(first - 1) <= room:
            first -= 1
            height += self.host.rowHeight(first)
        return min(first, max(self.rows - 1, 0))

    def band_height(self) -> int:
        """The height of the header band that stays in view."""
        return sum(self.host.rowHeight(r) for r in range(self.band_first_row(), self.rows))

    def band_offset(self) -> int:
        """How far the header band is scrolled: the height of the header rows left out of it."""
        return sum(self.host.rowHeight(r) for r in range(self.band_first_row()))

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
        height = min(self.band_height(), viewport.height())
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
        offset, floor = self.band_offset(), self._floor
        self._floor = offset
        vbar = self.host.verticalScrollBar()
        # header rows left out of the band stay out of view (room for the rows typed in); a view resting on
        # the old floor follows it when the band changes, back to the very top when all header rows fit again
        below = vbar.value() < offset or (vbar.value() == floor and floor != offset)
        if below and offset <= vbar.maximum() and vbar.value() != offset:
            vbar.setValue(offset)
            return
        h = self.host.horizontalScrollBar().value()
        v = vbar.value()
        top, left, corner = panes.get(TOP), panes.get(LEFT), panes.get(CORNER)
        if top is not None:
            top.horizontalScrollBar().setValue(h)
            top.verticalScrollBar().setValue(offset)
            top.setVisible(v > 0)
        if left is not None:
            left.verticalScrollBar().setValue(v)
            left.horizontalScrollBar().setValue(0)
            left.setVisible(h > 0)
        if corner is not None:
            corner.verticalScrollBar().setValue(offset)
            corner.setVisible(h > 0 and v > 0)
        for view in [self.host, *panes.values()]:
            self._repaint_cut_spans(view)

    def free_area(self, view: QTableView, row: int, col: int, area: QRect) -> QRect:
        """``area`` (``view``'s viewport) less what the panes lying over ``view`` hide of cell (row, col)."""
        panes = self._live_panes()
        over = {kind for kind, pane in panes.items() if pane.isVisible()}
        kind = view.kind if isinstance(view, FrozenPane) else None
        below_band = row >= self.rows and (TOP in over and kind is None or CORNER in over and kind == LEFT)
        right_of_labels = col >= self.cols and (LEFT in over and kind is None or CORNER in over and kind == TOP)
        free = QRect(area)
        if below_band:
            free.setTop(area.top() + min(self.band_height(), area.height()))
        if right_of_labels:
            free.setLeft(area.left() + min(self.frozen_width(), area.width()))
        return free

    def _repaint_cut_spans(self, view: QTableView) -> None:
        """A scroll moves the pixels already drawn: a merged cell cut by an edge is drawn anew, its text
        moving with the part of it that shows."""
        if not view.isVisible():
            return
        area = view.viewport().rect()
        model = view.model()
        for row, col, _rowspan, _colspan in self.spans:
            rect = view.visualRect(model.index(row, col))
            shown = rect.intersected(self.free_area(view, row, col, area))
            if shown.isValid() and shown != rect:
                view.viewport().update(rect.intersected(area))

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
            band = min(self.band_height(), viewport.height())
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
