"""Names and descriptions for screen readers (NVDA on Windows, Orca on Linux).

A control's name says what it is in the form's own words; its description says what to do with it
or what is wrong with it.  The texts come from the form and the page (section titles, labels,
hints), never written a second time here.
"""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def describe(widget: QWidget, name: str, description: str) -> None:
    """Set what a screen reader says on ``widget`` (only when it changed: each change is announced)."""
    if widget.accessibleName() != name:
        widget.setAccessibleName(name)
    if widget.accessibleDescription() != description:
        widget.setAccessibleDescription(description)


def name_scroll_bars(area: QAbstractScrollArea, what: str) -> None:
    """The scroll bars of a page or a table: "一、总体情况 上下滚动"."""
    describe(area.verticalScrollBar(), f"{what} 上下滚动", f"上下滚动{what}")
    describe(area.horizontalScrollBar(), f"{what} 左右滚动", f"左右滚动{what}")
