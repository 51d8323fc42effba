"""帮助 → 填报说明: the whole guide in one window, in the order of the printed form, with a find box."""
from __future__ import annotations

from html import escape

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QTextBrowser, QVBoxLayout

from models import guide
from models.form import FormDef

from .screen_fit import RemembersSize


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.split("\n") if line)


def guide_html(form: FormDef) -> str:
    """The whole guide as rich text; each chapter has an anchor named after its section id ("general" and
    "basic" first)."""
    anchors = ["general", guide.BASIC_TOPIC_ID] + [s.id for s in form.sections]
    parts = [f"<h2>填报说明</h2><p style='color:#555'>表格格式：{escape(form.name)}</p>"]
    for anchor, chapter in zip(anchors, guide.whole_guide(form)):
        parts.append(f"<a name='{anchor}'></a><h3>{escape(chapter.title)}</h3>")
        if chapter.text:
            parts.append(_paragraphs(chapter.text))
        if chapter.entries:
            rows = "".join(f"<tr><td width='30%'><b>{escape(e.title)}</b></td><td>{escape(e.text)}</td></tr>"
                           for e in chapter.entries)
            parts.append(f"<table border='1' cellspacing='0' cellpadding='4' width='100%'>{rows}</table>")
    return "".join(parts)


class GuideDialog(RemembersSize, QDialog):
    """The whole 填报说明; not modal, so it can stay open beside the form."""

    size_key = "guideDialog"

    def __init__(self, form: FormDef, parent=None):
        super().__init__(parent)
        self.setWindowTitle("填报说明")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(guide_html(form))
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("查找，例如：部分公开、万元、结转")
        self.find_box.returnPressed.connect(self.find_next)
        self.find_status = QLabel()
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.find_box.setFocus)
        find_row = QHBoxLayout()
        find_row.addWidget(QLabel("查找："))
        find_row.addWidget(self.find_box, 1)
        find_row.addWidget(self.find_status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(find_row)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.restore_size(820, 640)

    def show_section(self, section_id: str) -> None:
        """Open at a section's chapter ("general" for the general rules)."""
        self.browser.scrollToAnchor(section_id)

    def find_next(self) -> bool:
        """The next place the find box's text occurs, from the cursor on, wrapping once to the top."""
        text = self.find_box.text().strip()
        if not text:
            self.find_status.clear()
            return False
        found = self.browser.find(text)
        if not found:
            cursor = self.browser.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text)
        self.find_status.setText("" if found else "没有找到")
        return found
