"""Where the keyboard goes when a page comes into view: the grid's current cell, or the field last used.

However a page is reached — Ctrl+Tab, Ctrl+PgDn, a click on its tab, a draft
opened, a dialog closed — the window calls ``enter()`` and the first key the
clerk types lands in the cell or field the page shows as current, not in an
invisible holder that drops it.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from .page_tabs import PageTabBar


def moving_along_tabs() -> bool:
    """The clerk walks the tab bar with the arrow keys: the keyboard stays on the tabs until Tab leaves them.

    (Qt also puts the focus on the bar by itself when the focused page is removed: then the page takes it.)
    """
    focus = QApplication.focusWidget()
    return isinstance(focus, PageTabBar) and focus.walking


def last_focused_child(page: QWidget) -> QWidget | None:
    """The child that had the keyboard when the clerk left the page, if it can have it again."""
    child = page.focusWidget()
    if child is None or child is page or not page.isAncestorOf(child) or not child.isEnabled():
        return None
    if not child.isVisibleTo(page) or not child.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return None
    return child


class EnterablePage:
    """A page of the main window: ``enter()`` puts the keyboard where typing belongs on it."""

    def entry_widget(self) -> QWidget | None:
        """The widget that takes the keyboard when the page is entered."""
        raise NotImplementedError

    def enter(self) -> None:
        if moving_along_tabs():
            return
        target = self.entry_widget()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
