"""Actions as data: the window they act on, what a menu or toolbar entry is, and the Qt actions, menus and
toolbar built from them.

In the manner of napari's ``app_model``: an ``Action`` says once its name,
shortcut, tip, when it is enabled, where it is placed and what it runs (a
function of the window); ``WindowActions`` makes the ``QAction``s, fills the
menu bar and the toolbar in the order of the declarations, and brings titles
and states up to date whenever the window asks (after every change).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar, QWidget

if TYPE_CHECKING:
    from app.session import Session
    from app.session.recovery import RecoveryStore

    from ..document import ReportDocument
    from ..help_pane import HelpPane
    from ..recent_files import RecentFiles
    from ..report_tabs import ReportTabs


class Window(QMainWindow):
    """The main window as its actions see it: what a function of ``files``, ``editing`` or ``view`` may use.

    ``ui.main_window.MainWindow`` is the one implementation; the actions know this, never the window itself,
    so that the window can import them.
    """

    session: Session
    document: ReportDocument
    tabs: ReportTabs
    menu_actions: WindowActions
    settings: QSettings
    recent: RecentFiles
    recovery: RecoveryStore
    help_pane: HelpPane
    findings_dock: QDockWidget
    review_window: QWidget | None

    @property
    def path(self) -> str | None:
        """The draft's file, None for a report not saved yet."""
        return str(self.session.path) if self.session.path else None

    def show_status(self, message: str) -> None:
        raise NotImplementedError

    def commit_pending_edits(self) -> None:
        raise NotImplementedError

    def update_title(self) -> None:
        raise NotImplementedError

    def zoom(self, step: int) -> None:
        raise NotImplementedError

    def write_recovery(self) -> None:
        raise NotImplementedError


Shortcut = str | QKeySequence.StandardKey
Text = str | Callable[[Window], str]  # fixed, or read from the window each time the states are brought up to date


@dataclass(frozen=True)
class Place:
    """Where an entry goes: a menu (by id) or the toolbar, in a group (groups are parted by a separator)."""

    menu: str
    group: str


@dataclass(frozen=True)
class Action:
    id: str                                              # "file.save": the window's menu_actions["file.save"]
    title: Text                                          # "保存(&S)" as the menu shows it
    run: Callable[[Window], object] | None = None        # what it does (None: ``provided`` does it)
    shortcuts: tuple[Shortcut, ...] = ()
    tip: Text = ""                                       # for the status bar
    enabled: Callable[[Window], bool] | None = None      # always, when None
    checkable: bool = False
    checked: Callable[[Window], bool] | None = None      # the state when the window opens
    menu: Place | None = None
    toolbar: str | None = None                           # the toolbar's group (in TOOLBAR order); None: not on it
    short_title: str = ""                                # the toolbar's text when the title is long (撤销“…”)
    everywhere: bool = False                             # the shortcut works wherever the focus is (any window)
    provided: Callable[[Window], QAction] | None = None  # a QAction Qt already has (a dock's show/hide)


@dataclass(frozen=True)
class Submenu:
    id: str
    title: str
    fill: Callable[[Window, QMenu], None]                # called each time the submenu opens
    menu: Place


Entry = Action | Submenu


def _text(text: Text, window: Window) -> str:
    return text(window) if callable(text) else text


class WindowActions:
    """The Qt actions of one window, built from the declarations; ``refresh`` brings their states up to date."""

    def __init__(self, window: Window, entries: Sequence[Entry], menus: dict[str, str], toolbar: QToolBar,
                 toolbar_groups: Sequence[str]) -> None:
        self.window = window
        self.declared = [e for e in entries if isinstance(e, Action)]
        self.qt: dict[str, QAction] = {a.id: self._make(a) for a in self.declared}
        self.submenus: dict[str, QMenu] = {}
        bar = window.menuBar()
        by_menu = {menu_id: bar.addMenu(title) for menu_id, title in menus.items()}
        groups: dict[int, str] = {}
        for entry in entries:
            if entry.menu is not None:
                menu = by_menu[entry.menu.menu]
                _separate(menu, groups, entry.menu.group)
                if isinstance(entry, Submenu):
                    submenu = menu.addMenu(entry.title)
                    submenu.aboutToShow.connect(lambda m=submenu, e=entry: e.fill(window, m))
                    self.submenus[entry.id] = submenu
                else:
                    menu.addAction(self.qt[entry.id])
        on_toolbar = sorted((a for a in self.declared if a.toolbar is not None),
                            key=lambda a: toolbar_groups.index(a.toolbar))  # type: ignore[arg-type]
        for declared in on_toolbar:
            _separate(toolbar, groups, declared.toolbar or "")
            toolbar.addAction(self.qt[declared.id])
        self.refresh()

    def __getitem__(self, action_id: str) -> QAction:
        return self.qt[action_id]

    def _make(self, declared: Action) -> QAction:
        action = declared.provided(self.window) if declared.provided else QAction(self.window)
        action.setText(_text(declared.title, self.window))
        if declared.shortcuts:
            action.setShortcuts([QKeySequence(s) for s in declared.shortcuts])
        if declared.everywhere:
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        if declared.short_title:
            action.setIconText(declared.short_title)
        if declared.checkable:
            action.setCheckable(True)
            action.setChecked(bool(declared.checked and declared.checked(self.window)))
        run = declared.run
        if run is not None:
            action.triggered.connect(lambda _=False: run(self.window))
        return action

    def refresh(self) -> None:
        """Titles, tips and enabled states as the window now is (set only where they change: no relayout)."""
        for declared in self.declared:
            action = self.qt[declared.id]
            if callable(declared.title):
                _set(action.text, action.setText, declared.title(self.window))
            tip = _text(declared.tip, self.window)
            _set(action.statusTip, action.setStatusTip, tip)
            if declared.short_title and tip:
                _set(action.toolTip, action.setToolTip, tip)  # the toolbar's short text, the whole name in its tip
            if declared.enabled is not None:
                _set(action.isEnabled, action.setEnabled, declared.enabled(self.window))


def _set(get: Callable[[], object], put: Callable, value: object) -> None:
    if get() != value:
        put(value)


def _separate(container: QMenu | QToolBar, groups: dict[int, str], group: str) -> None:
    """A separator where a group ends (the first entry of a menu or toolbar has none before it)."""
    key = id(container)
    if key in groups and groups[key] != group:
        container.addSeparator()
    groups[key] = group
