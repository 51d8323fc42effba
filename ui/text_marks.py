"""Shading in a narrative editor: sentences repeated from last year, generated figures, out-of-date figures.

The spans come from the models (``models.repetition.repeated_sentences``,
``models.statistics_text.in_step.figure_spans``) as offsets in the sub-section's
text; the window hands them over with ``set_marks`` whenever they change.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

REPEATED_BG = QColor("#fff0c2")  # a light amber: text worth rewriting, not an error
FIGURE_BG = QColor("#e2ecfb")    # a light blue: a number written from the tables, in step
STALE_BG = QColor("#ffc9c9")     # red: the tables now say otherwise
STALE_LINE = QColor("#c62828")

KINDS = ("repeated", "figure", "stale")  # painted in this order, a later one over an earlier

Span = tuple[int, int]


def _formats() -> dict[str, QTextCharFormat]:
    repeated = QTextCharFormat()
    repeated.setBackground(REPEATED_BG)
    figure = QTextCharFormat()
    figure.setBackground(FIGURE_BG)
    figure.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    stale = QTextCharFormat()
    stale.setBackground(STALE_BG)
    stale.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    stale.setUnderlineColor(STALE_LINE)
    return {"repeated": repeated, "figure": figure, "stale": stale}


def utf16_offsets(text: str) -> list[int]:
    """For each Python offset into ``text`` (and its end), the position Qt counts (UTF-16 code units)."""
    offsets, position = [0], 0
    for ch in text:
        position += 2 if ord(ch) > 0xFFFF else 1
        offsets.append(position)
    return offsets


class TextMarks(QSyntaxHighlighter):
    """Shades spans of a ``QTextEdit``'s document; ``set_marks`` replaces them."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._formats = _formats()
        self._spans: dict[str, list[Span]] = {kind: [] for kind in KINDS}  # in Qt positions

    def set_marks(self, *, repeated: Iterable[Span] = (), figures: Iterable[Span] = (),
                  stale: Iterable[Span] = ()) -> None:
        """Spans as Python offsets into the document's plain text (as the models give them)."""
        text = self.document().toPlainText()
        offsets = utf16_offsets(text)
        limit = len(text)

        def qt(spans: Iterable[Span]) -> list[Span]:
            return sorted((offsets[max(0, min(s, limit))], offsets[max(0, min(e, limit))])
                          for s, e in spans if e > s)

        self._spans = {"repeated": qt(repeated), "figure": qt(figures), "stale": qt(stale)}
        self.rehighlight()

    def spans(self, kind: str) -> list[Span]:
        return list(self._spans[kind])

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        start, end = block.position(), block.position() + block.length() - 1
        for kind in KINDS:
            for s, e in self._spans[kind]:
                if e <= start or s >= end:
                    continue
                left = max(s, start)
                self.setFormat(left - start, min(e, end) - left, self._formats[kind])
