"""A pane that says what belongs where the clerk is: the 填报说明 of the current cell or section.

The main window docks it, follows the current cell with ``GridView.current_cell_changed`` (or
``current_ref_changed``) and the current tab with ``show_for_section``; F1 shows it.
"""
from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDockWidget, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from models.form import FormDef

if TYPE_CHECKING:
    from models.guide import Topic

    from .guide_dialog import GuideDialog

EMPTY_TEXT = "把光标放在表格的单元格上或切换到某一部分，这里就显示那里应当填写什么。"


class HelpPane(QDockWidget):
    """填报说明 for one place of the form at a time, with a button to the whole guide.

    Hidden when the window opens (unless the clerk left it open): its text browser is made when it is first
    shown or read, and until then the pane only remembers the place it is to speak of (the guide's model loads
    when the pane first says something).
    """

    def __init__(self, form: FormDef, parent=None):
        super().__init__("填报说明", parent)
        self.setObjectName("helpDock")
        self.form = form
        self._topic: Topic | None = None
        self._pending: Callable[[], None] | None = None  # the place to speak of, while nobody sees the pane
        self._html = ""
        self._browser: QTextBrowser | None = None
        self._dialog: GuideDialog | None = None
        self._section: str | None = None
        self.show_topic(None)

    @property
    def browser(self) -> QTextBrowser:
        return self._browser if self._browser is not None else self._make_body()

    @property
    def topic(self) -> Topic | None:
        self._catch_up()
        return self._topic

    def _catch_up(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            pending()

    def _follow(self, show: Callable[[], None]) -> None:
        """Say at once what belongs to the place if the pane is seen; else when it is first seen or read."""
        self._pending = show
        if self._browser is not None:
            self._catch_up()

    def _make_body(self) -> QTextBrowser:
        self._catch_up()
        browser = self._browser = QTextBrowser()
        browser.setOpenLinks(False)
        browser.setHtml(self._html)
        whole = QPushButton("查看全部填报说明…")
        whole.clicked.connect(self.show_whole_guide)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(browser, 1)
        layout.addWidget(whole)
        self.setWidget(body)
        return browser

    def setVisible(self, visible: bool) -> None:
        if visible and self._browser is None:
            self._make_body()  # before the pane shows, so that its first paint has the text
        super().setVisible(visible)

    # ------------------------------------------------------------ what to show

    def show_topic(self, topic: Topic | None, context: Topic | None = None) -> None:
        self._pending = None
        self._topic = topic
        if topic is None:
            html = f"<p style='color:#555'>{escape(EMPTY_TEXT)}</p>"
        else:
            parts = [f"<h3>{escape(topic.title)}</h3>"]
            parts += [f"<p>{escape(line)}</p>" for line in topic.text.split("\n") if line]
            if context is not None:
                parts.append(f"<hr><p style='color:#555'><b>{escape(context.title)}</b>：{escape(context.text)}</p>")
            html = "".join(parts)
        if html != self._html:
            self._html = html
            if self._browser is not None:
                self._browser.setHtml(html)

    def show_for_cell(self, table_id: str, row: int, col: int) -> None:
        """Any cell of a table, label or number (``GridView.current_cell_changed``)."""
        def show() -> None:
            from models import guide
            section = self._section = self.form.table(table_id).section
            self.show_topic(guide.topic_for_cell(self.form, table_id, row, col),
                            guide.topic_for_section(self.form, section))
        self._follow(show)

    def show_for_section(self, section_id: str) -> None:
        """A section of the report (a tab; "basic" for the basic information); an unknown id clears the pane."""
        def show() -> None:
            from models import guide
            known = section_id in {s.id for s in self.form.sections} | {guide.BASIC_TOPIC_ID}
            self._section = section_id if known else None
            self.show_topic(guide.topic_for_section(self.form, section_id) if known else None)
        self._follow(show)

    def show_whole_guide(self) -> None:
        from .guide_dialog import GuideDialog
        self._catch_up()
        if self._dialog is None:
            self._dialog = GuideDialog(self.form, self.window())
        dialog = self._dialog
        dialog.show()
        dialog.raise_()
        dialog.show_section(self._section or "general")

    def text(self) -> str:
        return self.browser.toPlainText()
