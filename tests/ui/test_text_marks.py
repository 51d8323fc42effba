"""Shading in the narrative editor: repeated sentences and figures, at the right characters."""
from PySide6.QtWidgets import QTextEdit

from ui.text_marks import FIGURE_BG, REPEATED_BG, STALE_BG, TextMarks, utf16_offsets


def shaded(editor: QTextEdit) -> list[tuple[int, int, str]]:
    """(document position, length, background) of every format range the highlighter set."""
    found = []
    block = editor.document().begin()
    while block.isValid():
        for r in block.layout().formats():
            found.append((block.position() + r.start, r.length, r.format.background().color().name()))
        block = block.next()
    return sorted(found)


def test_spans_across_paragraphs_and_kinds(qtbot):
    editor = QTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText("第一句。第二句有 60 件。\n第三句。")
    marks = TextMarks(editor.document())
    marks.set_marks(repeated=[(0, 4), (11, 18)], figures=[(9, 11)], stale=[])
    assert shaded(editor) == [(0, 4, REPEATED_BG.name()), (9, 2, FIGURE_BG.name()),
                              (11, 3, REPEATED_BG.name()), (15, 3, REPEATED_BG.name())]
    assert marks.spans("figure") == [(9, 11)] and marks.spans("repeated") == [(0, 4), (11, 18)]
    marks.set_marks(stale=[(9, 11)])
    assert shaded(editor) == [(9, 2, STALE_BG.name())]


def test_offsets_beyond_the_basic_plane_count_twice_for_qt(qtbot):
    text = "𠀀申请 7 件"  # a CJK Extension B character: two UTF-16 units
    assert utf16_offsets(text)[1] == 2
    editor = QTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(text)
    marks = TextMarks(editor.document())
    marks.set_marks(figures=[(4, 5)])  # "7" in Python offsets
    (position, length, _), = shaded(editor)
    cursor = editor.textCursor()
    cursor.setPosition(position)
    cursor.setPosition(position + length, cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "7"
