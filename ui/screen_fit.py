"""Windows and dialogs the size they were left at, never larger than the screen they open on.

A clerk's screen is often 1366×768 (less the taskbar): a window of fixed size in code runs off its bottom.
``fit_to_screen`` clamps a wished-for size to the available area, frame included, and moves the window
inside it; ``RemembersSize`` keeps the size the clerk gave a dialog or window for the next time (in the
settings of the main window it belongs to).
"""
from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

TYPICAL_FRAME = QMargins(8, 31, 8, 8)  # a desktop's title bar and borders, before the window has been shown


def available_area(widget: QWidget) -> QRect | None:
    """The screen area a window may use: its own screen's, else its parent's, else the primary screen's."""
    screen = widget.screen() if widget.isVisible() else None
    if screen is None and widget.parentWidget() is not None:
        screen = widget.parentWidget().screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def frame_margins(window: QWidget) -> QMargins:
    """The window frame's thickness on each side (known once shown; a typical one before)."""
    if window.isVisible():
        frame, inner = window.frameGeometry(), window.geometry()
        if frame != inner:
            return QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                            frame.right() - inner.right(), frame.bottom() - inner.bottom())
        return QMargins()
    return TYPICAL_FRAME


def fitted_size(window: QWidget, wished: QSize) -> QSize:
    """``wished`` clamped to what the available screen holds with the frame around it."""
    area = available_area(window)
    if area is None:
        return wished
    frame = frame_margins(window)
    room = QSize(area.width() - frame.left() - frame.right(), area.height() - frame.top() - frame.bottom())
    return wished.boundedTo(room).expandedTo(window.minimumSize().boundedTo(room))


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size the window as wished, or as much as the screen holds; once shown, all of it on the screen."""
    window.resize(fitted_size(window, QSize(width, height)))
    if window.isVisible():
        keep_on_screen(window)


def keep_on_screen(window: QWidget) -> None:
    """Move a shown window (frame included) back inside the available area if part of it lies outside.

    (Before it is shown Qt places a dialog itself, over its parent and on the screen.)
    """
    area = available_area(window)
    if area is None:
        return
    frame = frame_margins(window)
    width = window.width() + frame.left() + frame.right()
    height = window.height() + frame.top() + frame.bottom()
    here = window.pos()  # a window's position is its frame's
    x = max(area.left(), min(here.x(), area.right() + 1 - width))
    y = max(area.top(), min(here.y(), area.bottom() + 1 - height))
    if (x, y) != (here.x(), here.y()):
        window.move(x, y)


def settings_of(widget: QWidget | None) -> QSettings | None:
    """The settings of the main window a widget belongs to (its ``settings``), if any."""
    while widget is not None:
        settings = getattr(widget, "settings", None)
        if isinstance(settings, QSettings):
            return settings
        widget = widget.parentWidget()
    return None


class RemembersSize:
    """For a dialog or window: open at the size it was closed at (clamped to the screen), else a default.

    Call ``restore_size(width, height)`` at the end of ``__init__``; the size is kept when the dialog ends
    (``done``) or the window closes.
    """

    size_key = ""  # the settings group, e.g. "guideDialog"

    def restore_size(self, width: int, height: int) -> None:
        window: QWidget = self  # type: ignore[assignment]
        settings = settings_of(window.parentWidget()) if self.size_key else None
        saved = settings.value(f"{self.size_key}/size") if settings is not None else None
        if isinstance(saved, QSize) and saved.isValid():
            width, height = saved.width(), saved.height()
        fit_to_screen(window, width, height)

    def keep_size(self) -> None:
        window: QWidget = self  # type: ignore[assignment]
        settings = settings_of(window.parentWidget()) if self.size_key else None
        if settings is not None:
            settings.setValue(f"{self.size_key}/size", window.size())

    def done(self, result: int) -> None:
        self.keep_size()
        super().done(result)  # type: ignore[misc]

    def closeEvent(self, event) -> None:
        self.keep_size()
        super().closeEvent(event)  # type: ignore[misc]
